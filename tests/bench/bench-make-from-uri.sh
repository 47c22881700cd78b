#!/usr/bin/env bash
# Cost of gst_element_make_from_uri for a CDN segment URL with instagramsrc
# installed (it is asked first, at PRIMARY+1, and must refuse at once) and
# without it; printed side by side as a ratio. Usage:
#   bash tests/bench/bench-make-from-uri.sh [BUILD_DIR] [N]
set -euo pipefail
build=${1:-build}
n=${2:-20000}
bench=$build/tests/bench/bench-make-from-uri
sys=$(pkg-config --variable=pluginsdir gstreamer-1.0)
run () {
  GST_PLUGIN_SYSTEM_PATH_1_0= GST_PLUGIN_PATH_1_0="$1" \
    GST_REGISTRY_1_0="$(mktemp -u)" "$bench" "$n"
}
with=$(run "$build/plugin:$sys")
without=$(run "$sys")
echo "with instagramsrc:    $(echo "$with" | sed -n 2p) µs per CDN URL element"
echo "without instagramsrc: $(echo "$without" | sed -n 2p) µs per CDN URL element"
echo "Instagram URL, with:  $(echo "$with" | sed -n 3p) µs per element"
a=$(echo "$with" | sed -n 2p | cut -d' ' -f2)
b=$(echo "$without" | sed -n 2p | cut -d' ' -f2)
python3 -c "print(f'ratio with/without for a CDN URL: {$a / $b:.2f}')"
