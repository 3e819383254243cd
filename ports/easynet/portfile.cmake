# vcpkg portfile of easynet. Not tested here (vcpkg is not available on the project's
# machines). It builds the checkout that contains this port (overlay-port use):
#   vcpkg install easynet --overlay-ports=<checkout>/ports
# For a registry port, replace SOURCE_PATH with vcpkg_from_github(... REF v${VERSION} SHA512 ...).

get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

string(COMPARE EQUAL "${VCPKG_LIBRARY_LINKAGE}" "dynamic" EASYNET_SHARED)

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        -DBUILD_SHARED_LIBS=${EASYNET_SHARED}
        -DEASYNET_BUILD_TESTS=OFF
        -DEASYNET_BUILD_EXAMPLES=OFF
        -DEASYNET_BUILD_BENCH=OFF
        -DEASYNET_BUILD_FUZZ_REPLAY=OFF
        -DEASYNET_USE_CCACHE=OFF
        -DEASYNET_INSTALL=ON
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME easynet CONFIG_PATH lib/cmake/easynet)

file(REMOVE_RECURSE
    "${CURRENT_PACKAGES_DIR}/debug/include"
    "${CURRENT_PACKAGES_DIR}/debug/share")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
