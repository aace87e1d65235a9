#!/usr/bin/env bash
# Builds the web app and serves it on 127.0.0.1 (prints the URL). Installs what is missing first.
# Usage: scripts/serve.sh [PORT]   (default 8000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-${PORT:-8000}}"
bash "$root/scripts/setup.sh"
bash "$root/scripts/build_web.sh"
exec node "$root/scripts/serve.mjs" "$root/build/web/site" --port "$port"
