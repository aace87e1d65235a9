#!/usr/bin/env bash
# Installs what the build and the tests need, only what is missing. Debian 12 / Ubuntu, as root (or sudo).
# Sources: Debian's packages (emscripten, nlohmann-json3-dev, doctest-dev, chromium, fonts, clang),
# Debian's source packages `imgui` (Dear ImGui 1.86) and `fribidi` (GNU FriBidi 1.0.8), npm packages from package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.deps"
mkdir -p "$deps"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

want=(emscripten nlohmann-json3-dev doctest-dev zlib1g-dev chromium fonts-dejavu-core cmake g++ make
      clang-14 libclang-rt-14-dev clang-format-14 nodejs npm xz-utils dpkg-dev)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A machine whose node/npm come from elsewhere (e.g. NodeSource) keeps them.
if command -v node >/dev/null && command -v npm >/dev/null; then
  tmp=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || tmp+=("$p"); done
  missing=("${tmp[@]+"${tmp[@]}"}")
fi
updated=0
apt_update() { if [ $updated = 0 ]; then $SUDO apt-get update -qq; updated=1; fi; }
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing: ${missing[*]}"
  apt_update
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Sources from Debian's source packages (Debian ships only compiled native libraries): Dear ImGui 1.86
# and GNU FriBidi 1.0.8 (bidirectional text and Arabic shaping), both built with the project's toolchain.
src_ready=0
ensure_deb_src() {
  [ $src_ready = 1 ] && return 0
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list 2>/dev/null; then
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
        | $SUDO tee /etc/apt/sources.list.d/article-explorer-src.sources >/dev/null
    elif [ -f /etc/apt/sources.list ]; then
      grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
        | $SUDO tee /etc/apt/sources.list.d/article-explorer-src.list >/dev/null
    fi
    updated=0
  fi
  apt_update
  src_ready=1
}
# fetch_source PACKAGE VERSION DIR PROBE: unpacks PACKAGE_VERSION*.orig.tar.* into DIR unless DIR/PROBE exists.
fetch_source() {
  local pkg="$1" ver="$2" dir="$3" probe="$4"
  [ -f "$dir/$probe" ] && return 0
  echo "[setup] fetching $pkg $ver sources (apt-get source $pkg)"
  ensure_deb_src
  local work; work="$(mktemp -d)"
  (cd "$work" && apt-get source --download-only "$pkg" >/dev/null 2>&1 || (cd "$work" && apt-get source --download-only "$pkg"))
  local tarball; tarball="$(ls "$work"/"${pkg}_${ver}"*.orig.tar.* | head -n1)"
  rm -rf "$dir" && mkdir -p "$dir"
  tar -xf "$tarball" -C "$dir" --strip-components=1
  rm -rf "$work"
  test -f "$dir/$probe"
}
fetch_source imgui 1.86 "$deps/imgui-1.86" imgui.cpp
fetch_source fribidi 1.0.8 "$deps/fribidi-1.0.8" lib/fribidi.h

# npm packages (playwright-core for the page's tests, @duckdb/node-api for scripts/pipeline.sh) from the
# committed lock file.
if [ ! -d "$root/node_modules/playwright-core" ] || [ ! -d "$root/node_modules/@duckdb/node-api" ]; then
  echo "[setup] npm ci"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "[setup] ok"
