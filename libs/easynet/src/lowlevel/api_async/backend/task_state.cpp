#include <easynet/lowlevel/api_async/backend/detail/task_state.hpp>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <cxxabi.h>

#include <chrono>
#include <cmath>
#include <limits>

namespace easynet::lowlevel::api_async::backend::detail {

namespace {
thread_local loop_state* tl_current_loop = nullptr;
thread_local task_state* tl_current_task = nullptr;
} // namespace

loop_state* current_loop() noexcept { return tl_current_loop; }
void set_current_loop(loop_state* loop) noexcept { tl_current_loop = loop; }
task_state* current_task() noexcept { return tl_current_task; }
void set_current_task(task_state* task) noexcept { tl_current_task = task; }

task_state& require_task(const char* function)
{
    task_state* task = tl_current_task;
    if (task == nullptr)
        throw not_in_task_error(function);
    return *task;
}

// ---------------------------------------------------------------------------------------
// Per-task exception-handling state.
//
// The C++ runtime keeps, per thread, the chain of exceptions being handled and the count
// of exceptions in flight (`__cxa_eh_globals`: the same first two members in libstdc++'s
// libsupc++ and in libc++abi). A stackful task that suspends inside a catch block, or in a
// destructor during unwinding, would otherwise leave its entries to the next task run by
// the thread, or lose them when it resumes on another thread. Out of line on purpose:
// `__cxa_get_globals` is declared `const`, and its result must never be cached across a
// switch.

namespace {
struct cxa_eh_globals {
    void* caught_exceptions;
    unsigned int uncaught_exceptions;
};

[[gnu::noinline]] cxa_eh_globals* eh_globals() noexcept
{
    return reinterpret_cast<cxa_eh_globals*>(abi::__cxa_get_globals());
}
} // namespace

void task_state::on_suspend() noexcept
{
    tl_current_task = nullptr;
    cxa_eh_globals* g = eh_globals();
    task_eh_ = {g->caught_exceptions, g->uncaught_exceptions};
    g->caught_exceptions = thread_eh_.caught;
    g->uncaught_exceptions = thread_eh_.uncaught;
}

void task_state::on_resume() noexcept
{
    tl_current_task = this;
    cxa_eh_globals* g = eh_globals();
    thread_eh_ = {g->caught_exceptions, g->uncaught_exceptions};
    g->caught_exceptions = task_eh_.caught;
    g->uncaught_exceptions = task_eh_.uncaught;
}

double now() noexcept
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// ---------------------------------------------------------------------------------------
// loop_state

loop_state::loop_state(const runner_options& options)
    : options_(options)
{
    context_.emplace(options.threads > 1 ? static_cast<int>(options.threads) : 1);
}

loop_state::~loop_state() = default;

executor_type loop_state::new_task_executor()
{
    if (multi_threaded())
        return boost::asio::make_strand(context_->get_executor());
    return context_->get_executor();
}

bool loop_state::post_if_alive(std::function<void()> fn)
{
    std::lock_guard lock(alive_mutex_);
    if (!alive_)
        return false;
    boost::asio::post(context_->get_executor(), std::move(fn));
    return true;
}

void loop_state::mark_ended()
{
    std::lock_guard lock(alive_mutex_);
    alive_ = false;
}

bool loop_state::alive() const
{
    std::lock_guard lock(alive_mutex_);
    return alive_;
}

// ---------------------------------------------------------------------------------------
// task_state

task_state::task_state(std::shared_ptr<loop_state> loop, std::string name)
    : loop_(std::move(loop)),
      id_(loop_->next_task_id()),
      name_(std::move(name)),
      executor_(loop_->new_task_executor()),
      root_scope_(std::make_shared<cancel_scope_state>(std::numeric_limits<double>::infinity()))
{
    scopes_.reserve(4);
}

task_state::~task_state() = default;

bool task_state::cancellation_pending() const noexcept
{
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
        if (it->scope == nullptr)
            return false;
        if (it->scope->cancel_called())
            return true;
    }
    return false;
}

bool task_state::outer_scope_cancelled(const cancel_scope_state* scope) const noexcept
{
    auto it = scopes_.rbegin();
    while (it != scopes_.rend() && it->scope != scope)
        ++it;
    if (it == scopes_.rend())
        return false;
    for (++it; it != scopes_.rend(); ++it) {
        if (it->scope == nullptr)
            return false;
        if (it->scope->cancel_called())
            return true;
    }
    return false;
}

bool task_state::root_cancelled() const noexcept { return root_scope_->cancel_called(); }

void task_state::push_scope(cancel_scope_state* scope) { scopes_.push_back({scope}); }

void task_state::pop_scope(cancel_scope_state* scope)
{
    if (scopes_.empty() || scopes_.back().scope != scope)
        throw std::logic_error("cancel scope exited out of order (cancel scopes must be strictly nested)");
    scopes_.pop_back();
}

void task_state::push_shield() { scopes_.push_back({nullptr}); }

void task_state::pop_shield()
{
    if (scopes_.empty() || scopes_.back().scope != nullptr)
        throw std::logic_error("cancellation shield exited out of order");
    scopes_.pop_back();
}

void task_state::wake_for_cancel()
{
    boost::asio::dispatch(executor_, [self = shared_from_this()] {
        if (!self->done() && self->cancellation_pending())
            self->signal_.emit(boost::asio::cancellation_type::terminal);
    });
}

bool task_state::cancel()
{
    if (done())
        return false;
    root_scope_->cancel();
    hint_cancel();
    // The root scope is not entered until the task starts: wake explicitly.
    wake_for_cancel();
    return true;
}

void task_state::on_done(std::function<void()> fn)
{
    {
        std::lock_guard lock(listeners_mutex_);
        if (!done()) {
            done_listeners_.push_back(std::move(fn));
            return;
        }
    }
    fn();
}

void task_state::on_started(std::function<void()> fn)
{
    {
        std::lock_guard lock(listeners_mutex_);
        if (!started()) {
            start_listeners_.push_back(std::move(fn));
            return;
        }
    }
    fn();
}

void task_state::begin(yield_type& yield)
{
    yield_ = &yield;
    task_eh_ = {};
    on_resume(); // the task starts with no exception being handled
    set_current_loop(loop_.get());
    scopes_.push_back({root_scope_.get()});
}

void task_state::mark_started()
{
    std::vector<std::function<void()>> listeners;
    {
        std::lock_guard lock(listeners_mutex_);
        started_.store(true, std::memory_order_release);
        listeners.swap(start_listeners_);
    }
    for (auto& fn : listeners)
        fn();
}

void task_state::finish(std::exception_ptr error, bool was_cancelled)
{
    scopes_.clear();
    error_ = std::move(error);
    cancelled_ = was_cancelled;
    std::vector<std::function<void()>> listeners;
    {
        std::lock_guard lock(listeners_mutex_);
        done_.store(true, std::memory_order_release);
        listeners.swap(done_listeners_);
    }
    for (auto& fn : listeners)
        fn();
}

// ---------------------------------------------------------------------------------------
// cancel_scope_state

cancel_scope_state::cancel_scope_state(double deadline) : deadline_(deadline) {}

cancel_scope_state::~cancel_scope_state() = default;

void cancel_scope_state::cancel()
{
    if (cancel_called_.exchange(true, std::memory_order_acq_rel))
        return;
    std::shared_ptr<task_state> owner;
    {
        std::lock_guard lock(mutex_);
        if (phase_ == phase::entered && owner_ != nullptr) {
            owner_->hint_cancel();
            owner = owner_->shared_from_this();
        }
    }
    if (owner)
        owner->wake_for_cancel();
}

double cancel_scope_state::deadline() const
{
    std::lock_guard lock(mutex_);
    return deadline_;
}

void cancel_scope_state::reschedule(double deadline)
{
    if (std::isnan(deadline))
        throw std::invalid_argument("deadline is NaN");
    if (deadline < 0)
        deadline = 0;
    std::shared_ptr<task_state> owner;
    {
        std::lock_guard lock(mutex_);
        deadline_ = deadline;
        if (phase_ == phase::entered && owner_ != nullptr)
            owner = owner_->shared_from_this();
    }
    if (owner) {
        boost::asio::dispatch(owner->executor(), [self = shared_from_this()] { self->arm_timer(); });
    }
}

void cancel_scope_state::arm_timer()
{
    // Runs on the owner's executor.
    double deadline;
    {
        std::lock_guard lock(mutex_);
        if (phase_ != phase::entered)
            return;
        deadline = deadline_;
    }
    if (cancel_called())
        return;
    if (!std::isfinite(deadline)) {
        if (timer_)
            timer_->cancel();
        return;
    }
    if (deadline <= now()) {
        cancel();
        return;
    }
    if (!timer_) {
        std::lock_guard lock(mutex_);
        timer_ = std::make_unique<boost::asio::steady_timer>(owner_->executor());
    }
    auto when = std::chrono::steady_clock::time_point(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(deadline)));
    timer_->expires_at(when);
    timer_->async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
        if (ec)
            return;
        if (auto self = weak.lock()) {
            double deadline = self->deadline();
            if (deadline <= now())
                self->cancel();
            else
                self->arm_timer();
        }
    });
}

void cancel_scope_state::enter(task_state& task)
{
    {
        std::lock_guard lock(mutex_);
        if (phase_ != phase::idle)
            throw std::logic_error("CancelScope entered twice");
        phase_ = phase::entered;
        owner_ = &task;
    }
    task.push_scope(this);
    // Cancelled before entering: `cancel()` saw no owner. (Either it runs after the phase
    // change above and hints itself, or its cancel_called_ store is visible here.)
    if (cancel_called())
        task.hint_cancel();
    arm_timer();
}

bool cancel_scope_state::exit(task_state& task, const std::exception_ptr& error)
{
    {
        std::lock_guard lock(mutex_);
        if (phase_ != phase::entered || owner_ != &task)
            throw std::logic_error("cancel scope exited in another task, or never entered");
    }
    bool own = false;
    if (error && cancel_called() && !task.outer_scope_cancelled(this)) {
        try {
            std::rethrow_exception(error);
        } catch (const cancelled&) {
            own = true;
        } catch (const exception_group& group) {
            own = !group.exceptions().empty();
            for (const auto& e : group.exceptions())
                own = own && is_cancellation(e);
        } catch (...) {
        }
    }
    task.pop_scope(this);
    std::unique_ptr<boost::asio::steady_timer> timer;
    {
        std::lock_guard lock(mutex_);
        phase_ = phase::exited;
        owner_ = nullptr;
        timer = std::move(timer_);
    }
    if (timer)
        timer->cancel();
    if (own)
        cancelled_caught_.store(true, std::memory_order_release);
    return own;
}

} // namespace easynet::lowlevel::api_async::backend::detail
