#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks and builds gst-instagram in
# ./build. Sourced by .ci/demo and .ci/run; safe to run again.
set -euo pipefail

GI_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GI_BUILD=${GI_BUILD:-$GI_TOP/build}

GI_PACKAGES=(
  meson ninja-build pkg-config gcc
  libglib2.0-dev libsoup-3.0-dev libjson-glib-dev libxml2-dev glib-networking
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
  gstreamer1.0-plugins-base-apps
  curl valgrind python3
)

gi_install_packages () {
  local missing=()
  for p in "${GI_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

gi_build () {
  if [ ! -f "$GI_BUILD/build.ninja" ]; then
    meson setup "$GI_BUILD" "$GI_TOP" "$@"
  fi
  ninja -C "$GI_BUILD"
}

gi_install_packages
gi_build
