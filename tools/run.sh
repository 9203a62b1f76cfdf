#!/usr/bin/env bash
# Usage: tools/run.sh [kbsearch arguments...]
# Sets up the machine, builds Release, and runs kbsearch. Without --kb, and
# with neither $KBSEARCH_KB nor a .kbsearch/ folder at or above the current
# folder, it uses the sample knowledge base fixtures/kb, indexing it first.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log="$here/build/release-build.log"
mkdir -p "$here/build"
[[ -x "$here/build/release/cli/kbsearch" ]] ||
  echo "run.sh: installing what is missing and building kbsearch (log: $log)" >&2
if ! "$here/tools/build.sh" release >"$log" 2>&1; then
  cat "$log" >&2
  echo "run.sh: the build failed (log: $log)" >&2
  exit 3
fi
kbsearch="$here/build/release/cli/kbsearch"

has_kb_flag=false
for arg in "$@"; do
  case "$arg" in --kb|--kb=*) has_kb_flag=true ;; esac
done

has_index_above() {
  local dir=$PWD
  while :; do
    [[ -d "$dir/.kbsearch" ]] && return 0
    [[ "$dir" == / ]] && return 1
    dir=$(dirname "$dir")
  done
}

if ! $has_kb_flag && [[ -z "${KBSEARCH_KB:-}" ]] && ! has_index_above; then
  export KBSEARCH_KB="$here/fixtures/kb"
  # Incremental: only notes changed since the last run are read again.
  "$kbsearch" index --quiet 2>/dev/null
fi
exec "$kbsearch" "$@"
