#!/usr/bin/env bash
# Installs what a fresh Debian 12 or 13 machine lacks and builds gst-instagram in
# ./build. Sourced by .ci/demo and .ci/run; safe to run again.
set -euo pipefail

GI_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GI_BUILD=${GI_BUILD:-$GI_TOP/build}

source "$GI_TOP/.ci/packages.sh"

gi_build () {
  if [ ! -f "$GI_BUILD/build.ninja" ]; then
    meson setup "$GI_BUILD" "$GI_TOP" "$@"
  fi
  ninja -C "$GI_BUILD"
}

gi_install_packages "${GI_PACKAGES[@]}"
gi_build
