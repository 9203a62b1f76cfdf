#!/bin/sh
# Installs the python component of BUILD_DIR into a staging folder, as the
# .deb does (prefix /usr), and imports the module from where Debian's
# python3 looks for its packages' modules.
# Usage: install_test.sh CMAKE PYTHON BUILD_DIR WORK_FOLDER
set -eu
cmake=$1 python=$2 build=$3 stage=$4/stage
rm -rf "$stage"
DESTDIR="$stage" "$cmake" --install "$build" --prefix /usr --component python
dist="$stage/usr/lib/python3/dist-packages"
PYTHONPATH="$dist" "$python" -c '
import sys, kbsearch
assert kbsearch.__file__.startswith(sys.argv[1]), kbsearch.__file__
print("imported", kbsearch.__file__)' "$dist"
