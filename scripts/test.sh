#!/usr/bin/env bash
# README command 2: install the dependencies, build everything with the `release`
# preset (build/release/) and run every test with CTest (2 jobs, output on failure).
# Extra arguments go to ctest, e.g. ./scripts/test.sh -L unit   or   -R backend
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
ctest --preset release "$@"
