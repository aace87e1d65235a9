# Warns when the Emscripten compiler differs from the version pinned in emsdk-version.txt.
file(READ "${PROJECT_SOURCE_DIR}/emsdk-version.txt" AE_PINNED_EMSDK)
string(STRIP "${AE_PINNED_EMSDK}" AE_PINNED_EMSDK)
if(DEFINED EMSCRIPTEN_VERSION AND NOT EMSCRIPTEN_VERSION VERSION_EQUAL AE_PINNED_EMSDK)
  message(WARNING "Emscripten ${EMSCRIPTEN_VERSION} differs from the version this project is built and "
                  "tested with (${AE_PINNED_EMSDK}, emsdk-version.txt). Builds may differ.")
else()
  message(STATUS "Emscripten ${EMSCRIPTEN_VERSION} (pinned: ${AE_PINNED_EMSDK})")
endif()
