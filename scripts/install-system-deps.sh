#!/usr/bin/env bash
# Installs the system packages the tests need that are not npm packages, from Debian's packages,
# only when they are missing: `redis-server` for the multi-process pub/sub tests of the
# Kooperationsbörse and `chromium` for the viewer's browser test (.ci/run passes both; the test
# setups call this script when theirs is missing).
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
