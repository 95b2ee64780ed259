#!/bin/sh
# install-deps.sh -- installs the Debian packages kiln needs to build and test, if missing.
# Build: gcc or clang, make, libgmp-dev, libonig-dev, pkg-config; JIT unit tests: libcapstone-dev. Tests: ruby (CRuby 3.1,
# the behavioural oracle). Later issues add libreadline-dev.
set -e
need=""
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in make gcc clang pkg-config libgmp-dev libonig-dev libcapstone-dev ruby; do
  have "$p" || need="$need $p"
done
if [ -n "$need" ]; then
  echo "install-deps: installing$need"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
fi
