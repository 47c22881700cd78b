#!/usr/bin/env bash
# gst-instagram tests: `meson install --destdir` puts the plugin in the
# directory GStreamer scans (the pluginsdir of gstreamer-1.0.pc, or
# -Dplugindir), and nowhere else; the installed file is a loadable plugin.
#   test-install.sh MESON BUILD_DIR PLUGINDIR_OPTION PREFIX
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
meson=$1 build=$2 option=$3 prefix=$4

# Under .ci/sanitize.sh, LD_PRELOAD=libasan is only for the processes that
# load our (instrumented) plugin, not for meson, pkg-config or coreutils.
preload=${LD_PRELOAD:-}
unset LD_PRELOAD

expected=${option:-$(pkg-config --variable=pluginsdir gstreamer-1.0)}
case $expected in /*) ;; *) expected=$prefix/$expected ;; esac  # as meson does
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

echo "1..3"
# --no-rebuild: meson test already built everything; no second ninja in
# the build directory while other tests run.
if ! "$meson" install -C "$build" --no-rebuild --quiet --destdir "$dest" >"$dest.log" 2>&1; then
  echo "not ok 1 meson install --destdir: $(tail -5 "$dest.log")"
  exit 1
fi
rm -f "$dest.log"
if [ -f "$dest$expected/libgstinstagram.so" ]; then
  echo "ok 1 installed as $expected/libgstinstagram.so"
else
  echo "not ok 1 no $expected/libgstinstagram.so; installed:"
  find "$dest" -type f | sed "s|^$dest|# |"
  exit 1
fi
others=$(find "$dest" -name 'libgstinstagram*' ! -path "$dest$expected/*")
if [ -z "$others" ]; then
  echo "ok 2 no other copy"
else
  echo "not ok 2 other copies: $others"
  exit 1
fi
# The file itself is a GStreamer plugin with the element.
if out=$(env ${preload:+LD_PRELOAD="$preload"} \
    GST_REGISTRY_1_0="$dest/registry.bin" gst-inspect-1.0 \
    "$dest$expected/libgstinstagram.so" 2>&1) \
    && grep -q instagramsrc <<<"$out"; then
  echo "ok 3 gst-inspect-1.0 reads it: instagramsrc"
else
  echo "not ok 3 gst-inspect-1.0 $expected/libgstinstagram.so: $out"
  exit 1
fi
