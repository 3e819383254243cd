#!/usr/bin/env bash
# README command 1: install the dependencies, build the echo tools with the `release`
# preset (build/release/) and run the echo demo: easynet-echo-server on 127.0.0.1 (port
# chosen by the system), a few JSON documents piped through easynet-echo-client, what
# they exchange printed, then the server stopped with SIGTERM.
# Extra arguments go to both tools, e.g. ./scripts/demo.sh --wrap zlib
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh
cmake --preset release
cmake --build --preset release --target easynet-echo-server easynet-echo-client

bin=build/release/bin
format=(--format json "$@")

# The server prints "listening on ADDRESS" once it accepts clients.
exec {server_out}< <(exec "${bin}/easynet-echo-server" --transport tcp --host 127.0.0.1 --port 0 "${format[@]}")
server_pid=$!
trap 'kill -TERM "${server_pid}" 2>/dev/null || true' EXIT
if ! read -r -t 20 -u "${server_out}" banner || [[ "${banner}" != "listening on "* ]]; then
  echo "demo: the server did not start" >&2
  exit 1
fi
address=${banner#listening on }
echo "demo: easynet-echo-server ${format[*]}: ${banner}"

requests=(
  '{"hello": "world", "answer": 42}'
  '[1, 2.5, null, true, "caf\u00e9"]'
  '{"nested": {"list": [1e16, 1e-05, -0.0]}, "unicode": "日本"}'
)
echo "demo: easynet-echo-client sends ${#requests[@]} JSON documents, one per line:"
printf '  > %s\n' "${requests[@]}"
echo "demo: and prints each echo (compact JSON, as EasyNetwork writes it):"
printf '%s\n' "${requests[@]}" |
  "${bin}/easynet-echo-client" --transport tcp --host 127.0.0.1 --port "${address##*:}" "${format[@]}" |
  sed 's/^/  < /'

kill -TERM "${server_pid}"
trap - EXIT
status=0
wait "${server_pid}" || status=$?
echo "demo: server stopped by SIGTERM, exit status ${status}"
exit "${status}"
