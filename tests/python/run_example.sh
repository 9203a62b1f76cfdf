#!/bin/sh
# Runs example.py (libindex/README.md, "Python") on a fresh copy of a
# knowledge base and checks what it printed of the fixture.
# Usage: run_example.sh PYTHON KB_FOLDER WORK_FOLDER
set -eu
python=$1 kb=$2 copy=$3/kb
mkdir -p "$3"
rm -rf "$copy"
cp -R "$kb" "$copy"
out=$("$python" "$(dirname "$0")/example.py" "$copy")
printf '%s\n' "$out"
# fixtures/README.md: six notes are tagged LLM; Transformer.md's backlinks
# include BERT.md's.
printf '%s\n' "$out" | grep -qx 'LLM notes: 6'
printf '%s\n' "$out" | grep -q "'大模型LM/文献精读/BERT.md'"
