//
// easynet — backend overhead against raw `boost::asio::spawn`, measured in the same run.
//
// Each pair runs the same work twice: through easynet's backend (tasks, cancel scopes,
// task groups) and written directly with `boost::asio::spawn` on an `io_context`. Every
// benchmark run starts one event loop and runs all of its iterations inside one
// coroutine (Google Benchmark's `for (auto _ : state)` loop runs on the coroutine stack).
// At the end, one line per pair prints the ratio easynet/raw of the CPU time per
// iteration, and of the real time (medians over --benchmark_repetitions). Every benchmark
// is single-threaded, so on a quiet machine both agree; on a busy one trust CPU time.
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
    benchmark::RegisterBenchmark((name + "/easynet").c_str(), easynet_fn)->UseRealTime();
    benchmark::RegisterBenchmark((name + "/raw").c_str(), raw_fn)->UseRealTime();
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
            if (run.error_occurred ||
                (run.run_type == Run::RT_Aggregate && (run.aggregate_name != "median" || run.report_big_o)))
                continue;
            // What the console prints, in ns: with --benchmark_report_aggregates_only only
            // the aggregates come here, and then the median is taken.
            auto& t = (run.run_type == Run::RT_Iteration ? times_ : median_times_)[run.run_name.function_name];
            const double to_ns = 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
            t.cpu.push_back(run.GetAdjustedCPUTime() * to_ns);
            t.real.push_back(run.GetAdjustedRealTime() * to_ns);
        }
        benchmark::ConsoleReporter::ReportRuns(runs);
    }

    /// Prints "ratio <pair>: <x>x ..." for every pair that ran. The ratio is on CPU time:
    /// every benchmark runs one thread, so CPU time is the work done and does not count
    /// the time the process was not scheduled (the real-time ratio is printed beside it;
    /// for sleep/*, real time is the sleep itself).
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
            auto raw = times_.find(pair + "/raw");
            if (raw == times_.end())
                continue;
            const auto& theirs = raw->second;
            if (!header) {
                std::printf("\neasynet / raw asio::spawn, per iteration (median of the repetitions)\n");
                header = true;
            }
            const double cpu_ratio = median(mine.cpu) / median(theirs.cpu);
            const double real_ratio = median(mine.real) / median(theirs.real);
            const char* target = "";
            if (pair.rfind("task_switch/", 0) == 0)
                target = cpu_ratio <= 1.2 ? "  target <= 1.2x: met" : "  target <= 1.2x: NOT met";
            std::printf("ratio %-22s %5.2fx  (cpu: easynet %9.1f ns, raw %9.1f ns; real: %5.2fx, %9.1f ns vs %9.1f ns)%s\n",
                        (pair + ":").c_str(), cpu_ratio, median(mine.cpu), median(theirs.cpu), real_ratio,
                        median(mine.real), median(theirs.real), target);
        }
        std::fflush(stdout);
    }

private:
    struct samples {
        std::vector<double> cpu;
        std::vector<double> real;
    };

    static double median(std::vector<double> v)
    {
        std::sort(v.begin(), v.end());
        std::size_t n = v.size();
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    std::map<std::string, samples> times_;
    std::map<std::string, samples> median_times_;
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
