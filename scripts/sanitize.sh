#!/usr/bin/env bash
# Build and test under a sanitizer (clang-14; g++ 12's ASan misreports on coroutine stacks).
#   ./scripts/sanitize.sh asan          ASan + UBSan, whole test suite      (build/asan/)
#   ./scripts/sanitize.sh tsan          TSan, tests labelled 'threads' only (build/tsan/):
#                                       only the executables holding such tests are built
#   ./scripts/sanitize.sh tsan --all    TSan, whole test suite
# Extra arguments after the preset (and --all) go to ctest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

preset=${1:-}
shift || true
case "$preset" in
  asan|tsan) ;;
  *) echo "usage: $0 {asan|tsan} [--all] [ctest args...]" >&2; exit 2 ;;
esac
all=0
if [ "${1:-}" = "--all" ]; then all=1; shift; fi

./scripts/install-deps.sh
cmake --preset "$preset"

if [ "$preset" = asan ] || [ "$all" = 1 ]; then
  cmake --build --preset "$preset"
  ctest --preset "$preset" "$@"
  exit 0
fi

# TSan, threads only: build just the executables that hold tests labelled 'threads'.
# Test <kind>.<module>.<file> lives in the executable easynet-<kind>-<module> (test/CMakeLists.txt).
mapfile -t targets < <(ctest --test-dir "build/$preset" -L '^threads$' --show-only=json-v1 | python3 -c '
import json, sys
tests = json.load(sys.stdin).get("tests", [])
print("\n".join(sorted({"easynet-%s-%s" % tuple(t["name"].split(".")[:2]) for t in tests})))
' | sed '/^$/d')
if [ ${#targets[@]} -eq 0 ]; then
  echo "sanitize: no test is labelled 'threads' yet (test files named *_mt.cpp or *_threads.cpp); nothing to run under TSan"
  exit 0
fi
echo "sanitize: building ${targets[*]}"
cmake --build --preset "$preset" --target "${targets[@]}"
ctest --preset tsan-threads "$@"
