#!/usr/bin/env bash
# README command 1: install the dependencies, build the demo with the `release` preset
# (build/release/) and run it. Today the demo is the backend example
# (example/backend/hello_tasks.cpp): tasks, sleeping and cancellation on the built-in
# Asio backend.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh
cmake --preset release

bin=build/release/bin
demo_target=easynet-example-hello-tasks
targets=$(cmake --build build/release --target help)
if ! grep -q "^${demo_target}:" <<<"$targets"; then
  echo "demo: target ${demo_target} does not exist yet (example/backend/hello_tasks.cpp is missing)" >&2
  exit 1
fi
cmake --build --preset release --target "${demo_target}"
echo "demo: running ${bin}/${demo_target}"
exec "${bin}/${demo_target}" "$@"
