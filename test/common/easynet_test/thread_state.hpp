//
// easynet test helpers — what another thread of this process is doing, read from /proc:
// lets a test wait until a thread is blocked inside a system call (a blocking connect, the
// poll of a sync transport) instead of sleeping and hoping.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_TEST_THREAD_STATE_HPP
#define EASYNET_TEST_THREAD_STATE_HPP

#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <initializer_list>
#include <string>
#include <thread>

namespace easynet_test {

/// The calling thread's kernel id (what /proc/self/task/ lists).
inline pid_t current_thread_id() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

/** True once the thread `tid` of this process is inside one of `syscalls`
    (/proc/self/task/<tid>/syscall); false after `timeout`, or at once when /proc cannot
    say. Polls the thread's state every millisecond: not a synchronisation by time. */
inline bool wait_until_in_syscall(pid_t tid, std::initializer_list<long> syscalls,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(5))
{
    const std::string file = "/proc/self/task/" + std::to_string(tid) + "/syscall";
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        std::ifstream state(file);
        if (!state)
            return false;
        long number = -1;
        if (state >> number && std::find(syscalls.begin(), syscalls.end(), number) != syscalls.end())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
}

} // namespace easynet_test

#endif
