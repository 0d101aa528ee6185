# Compiler settings shared by every project target: warnings, ccache, sanitizers.
find_program(MILR_CCACHE ccache)
if(MILR_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${MILR_CCACHE}")
endif()

if(MILR_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Warnings for the project's own code (third-party headers come in as SYSTEM includes).
function(milr_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()
