#!/usr/bin/env bash
# Installs every Debian 12 package easynet needs to build, test, benchmark and fuzz.
# Idempotent: installs only what is missing. Uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  libboost1.81-all-dev libboost-json1.81-dev libboost1.81-tools-dev
  libssl-dev openssl zlib1g-dev libbz2-dev libcbor-dev nlohmann-json3-dev
  clang-14 libclang-rt-14-dev llvm-14
  libbenchmark-dev python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
