#!/usr/bin/env bash
# Usage: tools/build.sh release|test|package
# Installs what is missing (tools/setup.sh), then configures and builds
# incrementally: "release" into build/release, "test" (Debug with address and
# undefined-behaviour sanitizers) into build/test; "package" builds release
# and makes the Debian package build/release/kbsearch_VERSION_ARCH.deb.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kind=${1:?usage: tools/build.sh release|test|package}

"$here/tools/setup.sh"

case "$kind" in
  release|package)
    dir="$here/build/release"
    # Installed to /usr by the package; tools/install.sh sets its own prefix.
    flags=(-DCMAKE_BUILD_TYPE=Release -DKB_BUILD_TESTS=OFF -DKB_BUILD_BENCH=OFF
           "-DCMAKE_INSTALL_PREFIX=${KB_INSTALL_PREFIX:-/usr}")
    ;;
  test)
    dir="$here/build/test"
    san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
    flags=(-DCMAKE_BUILD_TYPE=Debug -DKB_BUILD_TESTS=ON -DKB_BUILD_BENCH=OFF -DKB_WERROR=ON
           "-DCMAKE_CXX_FLAGS=$san" "-DCMAKE_C_FLAGS=$san" "-DCMAKE_EXE_LINKER_FLAGS=$san")
    ;;
  *)
    echo "usage: tools/build.sh release|test|package" >&2
    exit 2
    ;;
esac

# Configured every time (a second or so), so that changed flags apply to an
# existing build folder too.
cmake -S "$here" -B "$dir" -G Ninja "${flags[@]}" >/dev/null
# Two cores: more jobs only swap on the template-heavy test sources.
cmake --build "$dir" --parallel 2 >&2

if [[ "$kind" == package ]]; then
  (cd "$dir" && cpack -G DEB -B "$dir" >&2)
  ls "$dir"/kbsearch_*.deb
fi
