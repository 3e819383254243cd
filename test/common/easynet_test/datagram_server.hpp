// Shared fixture of the datagram server tests: a raw (one datagram = one packet) scripted
// protocol and a helper that serves a high-level server in the background.
#ifndef EASYNET_TEST_DATAGRAM_SERVER_HPP
#define EASYNET_TEST_DATAGRAM_SERVER_HPP

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/servers/abc.hpp>
#include <easynet_test/scripted_serializer.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <string>

namespace easynet_test {

/// Datagrams as they are; "bad" is a parse error, "crash" a serializer crash (both ways).
inline easynet::protocol::datagram_protocol<std::string> scripted_datagram_protocol()
{
    return easynet::protocol::datagram_protocol<std::string>(std::make_shared<scripted_serializer>());
}

inline std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

/// Runs `server.serve_forever()` in a task, calls `body()` once it is up, then shuts it
/// down (each wait bounded by 5 s).
template <class Body>
void serve_while(easynet::servers::async_base_server& server, Body body)
{
    namespace backend = easynet::lowlevel::api_async::backend;
    using namespace std::chrono_literals;
    backend::with_task_group([&](backend::task_group& tg) {
        auto up = backend::create_event();
        tg.start_soon([&] { server.serve_forever(up); });
        backend::timeout(5s, [&] { up.wait(); });
        body();
        backend::timeout(5s, [&] { server.shutdown(); });
    });
}

} // namespace easynet_test

#endif
