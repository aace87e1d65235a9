#!/usr/bin/env bash
# The batch path for archives too large for a browser tab: entities of every article on all cores, then
# daily aggregates with DuckDB, in a form the explorer opens. Installs what is missing first.
#
#   scripts/pipeline.sh INPUT... --out DIR [--threads N] [--rules FILE] [--name NAME]
#                       [--from D] [--to D] [--min-articles N]   (cut aggregates.jsonl only)
#
# INPUT: corpora as the explorer reads them (JSON array, {"articles": [...]}, JSON Lines; .gz too).
# DIR receives
#   articles.jsonl          per article: id, date, entities by type (canonical names) and mention counts
#                           (`explorer entities --jsonl --canonical --counts`)
#   mentions.parquet        article, day, type, name, mentions: the table scripts/sql/aggregate.sql reads
#   daily_articles.parquet  day, articles
#   daily_entities.parquet  day, type, name, articles, mentions      (document scope)
#   daily_pairs.parquet     day, source_type, source, target_type, target, articles
#   aggregates.jsonl        the same counts in the form the explorer opens (README, "Aggregates")
# The aggregation's SQL is scripts/sql/aggregate.sql; docs/SCALING.md says how it runs elsewhere.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
inputs=()
out=""
name=""
extract=()
cut=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --threads|--rules|--data) extract+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --name) name="${2:?--name needs a value}"; shift 2 ;;
    --from|--to|--min-articles) cut+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    -h|--help) sed -n 2,18p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --*) echo "pipeline: unknown option $1" >&2; exit 2 ;;
    *) inputs+=("$1"); shift ;;
  esac
done
if [ ${#inputs[@]} -eq 0 ] || [ -z "$out" ]; then
  echo "usage: scripts/pipeline.sh INPUT... --out DIR [--threads N] [--rules FILE] [--name NAME] [--from D] [--to D] [--min-articles N]" >&2
  exit 2
fi
for f in "${inputs[@]}"; do
  [ "$f" = "-" ] || [ -r "$f" ] || { echo "pipeline: cannot read $f" >&2; exit 1; }
done
[ -n "$name" ] || name="$(basename "${inputs[0]}")"; name="${name%%.*}"
bash "$root/scripts/setup.sh" >&2
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j"$(nproc)" --target explorer >/dev/null
mkdir -p "$out"
echo "[pipeline] 1/2 entities of ${#inputs[@]} input(s) -> $out/articles.jsonl" >&2
"$root/build/native-release/src/cli/explorer" entities "${inputs[@]}" --jsonl --canonical --counts \
  ${extract[@]+"${extract[@]}"} > "$out/articles.jsonl"
echo "[pipeline] 2/2 daily aggregates (DuckDB) -> $out" >&2
node "$root/scripts/aggregate.mjs" "$out/articles.jsonl" "$out" --name "$name" ${cut[@]+"${cut[@]}"}
