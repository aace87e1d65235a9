#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14) and runs each from its seeds: tests/data/hostile, the bundled
# corpus and tests/fuzz/regressions (loader, extractor); tests/fuzz/seeds/snapshot, snapshots without
# their 8-byte magic, which the target adds; tests/fuzz/seeds/view, a view hash, a rules file and a
# search separated by 0 bytes; and for every target the inputs kept from long runs in
# tests/fuzz/corpus/TARGET. A crash leaves its input in build/fuzz/ (copy it into tests/fuzz/regressions/
# with the fix).
#
#   scripts/fuzz.sh [SECONDS]                 each target for SECONDS (default 30; what the tests run);
#                                             new inputs stay in build/fuzz/corpus-TARGET
#   scripts/fuzz.sh --runs N [TARGET ...]     each target (default: all) for N executions (10000000 for the
#                                             long run), then its interesting inputs, minimised, replace
#                                             tests/fuzz/corpus/TARGET (to commit)
#   --max-len BYTES (first)                   the longest input tried (default 65536); the long runs use
#                                             4096, which keeps the loader at ~2,400 executions a second
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
all=(fuzz_loader fuzz_extractor fuzz_snapshot fuzz_view)
runs=""
seconds=30
max_len=65536
if [ "${1:-}" = "--max-len" ]; then
  max_len="${2:?--max-len needs a number}"
  shift 2
fi
if [ "${1:-}" = "--runs" ]; then
  runs="${2:?--runs needs a number}"
  shift 2
  targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
else
  seconds="${1:-30}"
  targets=("${all[@]}")
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target "${targets[@]}"
status=0
for target in "${targets[@]}"; do
  corpus="build/fuzz/corpus-$target"
  mkdir -p "$corpus"
  case "$target" in
    fuzz_snapshot) cp -n tests/fuzz/seeds/snapshot/* "$corpus"/ 2>/dev/null || true ;;
    fuzz_view) cp -n tests/fuzz/seeds/view/* "$corpus"/ 2>/dev/null || true ;;
    *) cp -n tests/data/hostile/*.json assets/articles.json "$corpus"/ 2>/dev/null || true
       cp -n tests/fuzz/regressions/* "$corpus"/ 2>/dev/null || true ;;
  esac
  cp -n "tests/fuzz/corpus/$target"/* "$corpus"/ 2>/dev/null || true
  ok=1
  # Regressions first (each must pass), then the run from the corpus.
  if ls tests/fuzz/regressions/* >/dev/null 2>&1; then
    "build/fuzz/tests/fuzz/$target" tests/fuzz/regressions/* >/dev/null 2>&1 || { echo "$target: a regression input fails"; ok=0; }
  fi
  if [ -n "$runs" ]; then
    echo "--- $target: $runs executions"
    limit=(-runs="$runs")
  else
    echo "--- $target: ${seconds}s"
    limit=(-max_total_time="$seconds")
  fi
  # A long run shares the machine for hours: a unit is a hang only after 120 s of wall time (10 s in the
  # short runs), so a busy machine does not pass for one.
  timeout=10; [ -z "$runs" ] || timeout=120
  if ! (cd build/fuzz && "./tests/fuzz/$target" "${limit[@]}" -max_len="$max_len" -timeout="$timeout" \
          -rss_limit_mb=2048 -print_final_stats=1 "corpus-$target" 2>&1 | grep -E "^(stat::|Done|==|SUMMARY)"); then
    ok=0
  fi
  if [ -n "$runs" ] && [ "$ok" = 1 ]; then
    # The interesting inputs, minimised (libFuzzer's merge), become the kept corpus.
    rm -rf "build/fuzz/merged-$target" && mkdir -p "build/fuzz/merged-$target"
    (cd build/fuzz && "./tests/fuzz/$target" -merge=1 -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
       "merged-$target" "corpus-$target" >/dev/null 2>&1) || ok=0
    rm -rf "tests/fuzz/corpus/$target" && mkdir -p "tests/fuzz/corpus/$target"
    cp "build/fuzz/merged-$target"/* "tests/fuzz/corpus/$target"/
    echo "$target: $(ls "tests/fuzz/corpus/$target" | wc -l) inputs kept in tests/fuzz/corpus/$target"
  fi
  if [ "$ok" = 1 ]; then echo "fuzz: $target ok"; else echo "fuzz: $target FAILED"; status=1; fi
done
exit $status
