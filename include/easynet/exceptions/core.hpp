//
// easynet — exceptions shared by every layer (EasyNetwork's `easynetwork.exceptions`).
//
#ifndef EASYNET_EXCEPTIONS_CORE_HPP
#define EASYNET_EXCEPTIONS_CORE_HPP

#include <boost/system/system_error.hpp>

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace easynet {

/** The cancellation signal delivered to a task.

    Thrown at a checkpoint (any suspending backend call) of a task whose enclosing cancel
    scope was cancelled. It deliberately does NOT derive from `std::exception`, so that
    `catch (const std::exception&)` cannot swallow it (like `boost::thread_interrupted`).
    Catch it only to clean up, then rethrow; the cancel scope that caused it swallows it.
*/
struct cancelled {
};

/** An operation exceeded its deadline (Python `TimeoutError`, an `OSError` with ETIMEDOUT).

    Derived from `boost::system::system_error` with `errc::timed_out`, so code catching
    OS errors also catches timeouts, as in EasyNetwork.
*/
class timeout_error : public boost::system::system_error {
public:
    explicit timeout_error(const std::string& what = "timed out");
};

/** Several errors raised together (Python `ExceptionGroup`).

    Produced by task groups and `gather` when one or more child tasks fail, by listener
    creation when several binds fail, and by happy-eyeballs connection attempts.
*/
class exception_group : public std::exception {
public:
    exception_group(std::string message, std::vector<std::exception_ptr> exceptions);

    /// The message given at construction (without the sub-exception list).
    const std::string& message() const noexcept { return message_; }
    /// The grouped exceptions, in the order they were collected.
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }
    /// `message (N sub-exceptions)`.
    const char* what() const noexcept override { return what_.c_str(); }

private:
    std::string message_;
    std::string what_;
    std::vector<std::exception_ptr> exceptions_;
};

/** A task-only function (one that may suspend) was called outside a task. */
class not_in_task_error : public std::logic_error {
public:
    explicit not_in_task_error(const std::string& function);
};

/** Operation on a closed (or closing) client. */
class client_closed_error : public std::runtime_error {
public:
    explicit client_closed_error(const std::string& what = "Closed client") : std::runtime_error(what) {}
};

/** Operation on a closed server. */
class server_closed_error : public std::runtime_error {
public:
    explicit server_closed_error(const std::string& what = "Closed server") : std::runtime_error(what) {}
};

/** `serve_forever()` called while the server is already serving. */
class server_already_running : public std::runtime_error {
public:
    explicit server_already_running(const std::string& what = "Server is already running")
        : std::runtime_error(what) {}
};

/** A resource that allows one user at a time (an endpoint's receiver, a listener) is busy. */
class busy_resource_error : public std::runtime_error {
public:
    explicit busy_resource_error(const std::string& what) : std::runtime_error(what) {}
};

/** The operation is not supported by this object (Python `UnsupportedOperation`). */
class unsupported_operation : public std::logic_error {
public:
    explicit unsupported_operation(const std::string& what) : std::logic_error(what) {}
};

/** The stream ended, or a single read did not bring a whole packet (Python `EOFError`;
    "Received partial packet data" for a read with ancillary data, SEMANTICS A1). */
class eof_error : public std::runtime_error {
public:
    explicit eof_error(const std::string& what) : std::runtime_error(what) {}
};

/** A typed extra attribute is not provided by the object it was asked from. */
class typed_attribute_lookup_error : public std::out_of_range {
public:
    explicit typed_attribute_lookup_error(const std::string& what = "Attribute not found")
        : std::out_of_range(what) {}
};

/// True when `e` holds an `easynet::cancelled`.
bool is_cancellation(const std::exception_ptr& e) noexcept;

} // namespace easynet

#endif
