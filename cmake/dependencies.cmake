# Third-party code: nlohmann/json and doctest (Debian's header-only packages), Dear ImGui 1.86 sources.
# Header-only libraries are exposed through a directory holding only them, never /usr/include itself
# (its native headers clash with the Emscripten sysroot).
set(AE_DEPS_INCLUDE "${CMAKE_BINARY_DIR}/deps-include")
file(MAKE_DIRECTORY "${AE_DEPS_INCLUDE}")

function(ae_link_header_dir name probe)
  find_path(_dir_${name} "${probe}" PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
  if(NOT _dir_${name})
    message(FATAL_ERROR "${probe} not found: run scripts/setup.sh (installs nlohmann-json3-dev and doctest-dev)")
  endif()
  if(NOT EXISTS "${AE_DEPS_INCLUDE}/${name}")
    file(CREATE_LINK "${_dir_${name}}/${name}" "${AE_DEPS_INCLUDE}/${name}" SYMBOLIC)
  endif()
endfunction()
ae_link_header_dir(nlohmann nlohmann/json.hpp)

add_library(nlohmann_json_headers INTERFACE)
target_include_directories(nlohmann_json_headers SYSTEM INTERFACE "${AE_DEPS_INCLUDE}")

if(AE_BUILD_TESTS)
  ae_link_header_dir(doctest doctest/doctest.h)
  add_library(doctest_headers INTERFACE)
  target_include_directories(doctest_headers SYSTEM INTERFACE "${AE_DEPS_INCLUDE}")
endif()

if(EMSCRIPTEN)
  # Dear ImGui 1.86: from Debian's source package (scripts/setup.sh unpacks it into .deps/), or, where
  # apt is not available (a hosted runner with emsdk), the same pinned tag fetched by CMake.
  set(IMGUI_DIR "${PROJECT_SOURCE_DIR}/.deps/imgui-1.86" CACHE PATH "Dear ImGui 1.86 sources")
  if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
    include(FetchContent)
    FetchContent_Declare(imgui GIT_REPOSITORY https://github.com/ocornut/imgui.git GIT_TAG v1.86 GIT_SHALLOW TRUE)
    FetchContent_MakeAvailable(imgui)
    set(IMGUI_DIR "${imgui_SOURCE_DIR}" CACHE PATH "Dear ImGui 1.86 sources" FORCE)
  endif()
  add_library(imgui STATIC
    ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
    ${IMGUI_DIR}/imgui_widgets.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
  # 32-bit indices: graph draw lists exceed 64k vertices.
  target_include_directories(imgui PUBLIC "${PROJECT_SOURCE_DIR}/src/platform")
  target_compile_definitions(imgui PUBLIC "IMGUI_USER_CONFIG=<ae_imconfig.h>" IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_IMPL_OPENGL_ES3)
  target_compile_options(imgui PRIVATE -Os)  # the UI library: small beats fast (it is not where time goes)
endif()

# GNU FriBidi 1.0.8 (LGPL-2.1+): bidirectional reordering (UAX #9) and Arabic shaping, for every build
# (the page draws with it; the unit tests check it natively and under Node). From Debian's source package
# (scripts/setup.sh unpacks it into .deps/); its Unicode tables ship generated in lib/*.tab.i, the two
# headers its own build system would write are in cmake/fribidi/.
# Where apt is not available (a hosted runner with emsdk), CMake fetches the same release's tarball.
set(FRIBIDI_DIR "${PROJECT_SOURCE_DIR}/.deps/fribidi-1.0.8" CACHE PATH "GNU FriBidi 1.0.8 sources")
if(NOT EXISTS "${FRIBIDI_DIR}/lib/fribidi.h")
  include(FetchContent)
  FetchContent_Declare(fribidi_src
    URL https://github.com/fribidi/fribidi/releases/download/v1.0.8/fribidi-1.0.8.tar.bz2
    URL_HASH SHA256=94c7b68d86ad2a9613b4dcffe7bbeb03523d63b5b37918bdf2e4ef34195c1e6c)
  FetchContent_MakeAvailable(fribidi_src)
  set(FRIBIDI_DIR "${fribidi_src_SOURCE_DIR}" CACHE PATH "GNU FriBidi 1.0.8 sources" FORCE)
endif()
add_library(fribidi STATIC
  ${FRIBIDI_DIR}/lib/fribidi.c ${FRIBIDI_DIR}/lib/fribidi-arabic.c ${FRIBIDI_DIR}/lib/fribidi-bidi.c
  ${FRIBIDI_DIR}/lib/fribidi-bidi-types.c ${FRIBIDI_DIR}/lib/fribidi-brackets.c
  ${FRIBIDI_DIR}/lib/fribidi-joining.c ${FRIBIDI_DIR}/lib/fribidi-joining-types.c
  ${FRIBIDI_DIR}/lib/fribidi-mirroring.c ${FRIBIDI_DIR}/lib/fribidi-run.c ${FRIBIDI_DIR}/lib/fribidi-shape.c
  ${FRIBIDI_DIR}/lib/fribidi-deprecated.c)
target_include_directories(fribidi SYSTEM PUBLIC "${PROJECT_SOURCE_DIR}/cmake/fribidi" "${FRIBIDI_DIR}/lib")
target_compile_definitions(fribidi PRIVATE HAVE_CONFIG_H FRIBIDI_BUILD FRIBIDI_LIB_STATIC PUBLIC FRIBIDI_LIB_STATIC)
target_compile_options(fribidi PRIVATE -w -Os)
