//
// easynet — the backend object (EasyNetwork's `AsyncBackend`).
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_ASYNC_BACKEND_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_ASYNC_BACKEND_HPP

#include <easynet/lowlevel/api_async/backend/bootstrap.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/condition_variable.hpp>
#include <easynet/lowlevel/api_async/backend/dns.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/gather.hpp>
#include <easynet/lowlevel/api_async/backend/lock.hpp>
#include <easynet/lowlevel/api_async/backend/run_in_thread.hpp>
#include <easynet/lowlevel/api_async/backend/task.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/backend/threads_portal.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <memory>
#include <string_view>

namespace easynet::lowlevel::api_async::backend {

/** The backend interface every asynchronous easynet object exposes through `backend()`.

    easynet has one built-in implementation, on Boost.Asio stackful coroutines; this class
    gives the EasyNetwork method names over the free functions of this namespace, so code
    written against `AsyncBackend` reads the same. It holds no state: all state lives in
    the running loop and its tasks.
*/
class async_backend {
public:
    /// The exception type of cancellation (`easynet::cancelled`).
    using cancelled_exception = easynet::cancelled;

    /// The implementation's name: "asio".
    std::string_view name() const noexcept { return "asio"; }

    template <typename F>
    auto bootstrap(F&& fn, const runner_options& options = {}) const
    {
        return backend::bootstrap(std::forward<F>(fn), options);
    }

    void coro_yield() const { backend::coro_yield(); }
    void cancel_shielded_coro_yield() const { backend::cancel_shielded_coro_yield(); }
    template <typename F>
    decltype(auto) ignore_cancellation(F&& fn) const
    {
        return backend::ignore_cancellation(std::forward<F>(fn));
    }

    cancel_scope open_cancel_scope(double deadline = no_deadline) const { return backend::open_cancel_scope(deadline); }
    cancel_scope move_on_after(seconds delay) const { return backend::move_on_after(delay); }
    cancel_scope move_on_at(double deadline) const { return backend::move_on_at(deadline); }
    template <typename F>
    decltype(auto) timeout(seconds delay, F&& fn) const
    {
        return backend::timeout(delay, std::forward<F>(fn));
    }
    template <typename F>
    decltype(auto) timeout_at(double deadline, F&& fn) const
    {
        return backend::timeout_at(deadline, std::forward<F>(fn));
    }

    double current_time() const noexcept { return backend::current_time(); }
    void sleep(seconds delay) const { backend::sleep(delay); }
    void sleep_until(double deadline) const { backend::sleep_until(deadline); }
    [[noreturn]] void sleep_forever() const { backend::sleep_forever(); }

    template <typename... F>
    auto gather(F&&... fns) const
    {
        return backend::gather(std::forward<F>(fns)...);
    }
    task_group create_task_group() const { return task_group(); }
    task_info get_current_task() const { return backend::get_current_task(); }

    std::vector<address_info> getaddrinfo(const std::string& host, const std::string& port, int family = 0,
                                          int socktype = 0, int protocol = 0, int flags = 0) const
    {
        return backend::getaddrinfo(host, port, family, socktype, protocol, flags);
    }
    std::pair<std::string, std::string> getnameinfo(const boost::asio::ip::address& address, std::uint16_t port,
                                                    int flags = 0) const
    {
        return backend::getnameinfo(address, port, flags);
    }

    task_lock create_lock() const { return backend::create_lock(); }
    task_lock create_fair_lock() const { return backend::create_fair_lock(); }
    event create_event() const { return backend::create_event(); }
    condition_variable create_condition_var() const { return backend::create_condition_var(); }
    condition_variable create_condition_var(task_lock lock) const { return backend::create_condition_var(std::move(lock)); }

    template <typename F>
    auto run_in_thread(F&& fn, bool abandon_on_cancel = false) const
    {
        return backend::run_in_thread(std::forward<F>(fn), abandon_on_cancel);
    }
    threads_portal create_threads_portal() const { return threads_portal(); }
};

/** The built-in backend. @param name "asio" (the only one; empty also means it).
    @throws easynet::unsupported_operation for any other name.
*/
std::shared_ptr<async_backend> new_builtin_backend(std::string_view name = "asio");

/** The backend to use: `backend` itself when given, else the backend of the running task.
    @throws not_in_task_error when `backend` is null and no task is running.
*/
std::shared_ptr<async_backend> ensure_backend(std::shared_ptr<async_backend> backend = nullptr);
/// `new_builtin_backend(name)`. @throws easynet::unsupported_operation for an unknown name.
std::shared_ptr<async_backend> ensure_backend(std::string_view name);

} // namespace easynet::lowlevel::api_async::backend

#endif
