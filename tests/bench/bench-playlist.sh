#!/bin/bash
# gst-instagram benchmark (issue 13): the requests and wall time to list the
# fake's 30-post profile with a session, and to list it then download every
# post in one shell loop (the README's playlist-download recipe), with the
# rate limiter off and with its logged-in defaults (as a user runs it).
# Usage: tests/bench/bench-playlist.sh [BUILD_DIR]
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
B=$(realpath "${1:-build}")
W=$(mktemp -d)
trap 'kill $FPID 2>/dev/null; rm -rf "$W"' EXIT
export GST_PLUGIN_SYSTEM_PATH_1_0= GIO_USE_PROXY_RESOLVER=dummy GSETTINGS_BACKEND=memory
export GST_PLUGIN_PATH_1_0=$B/plugin:$(pkg-config --variable=pluginsdir gstreamer-1.0)
export GST_REGISTRY_1_0=$W/registry.bin XDG_CONFIG_HOME=$W/config
SID='4242424242%3AfakeSession%3A17%3Afake' # FAKE_SESSION_ID
LOG=$W/fake.log
: > "$LOG"
"$B/tests/fake/fake-instagram" --port 0 --media-dir "$B/tests/fake/media" --log "$LOG" > "$W/fake.out" &
FPID=$!
for _ in $(seq 100); do grep -q 'listening on' "$W/fake.out" && break; sleep 0.1; done
BASE=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$W/fake.out")
export GST_INSTAGRAM_WWW_BASE=$BASE GST_INSTAGRAM_MOBILE_BASE=$BASE
cd "$W"
gst-inspect-1.0 instagramsrc > /dev/null # the registry, outside the timings
api () { grep -vc ' /cdn/' "$LOG" || true; }
cdn () { grep -c ' /cdn/' "$LOG" || true; }
now () { date +%s.%N; }
for mode in off default; do
  export XDG_CACHE_HOME=$(mktemp -d -p "$W")
  if [ "$mode" = off ]; then export GST_INSTAGRAM_RATE_LIMITS=off; else unset GST_INSTAGRAM_RATE_LIMITS; fi
  : > "$LOG"; t0=$(now)
  gst-launch-1.0 -q instagramsrc uri=https://www.instagram.com/fakegrid/ session-id=$SID ! filesink location=list.txt
  t1=$(now)
  echo "rate limits $mode: list 30 posts: $(tr -d '\r' < list.txt | wc -l) lines, $(api) API requests" \
    "($(grep -c 'feed/user' "$LOG") feed pages), $(echo "$t1 - $t0" | bc) s"
  : > "$LOG"; t0=$(now)
  gst-launch-1.0 -q instagramsrc uri=https://www.instagram.com/fakegrid/ session-id=$SID ! filesink location=list.txt
  for uri in $(tr -d '\r' < list.txt); do
    code=$(basename "${uri%%\?*}")
    gst-launch-1.0 -q instagramsrc uri="$uri" session-id=$SID ! filesink location="$code"
  done
  t1=$(now)
  echo "rate limits $mode: list + download 30: $(api) API requests, $(cdn) CDN requests, $(echo "$t1 - $t0" | bc) s"
done
