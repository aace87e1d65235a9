#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14) and runs each for SECONDS (default 30) from the seed corpus
# (tests/data/hostile, the bundled corpus, tests/fuzz/regressions; for snapshots tests/fuzz/seeds/snapshot,
# snapshots without their 8-byte magic, which the target adds; for the view tests/fuzz/seeds/view, a view
# hash, a rules file and a search separated by 0 bytes). New inputs go to build/fuzz/corpus-*,
# never into the repository; a crash leaves its input in build/fuzz/ (copy it into
# tests/fuzz/regressions/ with the fix). Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-30}"
CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAE_FUZZ=ON \
  -DAE_BUILD_TESTS=OFF >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target fuzz_loader fuzz_extractor fuzz_snapshot fuzz_view
status=0
for target in fuzz_loader fuzz_extractor fuzz_snapshot fuzz_view; do
  corpus="build/fuzz/corpus-$target"
  mkdir -p "$corpus"
  if [ "$target" = fuzz_snapshot ]; then
    cp -n tests/fuzz/seeds/snapshot/* "$corpus"/ 2>/dev/null || true
  elif [ "$target" = fuzz_view ]; then
    cp -n tests/fuzz/seeds/view/* "$corpus"/ 2>/dev/null || true
  else
    cp -n tests/data/hostile/*.json assets/articles.json "$corpus"/ 2>/dev/null || true
    cp -n tests/fuzz/regressions/* "$corpus"/ 2>/dev/null || true
  fi
  echo "--- $target: ${seconds}s"
  # Regressions first (each must pass), then a timed run from the corpus.
  ok=1
  if ls tests/fuzz/regressions/* >/dev/null 2>&1; then
    "build/fuzz/tests/fuzz/$target" tests/fuzz/regressions/* >/dev/null 2>&1 || { echo "$target: a regression input fails"; ok=0; }
  fi
  if ! (cd build/fuzz && "./tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
          -rss_limit_mb=2048 -print_final_stats=1 "corpus-$target" 2>&1 | grep -E "^(stat::|Done|==|SUMMARY)"); then
    ok=0
  fi
  if [ "$ok" = 1 ]; then echo "fuzz: $target ok"; else echo "fuzz: $target FAILED"; status=1; fi
done
exit $status
