# milr_core_module_sources(VAR DIR): the sources of the core module in core/<DIR> (every .cpp there), the one list
# the engine's libraries (core/CMakeLists.txt) and the fuzz project (tests/fuzz) build from.
function(milr_core_module_sources var dir)
  get_filename_component(core_dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../core" ABSOLUTE)
  file(GLOB sources CONFIGURE_DEPENDS "${core_dir}/${dir}/*.cpp")
  set(${var} ${sources} PARENT_SCOPE)
endfunction()
