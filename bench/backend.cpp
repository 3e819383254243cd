//
// easynet — backend overhead against raw `boost::asio::spawn`, measured in the same run.
//
// Each pair runs the same work twice: through easynet's backend (tasks, cancel scopes,
// task groups) and written directly with `boost::asio::spawn` on an `io_context`. Every
// benchmark run starts one event loop and runs all of its iterations inside one
// coroutine (Google Benchmark's `for (auto _ : state)` loop runs on the coroutine stack).
// At the end, one line per pair prints the ratio easynet/raw of the CPU time per
// iteration (median over --benchmark_repetitions), of the fastest repetitions, and of the
// real time. Every benchmark is single-threaded, so on a quiet machine CPU and real time
// agree; on a busy one trust CPU time. For stable figures on a shared machine:
//
//   easynet-bench-backend --benchmark_repetitions=10 --benchmark_min_time=0.2
//       --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true
//
//   task_switch/single     one task yielding in a loop: coro_yield() vs post(yield)
//   task_switch/tasks:N    N tasks taking turns (N switches per iteration)
//   sleep/us:D             sleep(D µs) vs a steady_timer::async_wait(yield) of D µs
//   cancel_scope           move_on_after(1h).run(body with one yield) vs a timer armed
//                          to emit a cancellation_signal bound to one post
//   spawn_join/<stack>     start a child task and wait for it to finish, with guarded
//                          (mmap + guard page, the default) or fixed (malloc) stacks
//   task_group/<stack>     a whole task group per iteration: open, start one child, close
//
// Target: task_switch ratios <= 1.2.
//
// Distributed under the Boost Software License, Version 1.0.
//

#include <easynet/lowlevel/api_async/backend/async_backend.hpp>

#include <benchmark/benchmark.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/context/fixedsize_stack.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <malloc.h>
#include <unistd.h>

namespace {

namespace asio = boost::asio;
namespace be = easynet::lowlevel::api_async::backend;
using namespace std::chrono_literals;

// ---------------------------------------------------------------------------------------
// Harness

/// Runs `body(state)` as the main task of a fresh easynet loop (single thread).
template <typename F>
void on_easynet(benchmark::State& state, F&& body, be::stack_kind stack = be::stack_kind::guarded)
{
    be::runner_options options;
    options.stack = stack;
    try {
        be::bootstrap([&] { body(state); }, options);
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    } catch (const easynet::cancelled&) {
        state.SkipWithError("cancelled");
    }
}

/// Runs `body(state, yield)` in a coroutine spawned on a fresh io_context (one thread,
/// same concurrency hint as easynet's single-threaded loop).
template <typename F>
void on_raw(benchmark::State& state, F&& body)
{
    asio::io_context context(1);
    std::exception_ptr error;
    asio::spawn(
        context, [&](asio::yield_context yield) { body(state, yield); },
        [&](std::exception_ptr e) { error = e; });
    context.run();
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            state.SkipWithError(e.what());
        }
    }
}

/// The stack allocator easynet uses for `kind`, with the same size.
template <typename F>
void with_raw_stack(be::stack_kind kind, F&& fn)
{
    if (kind == be::stack_kind::guarded)
        fn(boost::context::protected_fixedsize_stack(easynet::defaults::task_stack_size));
    else
        fn(boost::context::fixedsize_stack(easynet::defaults::task_stack_size));
}

// ---------------------------------------------------------------------------------------
// (a) task switch: suspend + resume

void easynet_task_switch_single(benchmark::State& state)
{
    on_easynet(state, [](benchmark::State& st) {
        for (auto _ : st)
            be::coro_yield();
    });
}

void raw_task_switch_single(benchmark::State& state)
{
    on_raw(state, [](benchmark::State& st, asio::yield_context yield) {
        for (auto _ : st)
            asio::post(yield);
    });
}

/// N tasks take turns: the main task drives the benchmark loop, N-1 others yield until
/// it is done, so each iteration is N suspend/resume pairs.
void easynet_task_switch_tasks(benchmark::State& state, int tasks)
{
    on_easynet(state, [tasks](benchmark::State& st) {
        bool done = false;
        be::with_task_group([&](be::task_group& tg) {
            for (int i = 1; i < tasks; ++i)
                tg.start_soon([&] {
                    while (!done)
                        be::coro_yield();
                });
            be::coro_yield(); // let the others start
            for (auto _ : st)
                be::coro_yield();
            done = true;
        });
    });
    state.counters["per_switch"] =
        benchmark::Counter(static_cast<double>(state.iterations()) * tasks,
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void raw_task_switch_tasks(benchmark::State& state, int tasks)
{
    on_raw(state, [tasks](benchmark::State& st, asio::yield_context yield) {
        bool done = false;
        int running = tasks - 1;
        for (int i = 1; i < tasks; ++i)
            asio::spawn(
                yield.get_executor(),
                [&](asio::yield_context y) {
                    while (!done)
                        asio::post(y);
                    --running;
                },
                asio::detached);
        asio::post(yield);
        for (auto _ : st)
            asio::post(yield);
        done = true;
        while (running > 0)
            asio::post(yield);
    });
    state.counters["per_switch"] =
        benchmark::Counter(static_cast<double>(state.iterations()) * tasks,
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// ---------------------------------------------------------------------------------------
// (b) timers

void easynet_sleep(benchmark::State& state, std::chrono::microseconds delay)
{
    on_easynet(state, [delay](benchmark::State& st) {
        for (auto _ : st)
            be::sleep(delay);
    });
}

void raw_sleep(benchmark::State& state, std::chrono::microseconds delay)
{
    on_raw(state, [delay](benchmark::State& st, asio::yield_context yield) {
        for (auto _ : st) {
            asio::steady_timer timer(yield.get_executor(), delay);
            timer.async_wait(yield);
        }
    });
}

// ---------------------------------------------------------------------------------------
// (c) cancel scope with a (never reached) deadline around a body with one yield

void easynet_cancel_scope(benchmark::State& state)
{
    on_easynet(state, [](benchmark::State& st) {
        for (auto _ : st)
            be::move_on_after(1h).run([] { be::coro_yield(); });
    });
}

void raw_cancel_scope(benchmark::State& state)
{
    on_raw(state, [](benchmark::State& st, asio::yield_context yield) {
        for (auto _ : st) {
            asio::cancellation_signal signal;
            asio::steady_timer deadline(yield.get_executor(), 1h);
            deadline.async_wait([&signal](const boost::system::error_code& ec) {
                if (!ec) // aborted when the body finished first: `signal` is not touched
                    signal.emit(asio::cancellation_type::terminal);
            });
            asio::post(asio::bind_cancellation_slot(signal.slot(), yield));
            deadline.cancel();
            signal.slot().clear();
        }
    });
}

// ---------------------------------------------------------------------------------------
// (d) spawning and joining a task

void easynet_spawn_join(benchmark::State& state, be::stack_kind stack)
{
    on_easynet(
        state,
        [](benchmark::State& st) {
            be::with_task_group([&](be::task_group& tg) {
                for (auto _ : st)
                    tg.start_soon_task([] {}).join();
            });
        },
        stack);
}

void easynet_task_group(benchmark::State& state, be::stack_kind stack)
{
    on_easynet(
        state,
        [](benchmark::State& st) {
            for (auto _ : st)
                be::with_task_group([](be::task_group& tg) { tg.start_soon([] {}); });
        },
        stack);
}

/// The raw counterpart of both: spawn a coroutine (same stack allocator and size as
/// easynet) and suspend until its completion handler resumes the parent.
void raw_spawn_join(benchmark::State& state, be::stack_kind stack)
{
    on_raw(state, [stack](benchmark::State& st, asio::yield_context yield) {
        with_raw_stack(stack, [&](auto allocator) {
            for (auto _ : st) {
                // (Boost 1.81's spawn cannot take `yield` itself as completion token of a
                // void coroutine: it rethrows a null exception_ptr.) The completion handler
                // runs on the child's stack: posting the parent's resumption lets the child
                // finish and free its stack first, as easynet does.
                asio::async_initiate<asio::yield_context, void()>(
                    [&](auto resume_parent) {
                        asio::spawn(yield.get_executor(), std::allocator_arg, allocator, [](asio::yield_context) {},
                                    [ex = yield.get_executor(),
                                     resume_parent = std::move(resume_parent)](std::exception_ptr) mutable {
                                        asio::post(ex, std::move(resume_parent));
                                    });
                    },
                    yield);
            }
        });
    });
}

// ---------------------------------------------------------------------------------------
// Registration and ratio report

const char* stack_name(be::stack_kind kind) { return kind == be::stack_kind::guarded ? "guarded" : "fixed"; }

void register_pair(const std::string& name, auto easynet_fn, auto raw_fn)
{
    auto min = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
    benchmark::RegisterBenchmark((name + "/easynet").c_str(), easynet_fn)->UseRealTime()->ComputeStatistics("min", min);
    benchmark::RegisterBenchmark((name + "/raw").c_str(), raw_fn)->UseRealTime()->ComputeStatistics("min", min);
}

void register_all()
{
    register_pair("task_switch/single", easynet_task_switch_single, raw_task_switch_single);
    for (int tasks : {2, 8, 64}) {
        register_pair(
            "task_switch/tasks:" + std::to_string(tasks),
            [tasks](benchmark::State& s) { easynet_task_switch_tasks(s, tasks); },
            [tasks](benchmark::State& s) { raw_task_switch_tasks(s, tasks); });
    }
    for (auto delay : {1us, 100us}) {
        register_pair(
            "sleep/us:" + std::to_string(delay.count()), [delay](benchmark::State& s) { easynet_sleep(s, delay); },
            [delay](benchmark::State& s) { raw_sleep(s, delay); });
    }
    register_pair("cancel_scope", easynet_cancel_scope, raw_cancel_scope);
    for (auto kind : {be::stack_kind::guarded, be::stack_kind::fixed}) {
        register_pair(
            std::string("spawn_join/") + stack_name(kind), [kind](benchmark::State& s) { easynet_spawn_join(s, kind); },
            [kind](benchmark::State& s) { raw_spawn_join(s, kind); });
        register_pair(
            std::string("task_group/") + stack_name(kind), [kind](benchmark::State& s) { easynet_task_group(s, kind); },
            [kind](benchmark::State& s) { raw_spawn_join(s, kind); });
    }
}

/// The console reporter, plus a record of the time per iteration of every run.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    using benchmark::ConsoleReporter::ConsoleReporter;

    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const auto& run : runs) {
            if (run.error_occurred || run.report_big_o || run.report_rms)
                continue;
            // The times the console prints, in ns. With --benchmark_report_aggregates_only
            // only the aggregates come here: their median and min are kept.
            const double to_ns = 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
            const time_pair t{run.GetAdjustedCPUTime() * to_ns, run.GetAdjustedRealTime() * to_ns};
            auto& r = results_[run.run_name.function_name];
            if (run.run_type == Run::RT_Iteration)
                r.samples.push_back(t);
            else if (run.aggregate_name == "median")
                r.median = t;
            else if (run.aggregate_name == "min")
                r.min = t;
        }
        benchmark::ConsoleReporter::ReportRuns(runs);
    }

    /// Prints one "ratio" line per pair that ran: easynet / raw of the median CPU time per
    /// iteration, then the ratio of the fastest repetitions and the ratio of median real
    /// times. Every benchmark is single-threaded, so CPU time is the work done, without the
    /// time the process waited for a core (for sleep/*, real time is the sleep itself).
    void print_ratios() const
    {
        bool header = false;
        for (const auto& [name, mine] : results_) {
            const std::string suffix = "/easynet";
            if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
                continue;
            const std::string pair = name.substr(0, name.size() - suffix.size());
            auto raw = results_.find(pair + "/raw");
            if (raw == results_.end() || !mine.valid() || !raw->second.valid())
                continue;
            if (!header) {
                std::printf("\neasynet / raw asio::spawn: CPU time per iteration, median of the repetitions\n");
                header = true;
            }
            const auto& theirs = raw->second;
            const double ratio = mine.get_median().cpu / theirs.get_median().cpu;
            const char* target = "";
            if (pair.rfind("task_switch/", 0) == 0)
                target = ratio <= 1.2 ? "  target <= 1.2x: met" : "  target <= 1.2x: NOT met";
            std::printf("ratio %-22s %5.2fx  easynet %9.1f ns  raw %9.1f ns  (fastest: %4.2fx, real time: %4.2fx)%s\n",
                        (pair + ":").c_str(), ratio, mine.get_median().cpu, theirs.get_median().cpu,
                        mine.get_min().cpu / theirs.get_min().cpu, mine.get_median().real / theirs.get_median().real,
                        target);
        }
        std::fflush(stdout);
    }

private:
    struct time_pair {
        double cpu = 0;
        double real = 0;
    };

    struct result {
        std::vector<time_pair> samples;
        std::optional<time_pair> median;
        std::optional<time_pair> min;

        bool valid() const { return !samples.empty() || median; }

        time_pair get_median() const
        {
            if (samples.empty())
                return *median;
            auto pick = [&](double time_pair::*field) {
                std::vector<double> v;
                for (const auto& s : samples)
                    v.push_back(s.*field);
                std::sort(v.begin(), v.end());
                const std::size_t n = v.size();
                return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            };
            return {pick(&time_pair::cpu), pick(&time_pair::real)};
        }

        time_pair get_min() const
        {
            if (samples.empty())
                return min ? *min : *median;
            time_pair m = samples.front();
            for (const auto& s : samples) {
                m.cpu = std::min(m.cpu, s.cpu);
                m.real = std::min(m.real, s.real);
            }
            return m;
        }
    };

    std::map<std::string, result> results_;
};

} // namespace

int main(int argc, char** argv)
{
    // Stacks are 256 KiB blocks: keep glibc from trimming the heap (or mmap'ing) on every
    // stack free, which would make spawn_join/fixed measure page faults (raw asio::spawn,
    // whose heap top is the stack itself, hit it on every iteration; easynet did not).
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
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
