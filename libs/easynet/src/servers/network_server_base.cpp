//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/detail/network_server_base.hpp>

#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <boost/core/demangle.hpp>
#include <boost/system/system_error.hpp>

#include <cerrno>
#include <typeinfo>

namespace easynet::servers::detail {

namespace backend = lowlevel::api_async::backend;

struct network_server_base::run_state {
    backend::cancel_scope scope;
    backend::event done;
    backend::event loops_done;
    std::vector<backend::cancel_scope> loop_scopes;
    std::size_t active_loops = 0;
};

network_server_base::network_server_base(logger log) : log_(std::move(log)) {}

namespace {

/// "async_tcp_network_server" for easynet::servers::async_tcp_network_server<std::string, ...>.
std::string unqualified_name(const std::type_info& type)
{
    std::string name = boost::core::demangle(type.name());
    name = name.substr(0, name.find('<'));
    const auto scope = name.rfind("::");
    return scope == std::string::npos ? name : name.substr(scope + 2);
}

} // namespace

network_server_base::~network_server_base()
{
    const bool unclosed = !servers_.empty() && !listeners_closed_;
    const auto quiet = easynet::detail::report_unclosed_owner(
        unclosed, class_name_, unclosed ? easynet::detail::socket_fd_of(*servers_.front()) : -1);
    servers_.clear();
}

void network_server_base::server_activate()
{
    std::lock_guard activation(activation_lock_);
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            throw server_closed_error("Closed server");
        if (!servers_.empty())
            return;
    }
    auto created = create_servers();
    bool closed_meanwhile;
    {
        std::lock_guard lock(mutex_);
        closed_meanwhile = closed_;
        if (!closed_meanwhile && !created.empty()) {
            servers_ = std::move(created);
            class_name_ = unqualified_name(typeid(*this));
        }
    }
    if (closed_meanwhile) {
        backend::ignore_cancellation([&] {
            for (auto& s : created)
                s->aclose();
        });
        throw server_closed_error("Server has been closed");
    }
    if (servers_.empty())
        throw boost::system::system_error(EINVAL, boost::system::system_category(), "empty listeners list");
}

void network_server_base::serve_forever(std::optional<backend::event> is_up_event)
{
    auto run = std::make_shared<run_state>();
    {
        std::lock_guard lock(mutex_);
        if (run_)
            throw server_already_running("Server is already running");
        if (closed_)
            throw server_closed_error("Closed server");
        run_ = run;
        in_setup_ = true;
    }
    struct finish {
        network_server_base& self;
        std::shared_ptr<run_state> run;
        ~finish()
        {
            {
                std::lock_guard lock(self.mutex_);
                self.run_.reset();
                self.in_setup_ = false;
            }
            run->done.set();
        }
    } guard{*this, run};

    run->scope.run([&] {
        server_activate();
        exit_stack stack;
        std::exception_ptr error;
        try {
            backend::with_task_group([&](backend::task_group& group) {
                run_service_init(stack);
                std::vector<lowlevel::api_async::transports::async_base_transport*> servers;
                {
                    std::lock_guard lock(mutex_);
                    for (auto& s : servers_)
                        if (!s->is_closing())
                            servers.push_back(s.get());
                    run->active_loops = servers.size();
                    run->loop_scopes.clear();
                    for (std::size_t i = 0; i < servers.size(); ++i)
                        run->loop_scopes.push_back(backend::open_cancel_scope()); // one scope each
                }
                if (servers.empty())
                    run->loops_done.set();
                for (std::size_t i = 0; i < servers.size(); ++i) {
                    group.start_soon([this, run, server = servers[i], scope = run->loop_scopes[i], &group]() mutable {
                        scope.run([&] {
                            try {
                                serve_one(*server, group);
                            } catch (const boost::system::system_error&) {
                                if (!server->is_closing())
                                    throw;
                            }
                        });
                        std::lock_guard lock(mutex_);
                        if (--run->active_loops == 0)
                            run->loops_done.set();
                    });
                }
                std::string addresses;
                for (const auto& a : get_addresses())
                    addresses += (addresses.empty() ? "" : ", ") + a.to_string();
                log_.info("Start serving at " + addresses);
                {
                    std::lock_guard lock(mutex_);
                    in_setup_ = false;
                }
                if (is_up_event)
                    is_up_event->set();
                try {
                    run->loops_done.wait();
                } catch (const ::easynet::cancelled&) {
                    log_.info("Server loop break, waiting for remaining tasks...");
                    throw;
                }
                log_.info("Server loop break, waiting for remaining tasks...");
            });
        } catch (...) {
            error = std::current_exception();
        }
        backend::ignore_cancellation([&] { stack.close(); });
        if (error)
            std::rethrow_exception(error);
    });
    log_.info("Server stopped");
}

void network_server_base::shutdown()
{
    std::shared_ptr<run_state> run;
    {
        std::lock_guard lock(mutex_);
        run = run_;
    }
    if (!run)
        return;
    run->scope.cancel();
    run->done.wait();
}

void network_server_base::server_close()
{
    std::shared_ptr<run_state> run;
    {
        std::lock_guard lock(mutex_);
        if (in_setup_)
            throw busy_resource_error("Cannot close server during serve_forever() setup.");
        closed_ = true;
        run = run_;
    }
    if (run) {
        std::vector<backend::cancel_scope> scopes;
        {
            std::lock_guard lock(mutex_);
            scopes = run->loop_scopes;
        }
        for (auto& s : scopes)
            s.cancel();
    }
    backend::ignore_cancellation([&] {
        if (run)
            run->loops_done.wait();
        std::vector<lowlevel::api_async::transports::async_base_transport*> servers;
        {
            std::lock_guard lock(mutex_);
            if (listeners_closed_)
                return;
            listeners_closed_ = true;
            for (auto& s : servers_)
                servers.push_back(s.get());
        }
        backend::with_task_group([&](backend::task_group& group) {
            for (auto* s : servers)
                group.start_soon([s] { s->aclose(); });
        });
        after_listeners_closed();
    });
}

bool network_server_base::is_serving() const
{
    std::lock_guard lock(mutex_);
    if (!run_ || run_->active_loops == 0 || servers_.empty())
        return false;
    for (const auto& s : servers_)
        if (s->is_closing())
            return false;
    return true;
}

bool network_server_base::is_listening() const
{
    std::lock_guard lock(mutex_);
    if (servers_.empty())
        return false;
    for (const auto& s : servers_)
        if (s->is_closing())
            return false;
    return true;
}

std::vector<lowlevel::socket_address> network_server_base::get_addresses() const
{
    std::lock_guard lock(mutex_);
    std::vector<lowlevel::socket_address> addresses;
    for (const auto& s : servers_) {
        if (s->is_closing())
            continue;
        try {
            addresses.push_back(s->extra(lowlevel::socket_attribute::local_address));
        } catch (const std::exception&) {
        }
    }
    return addresses;
}

std::vector<lowlevel::socket_proxy> network_server_base::get_sockets() const
{
    std::lock_guard lock(mutex_);
    std::vector<lowlevel::socket_proxy> sockets;
    for (const auto& s : servers_) {
        try {
            sockets.push_back(s->extra(lowlevel::socket_attribute::socket));
        } catch (const std::exception&) {
        }
    }
    return sockets;
}

} // namespace easynet::servers::detail
