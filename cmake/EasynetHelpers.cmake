#
# Helper functions shared by easynet's CMake files.
#
# Distributed under the Boost Software License, Version 1.0.
#

include_guard(GLOBAL)

# easynet_target_warnings(<target>)
#   The project's warning set: -Wall -Wextra (+ -Werror with EASYNET_WERROR=ON).
function(easynet_target_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${EASYNET_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra $<$<BOOL:${EASYNET_WERROR}>:-Werror>)
  endif()
endfunction()

# easynet_enable_ccache()
#   Routes C++ compilations through ccache when it is installed and no launcher is set.
#   Paths are hashed relative to the source tree (CCACHE_BASEDIR, CCACHE_NOHASHDIR) so a
#   fresh clone in another directory (CI) reuses the cache of earlier builds; the
#   sloppiness settings let precompiled headers be cached too.
function(easynet_enable_ccache)
  if(CMAKE_CXX_COMPILER_LAUNCHER)
    return()
  endif()
  find_program(EASYNET_CCACHE_PROGRAM ccache)
  if(NOT EASYNET_CCACHE_PROGRAM)
    return()
  endif()
  set(CMAKE_CXX_COMPILER_LAUNCHER
      "${CMAKE_COMMAND};-E;env;CCACHE_BASEDIR=${PROJECT_SOURCE_DIR};CCACHE_NOHASHDIR=1;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;${EASYNET_CCACHE_PROGRAM}"
      PARENT_SCOPE)
  message(STATUS "easynet: using ccache (${EASYNET_CCACHE_PROGRAM})")
endfunction()

# easynet_add_example(<name> <source>...)
#   An example executable linked to easynet::easynet with the project's warnings.
function(easynet_add_example name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE easynet::easynet)
  set_target_properties(${name} PROPERTIES CXX_EXTENSIONS OFF)
  easynet_target_warnings(${name})
endfunction()
