#
# Finds libcbor and defines the imported target easynet_deps::cbor. Used by easynet's
# own build and by the installed easynetConfig.cmake. libcbor's own CMake config
# (libcbor::libcbor: upstream installs, vcpkg, Conan) is used when present; otherwise
# (Debian ships none) cbor.h and the library are searched for directly.
#
# Distributed under the Boost Software License, Version 1.0.
#

if(TARGET easynet_deps::cbor)
  return()
endif()

find_package(libcbor CONFIG QUIET)
if(TARGET libcbor::libcbor)
  add_library(easynet_deps::cbor INTERFACE IMPORTED)
  set_target_properties(easynet_deps::cbor PROPERTIES INTERFACE_LINK_LIBRARIES libcbor::libcbor)
  return()
endif()

find_path(EASYNET_CBOR_INCLUDE_DIR NAMES cbor.h DOC "Directory holding libcbor's cbor.h")
find_library(EASYNET_CBOR_LIBRARY NAMES cbor DOC "libcbor library")

if(NOT EASYNET_CBOR_INCLUDE_DIR OR NOT EASYNET_CBOR_LIBRARY)
  set(_easynet_cbor_msg "easynet needs libcbor (Debian: apt-get install libcbor-dev); set EASYNET_CBOR_INCLUDE_DIR and EASYNET_CBOR_LIBRARY to point at it")
  if(CMAKE_FIND_PACKAGE_NAME STREQUAL "easynet")
    # Inside find_package(easynet): fail the package, not the consumer's whole configure.
    set(easynet_FOUND FALSE)
    set(easynet_NOT_FOUND_MESSAGE "${_easynet_cbor_msg}")
    return()
  endif()
  message(FATAL_ERROR "${_easynet_cbor_msg}")
endif()

add_library(easynet_deps::cbor UNKNOWN IMPORTED)
set_target_properties(easynet_deps::cbor PROPERTIES
  IMPORTED_LOCATION "${EASYNET_CBOR_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${EASYNET_CBOR_INCLUDE_DIR}")
mark_as_advanced(EASYNET_CBOR_INCLUDE_DIR EASYNET_CBOR_LIBRARY)
