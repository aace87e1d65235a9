#!/usr/bin/env bash
# Configures and builds the WebAssembly app (build/web/site) and the unit tests for Node.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"   # Debian's emscripten needs acorn from here
toolchain="${EMSCRIPTEN_TOOLCHAIN:-}"
if [ -z "$toolchain" ]; then
  for t in /usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
           "${EMSDK:-/nonexistent}/upstream/emscripten/cmake/Modules/Platform/Emscripten.cmake"; do
    [ -f "$t" ] && toolchain="$t" && break
  done
fi
[ -n "$toolchain" ] || { echo "Emscripten's CMake toolchain file not found: run scripts/setup.sh" >&2; exit 1; }
# The "web" preset (CMakePresets.json) names Debian's toolchain file; an emsdk install passes its own.
cd "$root"
cmake --preset web -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" \
  ${AE_WEB_CMAKE_ARGS:-} >/dev/null
cmake --build --preset web -j"$(nproc)"
