#!/usr/bin/env bash
# Installs the Debian 12 packages kbsearch needs to build, test and benchmark.
# Idempotent: when every package is already installed it makes no apt call.
# With --bench, also the peers bench/compare.py measures against and the
# profilers bench/README.md uses (not needed to build or test).
set -euo pipefail

packages=(
  cmake g++ ninja-build pkg-config
  libxapian-dev xapian-tools
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libicu-dev
  libcli11-dev
  catch2
  libyaml-cpp-dev
  libzstd-dev
  libcpptoml-dev
  nlohmann-json3-dev
  libgit2-dev git
  libgraphviz-dev fonts-noto-cjk
  ripgrep xapian-omega libbenchmark-dev
  bsdutils
  python3 python3-yaml
  python3-dev pybind11-dev python3-pytest
  vim-nox
  make dpkg-dev file
  nodejs
  help2man man-db bash-completion zsh fish
  libcpp-httplib-dev chromium chromium-driver python3-selenium
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(recollcmd python3-xapian sqlite3 linux-perf valgrind)
elif (($# > 0)); then
  echo "usage: tools/setup.sh [--bench]" >&2
  exit 2
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup.sh: missing packages (${missing[*]}) and not root, no sudo to install them" >&2
  exit 1
fi

echo "setup.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
