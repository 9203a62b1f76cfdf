#!/usr/bin/env bash
# Usage: bench/compare_rg.sh [CORPUS_DIR] [WORD...]
# Whole-process time of `kbsearch WORD` against `rg -l -F WORD` on the same
# corpus in the same run, so the ratio holds on a noisy machine. The corpus is
# copied to a temporary folder first (the index is written inside the KB).
# Default corpus: ../shared/corpus/zh-notes beside the repository.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${1:-$here/../shared/corpus/zh-notes}
shift || true
words=("$@")
((${#words[@]})) || words=(注意力 数据库 线程 缓存 大模型 索引 attention transaction kernel)

"$here/tools/build.sh" release >/dev/null 2>&1
kbsearch="$here/build/release/cli/kbsearch"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/kb"
rm -rf "$work/kb/.kbsearch"

ms() { echo $(( ($2 - $1) / 1000000 )); }
t0=$(date +%s%N)
"$kbsearch" index --kb "$work/kb" --quiet 2>/dev/null
t1=$(date +%s%N)
echo "corpus: $corpus ($(find "$work/kb" -name '*.md' | wc -l) notes)"
echo "kbsearch index (full build): $(ms "$t0" "$t1") ms"
echo
printf '%-14s %10s %10s %8s %8s %8s\n' word "rg ms" "kbs ms" ratio "rg hits" "kbs hits"
runs=5
for w in "${words[@]}"; do
  rg -l -F "$w" "$work/kb" >/dev/null || true    # warm the page cache
  t0=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do rg -l -F "$w" "$work/kb" >/dev/null || true; done
  t1=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$kbsearch" --kb "$work/kb" "$w" >/dev/null || true; done
  t2=$(date +%s%N)
  rg_ms=$(( ($t1 - $t0) / runs / 1000000 ))
  kb_ms=$(( ($t2 - $t1) / runs / 1000000 ))
  rg_hits=$(rg -l -F "$w" "$work/kb" | wc -l || true)
  kb_hits=$("$kbsearch" --kb "$work/kb" --limit 100000 "$w" | grep -c '^  [^ ].*:[0-9]' || true)
  printf '%-14s %10s %10s %8s %8s %8s\n' "$w" "$rg_ms" "$kb_ms" \
    "$(awk -v a="$kb_ms" -v b="$rg_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
    "$rg_hits" "$kb_hits"
done
