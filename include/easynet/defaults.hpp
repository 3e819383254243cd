//
// easynet — every documented default and limit, in one place.
//
#ifndef EASYNET_DEFAULTS_HPP
#define EASYNET_DEFAULTS_HPP

#include <cstddef>

#ifndef EASYNET_DEFAULT_STACK_SIZE
/// Default coroutine stack size in bytes (CMake cache variable EASYNET_DEFAULT_STACK_SIZE).
#define EASYNET_DEFAULT_STACK_SIZE 262144
#endif

namespace easynet::defaults {

/// Stack size of each task (stackful coroutine), in bytes. Overridable per runner.
inline constexpr std::size_t task_stack_size = EASYNET_DEFAULT_STACK_SIZE;

/// Default `max_recv_size` of stream endpoints and servers (DEFAULT_STREAM_BUFSIZE).
inline constexpr std::size_t stream_bufsize = 16 * 1024;

/// Receive buffer size of datagram endpoints and listeners (MAX_DATAGRAM_BUFSIZE).
inline constexpr std::size_t max_datagram_bufsize = 64 * 1024;

/// TLS handshake timeout in seconds (SSL_HANDSHAKE_TIMEOUT).
inline constexpr double ssl_handshake_timeout = 60.0;

/// TLS shutdown timeout in seconds (SSL_SHUTDOWN_TIMEOUT).
inline constexpr double ssl_shutdown_timeout = 30.0;

/// Delay between two staggered connection attempts of happy eyeballs (HAPPY_EYEBALLS_DELAY).
inline constexpr double happy_eyeballs_delay = 0.25;

/// Pause after an accept() that failed for lack of resources (ACCEPT_CAPACITY_ERROR_SLEEP_TIME).
inline constexpr double accept_capacity_error_sleep_time = 0.1;

/// Default `limit` of the line, JSON, base64 and file-based (MessagePack, CBOR) serializers:
/// the largest frame a stream deserializer buffers (DEFAULT_SERIALIZER_LIMIT).
inline constexpr std::size_t serializer_limit = 64 * 1024;

/// Default `retry_interval` of the sync transports and clients, in seconds: the longest
/// slice a blocking call waits before checking again whether it was closed meanwhile.
inline constexpr double sync_retry_interval = 1.0;

/// Default `ancillary_bufsize` of Unix sockets: CMSG_SPACE(8192) on Linux
/// (DEFAULT_UNIX_SOCKETS_ANCILLARY_DATA_BUFSIZE).
inline constexpr std::size_t unix_ancillary_bufsize = 8192 + 16;

/// Default listen backlog of TCP and Unix stream servers.
inline constexpr int listen_backlog = 100;

/// Deepest nesting of arrays and maps accepted by the MessagePack and CBOR decoders
/// (the root container is depth 1). Keeps decoding, and the recursive destruction of the
/// resulting `boost::json::value`, well inside a task stack.
inline constexpr std::size_t binary_document_max_depth = 256;

/// Largest decompressed packet the zlib / bz2 compressor wrappers accept by default
/// (1 MiB, the echo tools' packet limit): a decompression bomb stops there.
inline constexpr std::size_t decompressed_size_limit = 1024 * 1024;

} // namespace easynet::defaults

#endif
