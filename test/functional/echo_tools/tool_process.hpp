//
// A child process with piped stdin/stdout/stderr, for the tests of the echo tools: start
// easynet-echo-server, wait for its "listening on" line, signal it; run
// easynet-echo-client with some input. Every wait is bounded (the child is killed then).
// Not a test suite (a header): included by the suites of this module.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_TEST_FUNCTIONAL_ECHO_TOOLS_TOOL_PROCESS_HPP
#define EASYNET_TEST_FUNCTIONAL_ECHO_TOOLS_TOOL_PROCESS_HPP

#include <cerrno>
#include <chrono>
#include <csignal>
#include <optional>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <poll.h>
#include <unistd.h>
#include <fcntl.h>
#include <vector>

extern char** environ;

namespace echo_tools_test {

#ifdef EASYNET_ECHO_SERVER_PATH
inline const std::string server_path = EASYNET_ECHO_SERVER_PATH;
inline const std::string client_path = EASYNET_ECHO_CLIENT_PATH;
#else
inline const std::string server_path = "easynet-echo-server";
inline const std::string client_path = "easynet-echo-client";
#endif

using clock = std::chrono::steady_clock;

/// What a finished process left: its exit code (128 + signal if killed) and its output.
struct process_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

class tool_process {
public:
    tool_process(const std::string& executable, const std::vector<std::string>& args)
    {
        std::signal(SIGPIPE, SIG_IGN);
        int in[2], out[2], err[2];
        if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, in[0], 0);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_adddup2(&actions, err[1], 2);
        std::vector<std::string> storage{executable};
        storage.insert(storage.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& s : storage)
            argv.push_back(s.data());
        argv.push_back(nullptr);
        int rc = posix_spawn(&pid_, executable.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(in[0]);
        ::close(out[1]);
        ::close(err[1]);
        stdin_ = in[1];
        stdout_ = out[0];
        stderr_ = err[0];
        if (rc != 0) {
            pid_ = -1;
            throw std::runtime_error("cannot start " + executable);
        }
    }

    tool_process(const tool_process&) = delete;
    tool_process& operator=(const tool_process&) = delete;

    ~tool_process()
    {
        if (pid_ > 0 && !exit_code_) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
        for (int fd : {stdin_, stdout_, stderr_})
            if (fd >= 0)
                ::close(fd);
    }

    pid_t pid() const noexcept { return pid_; }
    void send_signal(int signal) { ::kill(pid_, signal); }

    void close_stdin()
    {
        if (stdin_ >= 0)
            ::close(stdin_);
        stdin_ = -1;
    }

    /// The next line of stdout (without '\n'), or nothing if none came within `timeout`.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout)
    {
        const auto deadline = clock::now() + timeout;
        for (;;) {
            if (auto nl = out_.find('\n'); nl != std::string::npos) {
                std::string line = out_.substr(0, nl);
                out_.erase(0, nl + 1);
                return line;
            }
            if (stdout_ < 0 || !pump(deadline, false))
                return std::nullopt;
        }
    }

    /** Writes `input` to stdin, closes it, collects stdout and stderr until both end, and
        waits for the exit. @throws std::runtime_error if that takes longer than `timeout`
        (the process is killed). */
    process_result finish(std::string input = {}, std::chrono::milliseconds timeout = std::chrono::seconds(30))
    {
        pending_input_ = std::move(input);
        const auto deadline = clock::now() + timeout;
        if (pending_input_.empty())
            close_stdin();
        while (stdout_ >= 0 || stderr_ >= 0) {
            if (!pump(deadline, true)) {
                ::kill(pid_, SIGKILL);
                throw std::runtime_error("process did not finish in time; stderr: " + err_);
            }
        }
        return {wait(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now())), std::move(out_),
                without_sanitizer_notice(std::move(err_))};
    }

    /** `text` without the line ASan prints at start-up in the sanitizer builds, which run
        coroutines on ucontext fibers ("==PID==WARNING: ASan doesn't fully support
        makecontext/swapcontext functions..."): harmless, see README "Sanitizers". */
    static std::string without_sanitizer_notice(std::string text)
    {
        for (std::size_t at; (at = text.find("ASan doesn't fully support makecontext/swapcontext")) != std::string::npos;) {
            const std::size_t begin = text.rfind('\n', at);
            const std::size_t end = text.find('\n', at);
            text.erase(begin == std::string::npos ? 0 : begin + 1,
                       end == std::string::npos ? std::string::npos : end - (begin == std::string::npos ? 0 : begin + 1) + 1);
        }
        return text;
    }

    /// Waits for the exit; the exit code, 128 + signal number if killed.
    int wait(std::chrono::milliseconds timeout)
    {
        const auto deadline = clock::now() + timeout;
        while (!exit_code_) {
            int status = 0;
            pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                break;
            }
            if (clock::now() >= deadline) {
                ::kill(pid_, SIGKILL);
                throw std::runtime_error("process did not exit in time");
            }
            // Bounded poll of the output pipes while waiting (also drains them).
            if (!pump(std::min(deadline, clock::now() + std::chrono::milliseconds(20)), true) && stdout_ < 0 &&
                stderr_ < 0)
                ::poll(nullptr, 0, 5);
        }
        return *exit_code_;
    }

    const std::string& err() const noexcept { return err_; }

    /// Reads the output until stderr holds `needle`; false if it did not within `timeout`.
    bool wait_for_err(std::string_view needle, std::chrono::milliseconds timeout)
    {
        const auto deadline = clock::now() + timeout;
        while (err_.find(needle) == std::string::npos) {
            if (stderr_ < 0 || !pump(deadline, true))
                return err_.find(needle) != std::string::npos;
        }
        return true;
    }

private:
    /// One poll round; false on timeout. `all`: also stderr and pending stdin.
    bool pump(clock::time_point deadline, bool all)
    {
        std::vector<pollfd> fds;
        if (stdout_ >= 0)
            fds.push_back({stdout_, POLLIN, 0});
        if (stderr_ >= 0)
            fds.push_back({stderr_, POLLIN, 0});
        if (all && stdin_ >= 0 && !pending_input_.empty())
            fds.push_back({stdin_, POLLOUT, 0});
        if (fds.empty())
            return false;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
        int n = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(left, 0)));
        if (n < 0 && errno == EINTR)
            return true;
        if (n <= 0)
            return false;
        for (const pollfd& p : fds) {
            if (p.revents == 0)
                continue;
            if (p.fd == stdin_) {
                ssize_t w = ::write(stdin_, pending_input_.data(), std::min<std::size_t>(pending_input_.size(), 65536));
                if (w > 0)
                    pending_input_.erase(0, static_cast<std::size_t>(w));
                if (w < 0 || pending_input_.empty())
                    close_stdin();
                continue;
            }
            char buffer[65536];
            ssize_t r = ::read(p.fd, buffer, sizeof buffer);
            std::string& sink = p.fd == stdout_ ? out_ : err_;
            if (r > 0) {
                sink.append(buffer, static_cast<std::size_t>(r));
            } else {
                (p.fd == stdout_ ? stdout_ : stderr_) = -1;
                ::close(p.fd);
            }
        }
        return true;
    }

    pid_t pid_ = -1;
    int stdin_ = -1, stdout_ = -1, stderr_ = -1;
    std::string out_, err_, pending_input_;
    std::optional<int> exit_code_;
};

/// Runs a tool to completion with `input` on stdin.
inline process_result run_tool(const std::string& executable, const std::vector<std::string>& args,
                               std::string input = {})
{
    tool_process process(executable, args);
    return process.finish(std::move(input));
}

/** A running easynet-echo-server: started with `args`, its "listening on ADDRESS" line
    read (at most 20 s); stopped with SIGTERM by `stop()` or the destructor. */
class echo_server {
public:
    explicit echo_server(std::vector<std::string> args) : process_(server_path, args)
    {
        auto line = process_.read_line(std::chrono::seconds(20));
        if (!line || line->rfind("listening on ", 0) != 0) {
            throw std::runtime_error("echo server did not start: stdout '" + line.value_or("") + "' stderr '" +
                                     process_.err() + "'");
        }
        address_ = line->substr(std::string_view("listening on ").size());
    }

    ~echo_server()
    {
        try {
            stop();
        } catch (...) {
        }
    }

    /// "127.0.0.1:PORT", "[::1]:PORT" or the socket path.
    const std::string& address() const noexcept { return address_; }
    /// The port of a TCP server's (first) address.
    std::string port() const { return address_.substr(address_.rfind(':') + 1); }

    /// SIGTERM, then the exit code (at most 20 s).
    int stop(int signal = SIGTERM)
    {
        if (!exit_code_) {
            process_.send_signal(signal);
            exit_code_ = process_.wait(std::chrono::seconds(20));
        }
        return *exit_code_;
    }

    tool_process& process() noexcept { return process_; }

private:
    tool_process process_;
    std::string address_;
    std::optional<int> exit_code_;
};

} // namespace echo_tools_test

#endif
