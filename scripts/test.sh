#!/usr/bin/env bash
# Builds and runs every test: the C++ formatting check, native unit tests with AddressSanitizer + UndefinedBehaviorSanitizer
# (CTest), the same unit tests as WebAssembly under Node (CTest), the batch pipeline on the Reuters
# sample (tests/pipeline), and end-to-end tests in headless Chromium against the built page. Installs
# what is missing first. Ends with "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
jobs="$(nproc)"
passed=0; failed=0
log_dir="$root/build/test-logs"

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
mkdir -p "$log_dir"

# Adds the counts of a CTest run (its summary line) to the totals; a run that did not get that far
# counts as one failure.
count_ctest() {
  local log="$1" line
  line="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1)"
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  local f t
  f="$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')"
  t="$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/')"
  passed=$((passed + t - f)); failed=$((failed + f))
}

stage() { echo; echo "=== $*"; }

# Tests skipped in a node --test log (e.g. the Reuters-21578 checks when ../shared/corpora is not beside
# the clone), named so a run that skipped them says so; skipped tests count as neither passed nor failed.
skipped=0
report_skips() {
  local n
  n="$(grep -E '^# skip [0-9]+' "$1" | awk '{print $3}')"
  [ -n "$n" ] && [ "$n" -gt 0 ] || return 0
  skipped=$((skipped + n))
  echo "SKIPPED $n test(s):"
  grep -E '^ok [0-9]+ - .* # SKIP' "$1" | sed 's/^/  /'
}

stage "C++ formatting as .clang-format has it (clang-format-14)"
if bash scripts/check_format.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

stage "native unit tests (ASan + UBSan)"
if cmake --preset native-asan >/dev/null && cmake --build --preset native-asan -j"$jobs"; then
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset native-asan -j"$jobs" 2>&1 |
    tee "$log_dir/native.log"
  count_ctest "$log_dir/native.log"
else
  echo "native build failed"; failed=$((failed + 1))
fi

stage "fuzzing: loader, extractor, snapshots, view, ${AE_FUZZ_SECONDS:-30} s each (clang-14 libFuzzer)"
bash scripts/fuzz.sh "${AE_FUZZ_SECONDS:-30}" 2>&1 | tee "$log_dir/fuzz.log"
passed=$((passed + $(grep -c '^fuzz: .* ok$' "$log_dir/fuzz.log")))
f="$(grep -c '^fuzz: .* FAILED$' "$log_dir/fuzz.log")"
if [ "$f" -gt 0 ] || ! grep -q '^fuzz: ' "$log_dir/fuzz.log"; then failed=$((failed + (f > 0 ? f : 1))); fi

stage "batch pipeline: explorer entities on two threads -> DuckDB -> aggregates, checked against the articles"
node --test --test-concurrency=1 tests/pipeline/ 2>&1 | tee "$log_dir/pipeline.log"
p="$(grep -E '^# pass [0-9]+' "$log_dir/pipeline.log" | awk '{print $3}')"
f="$(grep -E '^# fail [0-9]+' "$log_dir/pipeline.log" | awk '{print $3}')"
if [ -z "$p" ] || [ -z "$f" ]; then failed=$((failed + 1)); else passed=$((passed + p)); failed=$((failed + f)); fi
report_skips "$log_dir/pipeline.log"

stage "the JavaScript boundary: one declared list (src/platform/js_exports.txt)"
if node scripts/check_js_boundary.mjs; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

stage "WebAssembly build (app + unit tests)"
if bash scripts/build_web.sh; then
  stage "WebAssembly unit tests under Node"
  ctest --test-dir build/web --output-on-failure -j"$jobs" 2>&1 | tee "$log_dir/wasm.log"
  count_ctest "$log_dir/wasm.log"

  stage "page weight of the first view (budget 1,000,000 bytes gzip)"
  if node scripts/page_weight.mjs build/web/site --budget 1000000 2>&1 | tee "$log_dir/weight.log"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi

  stage "end-to-end tests in headless Chromium"
  node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$log_dir/e2e.log"
  p="$(grep -E '^# pass [0-9]+' "$log_dir/e2e.log" | awk '{print $3}')"
  f="$(grep -E '^# fail [0-9]+' "$log_dir/e2e.log" | awk '{print $3}')"
  if [ -z "$p" ] || [ -z "$f" ]; then failed=$((failed + 1)); else passed=$((passed + p)); failed=$((failed + f)); fi
  report_skips "$log_dir/e2e.log"
  echo "screenshots: $root/build/e2e/"
else
  echo "WebAssembly build failed"; failed=$((failed + 1))
fi

echo
[ "$skipped" -eq 0 ] || echo "$skipped skipped (named above: SKIPPED)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
