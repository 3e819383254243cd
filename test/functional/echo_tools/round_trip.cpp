//
// easynet-echo-server + easynet-echo-client: every --format × --wrap round trip over TCP
// and UDP on 127.0.0.1 port 0, and over Unix stream and datagram sockets, TLS, and a
// 2-thread server.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "tool_process.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <easynet_test/network.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace echo_tools_test;
namespace data = boost::unit_test::data;

namespace {

const std::vector<std::string> formats{"raw", "line", "json", "msgpack", "cbor"};
const std::vector<std::string> wraps{"none", "base64", "zlib", "bz2"};

/// Input lines whose echo, printed by the client, is the same text.
std::string sample_input(const std::string& format)
{
    if (format == "line")
        return "hello\n\xc3\xa9 and \xe6\x97\xa5\xe6\x9c\xac\nabc\r\nlast line\n";
    if (format == "raw")
        return "hello raw\nsecond chunk of bytes\n";
    return "{\"k\":[1,2.5,null,\"\\u00e9\"]}\n"
           "42\n"
           "\"text with \\\"quotes\\\" and \\\\\"\n"
           "[true,false,null,-0.0,1e+16,1e-05]\n"
           "{\"nested\":{\"b\":[1,{\"c\":-3}],\"a\":{}},\"z\":\"\\ud83d\\ude00\"}\n"
           "NaN\n";
}

std::string tls_file(const char* name) { return std::string(EASYNET_TEST_DATA_DIR) + "/tls/" + name; }

void check_round_trip(const std::vector<std::string>& server_args, const std::vector<std::string>& client_args,
                      const std::string& format, const std::string& input)
{
    echo_server server(server_args);
    std::vector<std::string> args = client_args;
    if (std::find(args.begin(), args.end(), "--path") == args.end()) {
        args.push_back("--port");
        args.push_back(server.port());
    }
    process_result result = run_tool(client_path, args, input);
    BOOST_TEST(result.err == "");
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out == input);
    BOOST_TEST(server.stop() == 0);
    (void)format;
}

} // namespace

BOOST_AUTO_TEST_SUITE(round_trip)

BOOST_DATA_TEST_CASE(tcp_echo_of_every_format_and_wrap_is_the_input, data::make(formats) * data::make(wraps), format,
                     wrap)
{
    const std::vector<std::string> common{"--transport", "tcp", "--host", "127.0.0.1", "--format", format, "--wrap", wrap};
    std::vector<std::string> server_args = common;
    server_args.insert(server_args.end(), {"--port", "0"});
    check_round_trip(server_args, common, format, sample_input(format));
}

BOOST_DATA_TEST_CASE(udp_echo_of_every_format_and_wrap_is_the_input, data::make(formats) * data::make(wraps), format,
                     wrap)
{
    const std::vector<std::string> common{"--transport", "udp", "--host", "127.0.0.1", "--format", format, "--wrap", wrap};
    std::vector<std::string> server_args = common;
    server_args.insert(server_args.end(), {"--port", "0"});
    check_round_trip(server_args, common, format, sample_input(format));
}

BOOST_DATA_TEST_CASE(unix_dgram_echo_is_the_input, data::make(std::vector<std::string>{"raw", "line", "json", "cbor"}),
                     format)
{
    easynet_test::temp_dir dir;
    const std::string path = (dir / "echo-dgram.sock").string();
    const std::vector<std::string> args{"--transport", "unix-dgram", "--path", path, "--format", format, "--wrap", "bz2"};
    check_round_trip(args, args, format, sample_input(format));
}

BOOST_DATA_TEST_CASE(unix_stream_echo_is_the_input, data::make(std::vector<std::string>{"line", "json", "msgpack"}),
                     format)
{
    easynet_test::temp_dir dir;
    const std::string path = (dir / "echo.sock").string();
    const std::vector<std::string> args{"--transport", "unix-stream", "--path", path, "--format", format, "--wrap", "zlib"};
    check_round_trip(args, args, format, sample_input(format));
    BOOST_TEST(!std::filesystem::exists(path)); // the server removes its socket file
}

BOOST_AUTO_TEST_CASE(tls_echo_verifies_the_server_against_the_test_ca)
{
    const std::vector<std::string> server_args{"--transport", "tcp",  "--host", "127.0.0.1",
                                               "--port",      "0",    "--format", "json",
                                               "--tls",       "--cert", tls_file("server.pem"),
                                               "--key",       tls_file("server.key")};
    const std::vector<std::string> client_args{"--transport", "tcp",   "--host",   "127.0.0.1", "--format",
                                               "json",        "--tls", "--cafile", tls_file("ca.pem")};
    check_round_trip(server_args, client_args, "json", sample_input("json"));
}

BOOST_AUTO_TEST_CASE(tls_client_without_the_test_ca_fails_verification)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "line", "--tls", "--cert",
                        tls_file("server.pem"), "--key", tls_file("server.key")});
    process_result result = run_tool(client_path, {"--transport", "tcp", "--port", server.port(), "--format", "line", "--tls"},
                                     "hello\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err.find("certificate verify failed") != std::string::npos, result.err);
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(two_thread_server_echoes_concurrent_clients)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "msgpack", "--threads", "2"});
    std::vector<std::unique_ptr<tool_process>> clients;
    std::string input;
    for (int i = 0; i < 50; ++i)
        input += "{\"n\":" + std::to_string(i) + ",\"s\":\"" + std::string(static_cast<std::size_t>(i) * 10, 'x') + "\"}\n";
    for (int i = 0; i < 4; ++i) {
        clients.push_back(std::make_unique<tool_process>(
            client_path, std::vector<std::string>{"--transport", "tcp", "--port", server.port(), "--format", "msgpack"}));
    }
    for (auto& client : clients) {
        process_result result = client->finish(input);
        BOOST_TEST(result.exit_code == 0);
        BOOST_TEST(result.out == input);
    }
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(packets_of_200_kib_round_trip)
{
    const std::string big(200 * 1024, 'y');
    for (const char* wrap : {"none", "base64", "bz2"}) {
        echo_server server({"--transport", "tcp", "--port", "0", "--format", "json", "--wrap", wrap});
        const std::string input = "[\"" + big + "\",1]\n";
        process_result result =
            run_tool(client_path, {"--transport", "tcp", "--port", server.port(), "--format", "json", "--wrap", wrap}, input);
        BOOST_TEST(result.exit_code == 0, wrap << ": " << result.err);
        BOOST_TEST((result.out == input), wrap);
        BOOST_TEST(server.stop() == 0);
    }
}

BOOST_AUTO_TEST_SUITE_END()
