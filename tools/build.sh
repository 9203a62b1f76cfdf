#!/usr/bin/env bash
# Usage: tools/build.sh release|test
# Installs what is missing (tools/setup.sh), then configures and builds
# incrementally: "release" into build/release, "test" (Debug with address and
# undefined-behaviour sanitizers) into build/test.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kind=${1:?usage: tools/build.sh release|test}

"$here/tools/setup.sh"

case "$kind" in
  release)
    dir="$here/build/release"
    flags=(-DCMAKE_BUILD_TYPE=Release -DKB_BUILD_TESTS=OFF -DKB_BUILD_BENCH=OFF)
    ;;
  test)
    dir="$here/build/test"
    san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
    flags=(-DCMAKE_BUILD_TYPE=Debug -DKB_BUILD_TESTS=ON -DKB_BUILD_BENCH=OFF -DKB_WERROR=ON
           "-DCMAKE_CXX_FLAGS=$san" "-DCMAKE_C_FLAGS=$san" "-DCMAKE_EXE_LINKER_FLAGS=$san")
    ;;
  *)
    echo "usage: tools/build.sh release|test" >&2
    exit 2
    ;;
esac

# Configured every time (a second or so), so that changed flags apply to an
# existing build folder too.
cmake -S "$here" -B "$dir" -G Ninja "${flags[@]}" >/dev/null
# Two cores: more jobs only swap on the template-heavy test sources.
cmake --build "$dir" --parallel 2 >&2
