# Install layout and the Debian package (CPack DEB) of MILR Studio: binaries, embedded model, prompt sets,
# desktop entry, AppStream metainfo, hicolor icons, shell completion and the documentation.
#
# The installed executables find their shared files as <prefix>/share/milr-studio/... beside <prefix>/bin
# (core/session/model_bundle.cpp), so the layout below uses "bin" and "share" literally.

set(MILR_APP_ID "org.milrstudio.MilrStudio" CACHE INTERNAL "Reverse-DNS id: desktop file, metainfo, icon name")
set(MILR_PROJECT_URL "https://github.com/milr-studio/milr-studio" CACHE STRING "Homepage written into the package")
set(MILR_PACKAGE_MAINTAINER "The MILR Studio developers <milr-studio@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian package")

set(milr_share "share/milr-studio")
set(milr_packaging "${CMAKE_SOURCE_DIR}/packaging")
set(milr_resources "${CMAKE_SOURCE_DIR}/resources")

# The metainfo's newest release must be the project's version (it is what software centres show).
file(READ "${milr_packaging}/${MILR_APP_ID}.metainfo.xml" milr_metainfo)
if(NOT milr_metainfo MATCHES "<release version=\"${PROJECT_VERSION}\"")
  message(FATAL_ERROR "packaging/${MILR_APP_ID}.metainfo.xml has no <release version=\"${PROJECT_VERSION}\">: "
                      "add the release that project(VERSION) names")
endif()

# Shared data: the embedded model (its files named one by one, so nothing else in the folder ships) and the
# GenEval-Shapes prompt sets.
install(FILES
  "${milr_resources}/embedded-model/config.json"
  "${milr_resources}/embedded-model/model.safetensors"
  "${milr_resources}/embedded-model/tokenizer.model"
  "${milr_resources}/embedded-model/tokenizer_config.json"
  "${milr_resources}/embedded-model/README.md"
  DESTINATION "${milr_share}/embedded-model")
install(FILES
  "${milr_resources}/geneval-shapes/README.md"
  "${milr_resources}/geneval-shapes/evaluation_metadata.jsonl"
  "${milr_resources}/geneval-shapes/compositional_metadata.jsonl"
  DESTINATION "${milr_share}/geneval-shapes")
# The studio's examples (Run > Examples), chosen by the fidelity study (tools/make-results.sh).
if(EXISTS "${milr_resources}/geneval-shapes/examples.json")
  install(FILES "${milr_resources}/geneval-shapes/examples.json" DESTINATION "${milr_share}/geneval-shapes")
endif()

# Desktop integration.
install(FILES "${milr_packaging}/${MILR_APP_ID}.desktop" DESTINATION share/applications)
install(FILES "${milr_packaging}/${MILR_APP_ID}.metainfo.xml" DESTINATION share/metainfo)
install(FILES "${milr_resources}/icons/milr-studio.svg"
        DESTINATION share/icons/hicolor/scalable/apps RENAME "${MILR_APP_ID}.svg")
foreach(size 16 24 32 48 64 128 256)
  install(FILES "${milr_resources}/icons/hicolor/${size}x${size}.png"
          DESTINATION "share/icons/hicolor/${size}x${size}/apps" RENAME "${MILR_APP_ID}.png")
endforeach()

# Shell completion of `milr` (packaging/completions/), where bash-completion and Debian's zsh look for it.
install(FILES "${milr_packaging}/completions/milr.bash" DESTINATION share/bash-completion/completions RENAME milr)
install(FILES "${milr_packaging}/completions/_milr" DESTINATION share/zsh/vendor-completions)

# Documentation.
install(FILES "${CMAKE_SOURCE_DIR}/README.md" "${CMAKE_SOURCE_DIR}/docs/user-guide.md"
              "${CMAKE_SOURCE_DIR}/docs/developer-guide.md" "${CMAKE_SOURCE_DIR}/docs/RESULTS.md"
              "${CMAKE_SOURCE_DIR}/docs/BENCHMARKS.md" "${CMAKE_SOURCE_DIR}/docs/SECURITY.md"
              "${CMAKE_SOURCE_DIR}/docs/results-steps.png"
        DESTINATION share/doc/milr-studio)
install(FILES "${CMAKE_SOURCE_DIR}/LICENSE" DESTINATION share/doc/milr-studio RENAME copyright)
install(FILES "${CMAKE_SOURCE_DIR}/docs/screenshots/studio.png" "${CMAKE_SOURCE_DIR}/docs/screenshots/compare.png"
              "${CMAKE_SOURCE_DIR}/docs/screenshots/presentation.png"
        DESTINATION share/doc/milr-studio/screenshots)

# The Debian package: `cpack -G DEB` in the build folder (tools/package.sh).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "milr-studio")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The MILR Studio developers")
set(CPACK_PACKAGE_CONTACT "${MILR_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "watch a text-to-image model reason its way to a better picture")
# The long description, in lines of Debian's width (CPack indents them for the control file).
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "MILR Studio runs MILR (test-time latent reasoning) on text-and-image models"
  "of the Janus-Pro family and shows every step live: the image, the reward"
  "curve and the reasoning text as its latents are optimised. It ships a small"
  "embedded model that runs on a CPU; Janus-Pro 1B and 7B load from a Hugging"
  "Face folder. The milr command runs the same engine from the terminal.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${MILR_PROJECT_URL}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MILR_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "graphics")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
# dpkg-shlibdeps derives Qt 6, libtorch, OpenCV, QCustomPlot and libpng from the binaries. What it cannot see:
# the SVG icon engine plugin (libqt6svg6) and OpenBLAS (libtorch only asks for some libblas.so.3; the reference
# BLAS runs the model about 50 times slower).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6, libopenblas0-pthread | libopenblas0")
# Recommended: the Wayland platform plugin, and Qt's own translated strings for the Chinese window (the app's
# translations are compiled in); suggested: a CJK font for it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "fonts-noto-cjk")
include(CPack)
