# Compiler settings shared by every project target: warnings, ccache, sanitizers.
find_program(MILR_CCACHE ccache)
if(MILR_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${MILR_CCACHE}")
endif()

# The default build keeps line tables only (-g1: file and line in backtraces and profiles, no variable
# locations): full debug information made the libtorch precompiled header 772 MB, read by most build steps.
# MILR_FULL_DEBUG_INFO=ON brings back -g for a debugger session.
option(MILR_FULL_DEBUG_INFO "RelWithDebInfo with full debug information (-g) instead of line tables (-g1)" OFF)
if(NOT MILR_FULL_DEBUG_INFO)
  set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O2 -g1 -DNDEBUG")
endif()

if(MILR_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Warnings for the project's own code (third-party headers come in as SYSTEM includes).
function(milr_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# The libtorch precompiled header (core/pch.h, target milr_pch) is off by default: measured on one core, a
# translation unit that does not include all of <torch/torch.h> compiled 4 to 15 times slower with it (loading
# the 640 MB header costs 18 s of CPU; core/text/chat_template.cpp: 1.3 s without, 18 s with), and one that does
# gained 7 s of 31 s (core/model/kv_cache.cpp). Most of the project's files are of the first kind.
option(MILR_PRECOMPILED_HEADER "Share one libtorch precompiled header between the engine's targets" OFF)

# milr_use_pch(TARGET): the target's translation units use the shared libtorch header when it is on.
function(milr_use_pch target)
  if(MILR_PRECOMPILED_HEADER)
    target_precompile_headers(${target} REUSE_FROM milr_pch)
  endif()
endfunction()
