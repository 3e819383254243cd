//
// easynet — umbrella header of the backend layer.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_HPP

#include <easynet/lowlevel/api_async/backend/async_backend.hpp>
#if __has_include(<easynet/lowlevel/api_async/backend/network.hpp>)
#include <easynet/lowlevel/api_async/backend/network.hpp>
#endif

#endif
