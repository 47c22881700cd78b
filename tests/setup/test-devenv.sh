#!/usr/bin/env bash
# gst-instagram tests: the README's `meson devenv -C build gst-inspect-1.0
# instagramsrc` finds the freshly built plugin, in an environment as a
# user has it (none of the test suite's GST_* variables).
#   test-devenv.sh MESON BUILD_DIR
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
meson=$1 build=$(cd "$2" && pwd)

# Under .ci/sanitize.sh, LD_PRELOAD=libasan is only for the processes that
# load our (instrumented) plugin, not for meson, pkg-config or coreutils.
preload=${LD_PRELOAD:-}
unset LD_PRELOAD

# Everything meson test set for the other tests (plugin paths, registry,
# scanner) goes: devenv alone must make the plugin visible.
for v in $(env | sed -n 's/^\(GST_[A-Z0-9_]*\)=.*/\1/p'); do
  unset "$v"
done
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CACHE_HOME=$home/.cache

echo "1..2"
if out=$(env ${preload:+LD_PRELOAD="$preload"} "$meson" devenv -C "$build" gst-inspect-1.0 instagramsrc 2>&1); then
  echo "ok 1 meson devenv -C build gst-inspect-1.0 instagramsrc"
else
  echo "not ok 1 meson devenv -C build gst-inspect-1.0 instagramsrc:"
  sed 's/^/# /' <<<"$out" | head -20
  exit 1
fi
file=$(sed -n 's/^ *Filename *//p' <<<"$out" | head -1)
if [ "$file" = "$build/plugin/libgstinstagram.so" ]; then
  echo "ok 2 the build's plugin: $file"
else
  echo "not ok 2 expected $build/plugin/libgstinstagram.so, got '$file'"
  exit 1
fi
