#!/usr/bin/env bash
# Usage: tools/install.sh [PREFIX]
# Builds the release (tools/build.sh release) and installs kbsearch, the
# libkbindex libraries, headers, CMake and pkg-config files, man page,
# completions and docs under PREFIX (default /usr/local). A system prefix
# needs root: run it with sudo. Outside /usr the program finds its library
# through its RPATH ($ORIGIN/../lib); a program of yours linked with
# libkbindex.so needs the library directory in ld.so's path (ldconfig, run
# here for /usr/local, or LD_LIBRARY_PATH).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=${1:-/usr/local}

KB_INSTALL_PREFIX="$prefix" "$here/tools/build.sh" release
cmake --install "$here/build/release" --prefix "$prefix"
if [[ "$prefix" == /usr/local && $(id -u) -eq 0 ]]; then
  ldconfig
fi
echo "installed: $prefix/bin/kbsearch" >&2
