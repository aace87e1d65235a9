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
#   scripts/fuzz.sh --runs N [TARGET ...]     the long run: each target (default: all) until N executions
#                                             (10000000), in pieces of at most 1,000,000, from the inputs
#                                             it has found so far. Each finished piece adds its count to
#                                             build/fuzz/TARGET.runs and a line to build/fuzz/TARGET.log,
#                                             so a run that is stopped goes on where it was when started
#                                             again (only the piece under way is lost). At N, the
#                                             interesting inputs, minimised, replace tests/fuzz/corpus/TARGET
#                                             (to commit) and the log is kept beside them (TARGET.log).
#                                             A fresh checkout goes on from the count of the kept log's last
#                                             line ("... K of N").
#   scripts/fuzz.sh --save TARGET ...         keeps a long run that is not finished (a session's end): its
#                                             inputs so far, minimised, replace tests/fuzz/corpus/TARGET and
#                                             its log is kept beside them, so the next --runs goes on from there
#   --max-len BYTES (first)                   the longest input tried (default 65536); the long runs use 4096
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
all=(fuzz_loader fuzz_extractor fuzz_snapshot fuzz_view)
runs=""
seconds=30
max_len=65536
piece_max="${AE_FUZZ_PIECE:-1000000}"  # (smaller pieces: for trying the script itself)
if [ "${1:-}" = "--max-len" ]; then
  max_len="${2:?--max-len needs a number}"
  shift 2
fi
save=0
if [ "${1:-}" = "--save" ]; then
  save=1
  runs=1
  shift
  targets=("$@")
  [ ${#targets[@]} -gt 0 ] || { echo "--save needs the targets to keep"; exit 2; }
elif [ "${1:-}" = "--runs" ]; then
  runs="${2:?--runs needs a number}"
  shift 2
  targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
else
  seconds="${1:-30}"
  targets=("${all[@]}")
fi
# AddressSanitizer's allocation stacks two frames deep in a report (not one frame fewer of checking) and
# 64 MB of freed memory held back to catch use after free (256 by default, for whole programs): each
# execution ~1.5x faster (fuzz_extractor, 2026-12-05). A caller's own ASAN_OPTIONS win.
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=2:quarantine_size_mb=64}"
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
  if [ -z "$runs" ]; then
    echo "--- $target: ${seconds}s"
    if ! (cd build/fuzz && "./tests/fuzz/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
            -rss_limit_mb=2048 -print_final_stats=1 "corpus-$target" 2>&1 | grep -E "^(stat::|Done|==|SUMMARY)"); then
      ok=0
    fi
  else
    # The long run, piece by piece. A unit is a hang only after 120 s of wall time (the machine may be
    # shared for hours); each piece starts a fresh process, so memory the fuzzer keeps does not pile up.
    progress="build/fuzz/$target.runs"
    log="build/fuzz/$target.log"
    kept_log="tests/fuzz/corpus/$target.log"
    if [ ! -f "$progress" ] && [ -f "$kept_log" ]; then
      # A fresh checkout: the count and the log of the runs kept in the repository.
      sed -n 's/.*; \([0-9][0-9]*\) of [0-9][0-9]*$/\1/p' "$kept_log" | tail -1 > "$progress"
      [ -s "$progress" ] || echo 0 > "$progress"
      cp "$kept_log" "$log"
    fi
    done_runs=$(cat "$progress" 2>/dev/null || echo 0)
    [ "$save" = 1 ] && done_runs=$runs  # (keep what there is: no piece)
    [ "$save" = 1 ] || echo "--- $target: $runs executions ($done_runs done before)"
    while [ "$ok" = 1 ] && [ "$done_runs" -lt "$runs" ]; do
      piece=$((runs - done_runs))
      [ "$piece" -le "$piece_max" ] || piece=$piece_max
      out="build/fuzz/$target.piece.txt"
      if ! (cd build/fuzz && "./tests/fuzz/$target" -runs="$piece" -max_len="$max_len" -timeout=120 -rss_limit_mb=2048 \
              -print_final_stats=1 "corpus-$target" > "$target.piece.txt" 2>&1); then
        grep -E "^(==|SUMMARY)|ERROR" "$out" | head -20
        echo "$(date -u +%FT%TZ) piece of $piece: FINDING (see $out)" >> "$log"
        ok=0
        break
      fi
      executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out")
      speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out")
      added=$(sed -n 's/^stat::new_units_added: *//p' "$out")
      slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$out")
      [ -n "$executed" ] || { echo "$target: no figures from the piece (see $out)"; ok=0; break; }
      done_runs=$((done_runs + executed))
      echo "$done_runs" > "$progress"
      line="$(date -u +%FT%TZ) piece of $piece: $executed executions, $speed/s, $added new inputs, slowest ${slowest}s, no finding; $done_runs of $runs"
      echo "$line" >> "$log"
      echo "$line"
    done
    if [ "$ok" = 1 ]; then
      # The interesting inputs, minimised (libFuzzer's merge), become the kept corpus.
      rm -rf "build/fuzz/merged-$target" && mkdir -p "build/fuzz/merged-$target"
      (cd build/fuzz && "./tests/fuzz/$target" -merge=1 -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
         "merged-$target" "corpus-$target" >/dev/null 2>&1) || ok=0
      rm -rf "tests/fuzz/corpus/$target" && mkdir -p "tests/fuzz/corpus/$target"
      cp "build/fuzz/merged-$target"/* "tests/fuzz/corpus/$target"/
      cp "$log" "tests/fuzz/corpus/$target.log" 2>/dev/null || true
      echo "$target: $(ls "tests/fuzz/corpus/$target" | wc -l) inputs kept in tests/fuzz/corpus/$target"
    fi
  fi
  if [ "$ok" = 1 ]; then echo "fuzz: $target ok"; else echo "fuzz: $target FAILED"; status=1; fi
done
exit $status
