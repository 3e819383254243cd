//
// easynet tests — a Boost.JSON memory resource that records allocation sizes, to prove a
// decoder never allocates more than its input justifies.
//
#ifndef EASYNET_TEST_COUNTING_RESOURCE_HPP
#define EASYNET_TEST_COUNTING_RESOURCE_HPP

#include <boost/json/memory_resource.hpp>

#include <algorithm>
#include <cstddef>
#include <new>

namespace easynet_test {

class counting_resource final : public boost::json::memory_resource {
public:
    std::size_t largest = 0;   ///< largest single allocation
    std::size_t total = 0;     ///< bytes allocated over the lifetime
    std::size_t live = 0;      ///< bytes currently allocated
    std::size_t peak = 0;      ///< largest `live`

private:
    void* do_allocate(std::size_t n, std::size_t align) override
    {
        largest = std::max(largest, n);
        total += n;
        live += n;
        peak = std::max(peak, live);
        return ::operator new(n, std::align_val_t(align));
    }
    void do_deallocate(void* p, std::size_t n, std::size_t align) override
    {
        live -= n;
        ::operator delete(p, std::align_val_t(align));
    }
    bool do_is_equal(const boost::json::memory_resource& other) const noexcept override { return this == &other; }
};

} // namespace easynet_test

#endif
