#!/usr/bin/env bash
# Installs the system packages the tests need that are not npm packages, from Debian's packages,
# only when they are missing: `redis-server` for the multi-process pub/sub tests of the
# Kooperationsbörse (.ci/run passes it; the Redis test setup calls this script when it is missing).
set -euo pipefail

missing=()
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
