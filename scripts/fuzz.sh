#!/usr/bin/env bash
# Build the libFuzzer targets (test/fuzzing/fuzz_*.cpp) with the `fuzz` preset
# (clang-14, ASan + UBSan, build/fuzz/) and run them.
#   ./scripts/fuzz.sh           # replay each corpus, then fuzz each target for EASYNET_FUZZ_SECONDS (10 s)
#   ./scripts/fuzz.sh replay    # only replay the corpora (test/fuzzing/corpus/<target>/)
# New inputs found by the bounded runs land in build/fuzz/test/fuzzing/corpus/<target>/;
# copy the interesting ones into test/fuzzing/corpus/ to keep them as regressions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode=${1:-all}
case "$mode" in all|replay) ;; *) echo "usage: $0 [all|replay]" >&2; exit 2 ;; esac

if ! compgen -G "test/fuzzing/fuzz_*.cpp" >/dev/null; then
  echo "fuzz: no fuzz target yet (test/fuzzing/fuzz_*.cpp); nothing to do"
  exit 0
fi

./scripts/install-deps.sh
cmake --preset fuzz
cmake --build --preset fuzz
if [ "$mode" = replay ]; then
  ctest --preset fuzz-replay
else
  ctest --preset fuzz
fi
