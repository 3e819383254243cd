//
// easynet — serializer framing overhead against the underlying codec, measured in the
// same run.
//
// For each format and document size, one iteration sends and receives one packet:
//   <fmt>/<size>/easynet   stream_protocol::generate_chunks(doc), then the chunks are fed
//                          to a stream_consumer and next_packet() returns the document;
//   <fmt>/<size>/raw       the library called directly on the same document:
//                            json     boost::json::serialize + "\n", then boost::json::parse
//                            line     text + "\n", then memchr for the newline and a copy
//                            msgpack  easynet's msgpack codec: msgpack_encode, msgpack_decode
//   line/<size>/checked    (extra) raw line, plus the UTF-8 validation of the text on both
//                          sides that the line serializer (like Python's str/bytes
//                          conversions) must do;
//   json/<size>/codec      (extra) easynet's Python-exact JSON codec called directly
//                          (json::encode + "\n", json::decode): the JSON serializer's engine,
//                          which differs from Boost.JSON's serializer in its number and string
//                          formatting (WIRE_FORMATS §2).
// Sizes: documents of about 1 KiB and 10 KiB (an object of records; for line, ASCII text).
// At the end, one line per pair prints easynet/raw (and easynet/codec) of the CPU time per
// iteration, medians over --benchmark_repetitions. Target: framing overhead <= 10%.
//
// Distributed under the Boost Software License, Version 1.0.
//

#include <easynet/protocol/stream_protocol.hpp>
#include <easynet/serializers/detail/msgpack_codec.hpp>
#include <easynet/serializers/detail/text_codec.hpp>
#include <easynet/serializers/json/json_codec.hpp>
#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>

#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

namespace json = boost::json;
namespace ser = easynet::serializers;

constexpr std::size_t limit = 1024 * 1024;

/// An object of records whose compact JSON text is at least `size` bytes.
json::value make_document(std::size_t size)
{
    json::object doc;
    json::array records;
    doc["kind"] = "benchmark";
    for (int i = 0; json::serialize(doc).size() + json::serialize(records).size() < size; ++i) {
        records.push_back(json::object{{"id", i},
                                       {"name", "user-" + std::to_string(i)},
                                       {"score", 1.5 * i + 0.25},
                                       {"active", i % 3 == 0},
                                       {"tags", json::array{"alpha", "beta", i}}});
    }
    doc["records"] = std::move(records);
    return doc;
}

std::string make_line(std::size_t size)
{
    std::string line;
    for (std::size_t i = 0; line.size() < size; ++i)
        line += "The quick brown fox jumps over the lazy dog " + std::to_string(i) + ". ";
    line.resize(size);
    return line;
}

/// One packet through the stream protocol: generate_chunks, feed, next_packet.
template <class Packet>
void through_protocol(benchmark::State& state, const easynet::protocol::stream_protocol<Packet>& protocol,
                      const Packet& packet)
{
    auto consumer = protocol.make_consumer();
    std::vector<std::string> chunks;
    std::size_t bytes = 0;
    for (auto _ : state) {
        chunks.clear();
        protocol.generate_chunks(packet, chunks);
        for (const auto& c : chunks) {
            consumer.feed(c);
            bytes += c.size();
        }
        std::optional<Packet> received = consumer.next_packet();
        if (!received)
            state.SkipWithError("no packet");
        benchmark::DoNotOptimize(received);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void json_easynet(benchmark::State& state, std::size_t size)
{
    const json::value doc = make_document(size);
    const easynet::protocol::stream_protocol<json::value> protocol(
        std::make_shared<const ser::json_serializer<>>(ser::json_serializer_options{.limit = limit}));
    through_protocol(state, protocol, doc);
}

void json_raw(benchmark::State& state, std::size_t size)
{
    const json::value doc = make_document(size);
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text = json::serialize(doc);
        text += '\n';
        bytes += text.size();
        json::value back = json::parse(std::string_view(text).substr(0, text.size() - 1));
        benchmark::DoNotOptimize(back);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void json_codec(benchmark::State& state, std::size_t size)
{
    const json::value doc = make_document(size);
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text;
        ser::json::encode(doc, text);
        text += '\n';
        bytes += text.size();
        json::value back = ser::json::decode(std::string_view(text).substr(0, text.size() - 1));
        benchmark::DoNotOptimize(back);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void line_easynet(benchmark::State& state, std::size_t size)
{
    const std::string line = make_line(size);
    const easynet::protocol::stream_protocol<std::string> protocol(std::make_shared<const ser::string_line_serializer>(
        ser::string_line_options{.encoding = ser::text_encoding::utf8, .limit = limit}));
    through_protocol(state, protocol, line);
}

void line_raw(benchmark::State& state, std::size_t size)
{
    const std::string line = make_line(size);
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string wire = line;
        wire += '\n';
        bytes += wire.size();
        const void* nl = std::memchr(wire.data(), '\n', wire.size());
        std::string back(wire.data(), static_cast<std::size_t>(static_cast<const char*>(nl) - wire.data()));
        benchmark::DoNotOptimize(back);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void line_checked(benchmark::State& state, std::size_t size)
{
    const std::string line = make_line(size);
    std::size_t bytes = 0;
    for (auto _ : state) {
        if (ser::detail::find_utf8_error(line))
            state.SkipWithError("invalid text");
        std::string wire = line;
        wire += '\n';
        bytes += wire.size();
        const void* nl = std::memchr(wire.data(), '\n', wire.size());
        std::string back(wire.data(), static_cast<std::size_t>(static_cast<const char*>(nl) - wire.data()));
        if (ser::detail::find_utf8_error(back))
            state.SkipWithError("invalid text");
        benchmark::DoNotOptimize(back);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void msgpack_easynet(benchmark::State& state, std::size_t size)
{
    const json::value doc = make_document(size);
    const easynet::protocol::stream_protocol<json::value> protocol(
        std::make_shared<const ser::msgpack_serializer>(ser::msgpack_serializer_options{.limit = limit}));
    through_protocol(state, protocol, doc);
}

void msgpack_raw(benchmark::State& state, std::size_t size)
{
    const json::value doc = make_document(size);
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string wire;
        ser::detail::msgpack_encode(doc, wire);
        bytes += wire.size();
        json::value back;
        ser::detail::msgpack_decode(wire, back);
        benchmark::DoNotOptimize(back);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

// ------------------------------------------------------------------------------------------
// Registration and ratio report

void register_all()
{
    for (const std::size_t size : {std::size_t{1024}, std::size_t{10 * 1024}}) {
        const std::string s = size == 1024 ? "1KiB" : "10KiB";
        auto reg = [&](const std::string& name, void (*fn)(benchmark::State&, std::size_t)) {
            benchmark::RegisterBenchmark(name.c_str(), [fn, size](benchmark::State& st) { fn(st, size); });
        };
        reg("json/" + s + "/easynet", json_easynet);
        reg("json/" + s + "/raw", json_raw);
        reg("json/" + s + "/codec", json_codec);
        reg("line/" + s + "/easynet", line_easynet);
        reg("line/" + s + "/raw", line_raw);
        reg("line/" + s + "/checked", line_checked);
        reg("msgpack/" + s + "/easynet", msgpack_easynet);
        reg("msgpack/" + s + "/raw", msgpack_raw);
    }
}

/// The console reporter, plus a record of the CPU time per iteration of every run.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    using benchmark::ConsoleReporter::ConsoleReporter;

    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const auto& run : runs) {
            if (run.error_occurred ||
                (run.run_type == Run::RT_Aggregate && (run.aggregate_name != "median" || run.report_big_o)))
                continue;
            auto& t = (run.run_type == Run::RT_Iteration ? times_ : median_times_)[run.run_name.function_name];
            t.push_back(run.GetAdjustedCPUTime() * 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit));
        }
        benchmark::ConsoleReporter::ReportRuns(runs);
    }

    /// "ratio <fmt>/<size>: easynet/raw = x" for every pair that ran.
    void print_ratios()
    {
        for (auto& [name, t] : median_times_)
            times_.try_emplace(name, t);
        bool header = false;
        for (const auto& [name, mine] : times_) {
            const std::string suffix = "/easynet";
            if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
                continue;
            const std::string pair = name.substr(0, name.size() - suffix.size());
            for (const char* base : {"raw", "codec", "checked"}) {
                auto other = times_.find(pair + "/" + base);
                if (other == times_.end())
                    continue;
                if (!header) {
                    std::printf("\neasynet stream protocol / direct library call, CPU time per packet "
                                "(median of the repetitions)\n");
                    header = true;
                }
                const double ratio = median(mine) / median(other->second);
                std::printf("ratio %-14s easynet/%-7s %5.2fx  (easynet %9.1f ns, %s %9.1f ns)%s\n",
                            (pair + ":").c_str(), base, ratio, median(mine), base, median(other->second),
                            ratio <= 1.10 ? "  target <= 1.10x: met" : "  target <= 1.10x: NOT met");
            }
        }
        std::fflush(stdout);
    }

private:
    static double median(std::vector<double> v)
    {
        std::sort(v.begin(), v.end());
        const std::size_t n = v.size();
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    std::map<std::string, std::vector<double>> times_;
    std::map<std::string, std::vector<double>> median_times_;
};

} // namespace

int main(int argc, char** argv)
{
    register_all();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    ratio_reporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_ColorTabular
                                                  : benchmark::ConsoleReporter::OO_Tabular);
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_ratios();
    benchmark::Shutdown();
    return 0;
}
