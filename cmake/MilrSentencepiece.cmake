# Imports the static sentencepiece built by tools/build-sentencepiece.sh (see toolchain notes in docs/).
set(MILR_SENTENCEPIECE_PREFIX "${CMAKE_SOURCE_DIR}/third_party/sentencepiece" CACHE PATH
    "Install prefix of the static sentencepiece build")
find_package(Protobuf REQUIRED)
find_library(MILR_SPM_LIB NAMES libsentencepiece.a PATHS "${MILR_SENTENCEPIECE_PREFIX}/lib" "${MILR_SENTENCEPIECE_PREFIX}/lib64" NO_DEFAULT_PATH)
find_library(MILR_SPM_TRAIN_LIB NAMES libsentencepiece_train.a PATHS "${MILR_SENTENCEPIECE_PREFIX}/lib" "${MILR_SENTENCEPIECE_PREFIX}/lib64" NO_DEFAULT_PATH)
if(NOT MILR_SPM_LIB OR NOT MILR_SPM_TRAIN_LIB)
  message(FATAL_ERROR "Static sentencepiece not found under ${MILR_SENTENCEPIECE_PREFIX}: run tools/setup.sh first")
endif()
add_library(milr_sentencepiece INTERFACE)
target_include_directories(milr_sentencepiece SYSTEM INTERFACE "${MILR_SENTENCEPIECE_PREFIX}/include")
target_link_libraries(milr_sentencepiece INTERFACE "${MILR_SPM_TRAIN_LIB}" "${MILR_SPM_LIB}" protobuf::libprotobuf Threads::Threads)
find_package(Threads REQUIRED)
