#
# CTest driver of install.find_package: installs the built easynet into a prefix inside
# the build tree, moves that prefix (the package must be relocatable), then configures,
# builds and runs the consumer project against it.
#
# Distributed under the Boost Software License, Version 1.0.
#
foreach(var EASYNET_BINARY_DIR WORK_DIR CONSUMER_SOURCE_DIR GENERATOR CXX_COMPILER EXPECTED_VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()

function(run)
  string(REPLACE ";" " " _pretty "${ARGN}")
  message(STATUS "install test: ${_pretty}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install test: command failed (${rc}): ${_pretty}")
  endif()
endfunction()

set(staged "${WORK_DIR}/staged")
set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

run("${CMAKE_COMMAND}" --install "${EASYNET_BINARY_DIR}" --config "${BUILD_TYPE}" --prefix "${staged}")
file(RENAME "${staged}" "${prefix}")

run("${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    "-DEXPECTED_PREFIX=${prefix}"
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --config "${BUILD_TYPE}")
find_program(consumer easynet-consumer PATHS "${WORK_DIR}/build" "${WORK_DIR}/build/${BUILD_TYPE}" NO_DEFAULT_PATH)
if(NOT consumer)
  message(FATAL_ERROR "install test: the consumer executable was not built")
endif()
execute_process(COMMAND "${consumer}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message(STATUS "install test: consumer says: ${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install test: the consumer failed (${rc})")
endif()
