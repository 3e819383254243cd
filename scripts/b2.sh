#!/usr/bin/env bash
# Build with Boost.Build (b2, from libboost1.81-tools-dev) against the system Boost,
# into build/b2/. Default: build the library and build + run every test (b2 test).
#   ./scripts/b2.sh                 # b2 -j2 test
#   ./scripts/b2.sh test//unit      # unit tests only
#   ./scripts/b2.sh variant=debug   # any b2 arguments
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh
if [ $# -eq 0 ]; then set -- test; fi
# ccache (see project-config.jam): hash paths relative to the checkout, so that another
# clone reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
exec b2 -j2 -q "$@"
