#!/usr/bin/env bash
# Usage: tools/test.sh [ctest arguments...]
# Sets up the machine, builds the test configuration (Debug, address and
# undefined-behaviour sanitizers) into build/test, and runs the whole suite.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

"$here/tools/build.sh" test
cd "$here/build/test"
ctest --output-on-failure --no-tests=error "$@"
