//
// easynet — errors raised by serializers, converters and protocols
// (EasyNetwork's DeserializeError family, PacketConversionError, *ProtocolParseError).
//
#ifndef EASYNET_EXCEPTIONS_PROTOCOL_HPP
#define EASYNET_EXCEPTIONS_PROTOCOL_HPP

#include <any>
#include <cstddef>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace easynet {

/** Extra data attached to an error by a serializer built with `debug = true`
    (Python's `error_info` attribute, a dict there).

    An ordered list of named entries holding arbitrary copyable values. The library uses
    these keys (byte strings are `std::string`, counters `std::size_t`):
    - `"data"`: the offending bytes (line, struct, file-based, JSON unicode errors);
    - `"document"`, `"position"`, `"lineno"`, `"colno"`: JSON decode errors (the document as
      text, then the character offset and 1-based line/column, as Python's JSONDecodeError);
    - `"packet"`, `"extra"`: a one-shot deserialize that found trailing bytes (the packet is
      stored with its own type).

    Thread safety: distinct objects: safe; shared objects: safe for const access.
*/
class error_info_map {
public:
    using entry = std::pair<std::string, std::any>;
    using const_iterator = std::vector<entry>::const_iterator;

    error_info_map() = default;
    error_info_map(std::initializer_list<entry> entries) : entries_(entries) {}

    /// Adds or replaces the entry `key`.
    void set(std::string key, std::any value);
    /// The value of `key`, or null.
    const std::any* find(std::string_view key) const noexcept;
    /// The value of `key` if it holds a `T`, else null.
    template <class T>
    const T* get(std::string_view key) const noexcept
    {
        const std::any* v = find(key);
        return v != nullptr ? std::any_cast<T>(v) : nullptr;
    }
    bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }
    std::size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    const_iterator begin() const noexcept { return entries_.begin(); }
    const_iterator end() const noexcept { return entries_.end(); }

private:
    std::vector<entry> entries_;
};

/// Shared, immutable error info (cheap to copy with the exception that carries it).
using error_info_ptr = std::shared_ptr<const error_info_map>;

/// Builds an `error_info_ptr` in place: `make_error_info({{"data", std::string(bytes)}})`.
inline error_info_ptr make_error_info(std::initializer_list<error_info_map::entry> entries)
{
    return std::make_shared<const error_info_map>(entries);
}

/** Common base of the errors caused by bad packet data: `deserialize_error` (and its
    incremental/limit subclasses) and `packet_conversion_error`.

    Not a Python class: it lets a protocol parse error hold "the error" polymorphically.
    Subclasses must override `clone()` and `rethrow()` (each library class does), otherwise
    a copy held by a parse error is sliced to the nearest class that does.
*/
class packet_error : public std::runtime_error {
public:
    /// The debug data attached by the serializer, or null (always null unless `debug`).
    const error_info_map* error_info() const noexcept { return info_.get(); }
    /// The same, shared.
    const error_info_ptr& shared_error_info() const noexcept { return info_; }

    /// A heap copy with the same dynamic type.
    virtual std::shared_ptr<const packet_error> clone() const = 0;
    /// Throws a copy of `*this` with its dynamic type.
    [[noreturn]] virtual void rethrow() const = 0;

protected:
    packet_error(const std::string& message, error_info_ptr info);

private:
    error_info_ptr info_;
};

/** The data given to a serializer's `deserialize()` is invalid, incomplete or followed by
    extra bytes (Python `DeserializeError`).

    Raised by one-shot deserialization. An incremental deserializer must raise
    `incremental_deserialize_error` instead (a plain `deserialize_error` escaping from it is
    reported by the protocol as a crash, SEMANTICS P3).
*/
class deserialize_error : public packet_error {
public:
    explicit deserialize_error(const std::string& message, error_info_ptr info = nullptr)
        : packet_error(message, std::move(info))
    {
    }
    std::shared_ptr<const packet_error> clone() const override;
    [[noreturn]] void rethrow() const override;
};

/** An incremental deserializer met an invalid frame (Python `IncrementalDeserializeError`).

    `remaining_data()` holds the bytes that follow the bad frame: the stream consumer keeps
    them as its buffer and parses them next (the recovery point, SEMANTICS M3).
*/
class incremental_deserialize_error : public deserialize_error {
public:
    incremental_deserialize_error(const std::string& message, std::string remaining_data, error_info_ptr info = nullptr)
        : deserialize_error(message, std::move(info)), remaining_data_(std::move(remaining_data))
    {
    }
    /// Unused trailing data, to be parsed again.
    const std::string& remaining_data() const noexcept { return remaining_data_; }
    std::shared_ptr<const packet_error> clone() const override;
    [[noreturn]] void rethrow() const override;

private:
    std::string remaining_data_;
};

/** The buffer size limit was reached while looking for the end of a frame
    (Python `LimitOverrunError`).

    Built from the too-big `buffer` and the number of bytes `consumed` (to be discarded).
    The remaining data is `buffer[consumed:]`, from which, when `separator` is not empty,
    a leading separator is removed; if the remainder does not start with the separator,
    leading bytes are dropped until what is left is a prefix of the separator (so a
    separator split across two receives is still recognised). `error_info()` is always null.
*/
class limit_overrun_error : public incremental_deserialize_error {
public:
    limit_overrun_error(const std::string& message, std::string_view buffer, std::size_t consumed,
                        std::string_view separator = {});
    /// Total number of bytes to be consumed (discarded).
    std::size_t consumed() const noexcept { return consumed_; }
    std::shared_ptr<const packet_error> clone() const override;
    [[noreturn]] void rethrow() const override;

private:
    std::size_t consumed_;
};

/** A converter rejected a received DTO packet (Python `PacketConversionError`).

    Must be thrown by `create_from_dto_packet()` for invalid business data; any other
    exception is reported as a crash.
*/
class packet_conversion_error : public packet_error {
public:
    explicit packet_conversion_error(const std::string& message, error_info_ptr info = nullptr)
        : packet_error(message, std::move(info))
    {
    }
    std::shared_ptr<const packet_error> clone() const override;
    [[noreturn]] void rethrow() const override;
};

/** Parsing error raised by a protocol object (Python `BaseProtocolParseError`).

    `what()` is `"Error while parsing data: " + error().what()`.
*/
class base_protocol_parse_error : public std::runtime_error {
public:
    explicit base_protocol_parse_error(const packet_error& error);

    /// The underlying error: a `deserialize_error` (or subclass) or a `packet_conversion_error`.
    const packet_error& error() const noexcept { return *error_; }
    /// The underlying error as `E`, or null if it is not an `E` (e.g. `error_as<limit_overrun_error>()`).
    template <class E>
    const E* error_as() const noexcept
    {
        return dynamic_cast<const E*>(error_.get());
    }
    /// Shortcut for `error().error_info()`.
    const error_info_map* error_info() const noexcept { return error_->error_info(); }

private:
    std::shared_ptr<const packet_error> error_;
};

/** `datagram_protocol::build_packet_from_datagram()` failed (Python `DatagramProtocolParseError`).
    The datagram is dropped; nothing carries over to the next one. */
class datagram_protocol_parse_error : public base_protocol_parse_error {
public:
    explicit datagram_protocol_parse_error(const packet_error& error) : base_protocol_parse_error(error) {}
};

/** A stream frame could not be parsed (Python `StreamProtocolParseError`).

    The consumer that raised it has already made `remaining_data()` its buffer: calling
    `next_packet()` again resumes parsing there (the connection is not closed by the library).
*/
class stream_protocol_parse_error : public base_protocol_parse_error {
public:
    stream_protocol_parse_error(std::string remaining_data, const packet_error& error)
        : base_protocol_parse_error(error), remaining_data_(std::move(remaining_data))
    {
    }
    /// Unused trailing data, kept by the consumer as its recovery point.
    const std::string& remaining_data() const noexcept { return remaining_data_; }

private:
    std::string remaining_data_;
};

/** A serializer, converter or protocol hook raised an unexpected exception: a bug, not bad
    data (Python `RuntimeError("protocol.... crashed")`, SEMANTICS M5).

    Derives from `std::nested_exception`: constructed inside a `catch` block, it captures the
    original exception, reachable with `original_exception()` or `std::rethrow_if_nested`.
    Messages used by the library: "protocol.generate_chunks() crashed",
    "protocol.make_datagram() crashed", "protocol.build_packet_from_chunks() crashed",
    "protocol.build_packet_from_buffer() crashed", "protocol.build_packet_from_datagram() crashed",
    "DeserializeError raised instead of IncrementalDeserializeError",
    "The start position is set to the end of the buffer".
*/
class protocol_crash_error : public std::runtime_error, public std::nested_exception {
public:
    explicit protocol_crash_error(const std::string& message) : std::runtime_error(message) {}
    /// The exception being handled when this error was built (may be null).
    std::exception_ptr original_exception() const noexcept { return nested_ptr(); }
};

} // namespace easynet

#endif
