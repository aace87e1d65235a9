#!/usr/bin/env bash
# Installs what the build and the tests need, only what is missing. Debian 12 / Ubuntu, as root (or sudo).
# Sources: Debian's packages (emscripten, nlohmann-json3-dev, doctest-dev, chromium, fonts, clang),
# Debian's source package `imgui` (Dear ImGui 1.86 sources), npm packages from package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.deps"
mkdir -p "$deps"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

want=(emscripten nlohmann-json3-dev doctest-dev zlib1g-dev chromium fonts-dejavu-core cmake g++ make
      clang-14 libclang-rt-14-dev nodejs npm xz-utils dpkg-dev)
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

# Dear ImGui 1.86 sources from Debian's source package (Debian ships only a native library).
imgui_dir="$deps/imgui-1.86"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  echo "[setup] fetching Dear ImGui 1.86 sources (apt-get source imgui)"
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
  work="$(mktemp -d)"
  (cd "$work" && apt-get source --download-only imgui >/dev/null 2>&1 || (cd "$work" && apt-get source --download-only imgui))
  tarball="$(ls "$work"/imgui_1.86*.orig.tar.* | head -n1)"
  rm -rf "$imgui_dir" && mkdir -p "$imgui_dir"
  tar -xf "$tarball" -C "$imgui_dir" --strip-components=1
  rm -rf "$work"
  test -f "$imgui_dir/imgui.cpp"
fi

# npm packages (playwright-core) from the committed lock file.
if [ ! -d "$root/node_modules/playwright-core" ]; then
  echo "[setup] npm ci"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "[setup] ok"
