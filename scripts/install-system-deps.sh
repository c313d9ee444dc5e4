#!/usr/bin/env bash
# Installs the system packages the tests need that are not npm packages, from Debian's packages,
# only when they are missing. Today that is nothing beyond Java and Maven (checked by .ci/run);
# later slices add Redis (multi-instance pub/sub) and Chromium (viewer test) here.
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
