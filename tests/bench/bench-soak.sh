#!/bin/bash
# gst-instagram benchmark (issue 24): the long soak. 8 processes x 50
# resolutions against the fake Instagram with one shared rate-limit state
# and resolver cache, under limits that make them wait, while 40 of them
# are SIGKILLed at random times and 60 % of the processes started are told
# to die at a random step of a replace; then the figures (processes,
# resolutions, kills, longest wait, most requests per window against the
# limit). Exits non-zero when the soak failed. The suite runs a short one.
# Usage: tests/bench/bench-soak.sh [BUILD_DIR] [ig-soak options...]
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
B=$(realpath "${1:-build}")
shift || true
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# no configuration file or proxy of the developer's
export XDG_CONFIG_HOME=$W/config GIO_USE_PROXY_RESOLVER=dummy GSETTINGS_BACKEND=memory
"$B/tests/bench/ig-soak" --processes 8 --resolutions 50 --kills 40 \
  --self-kill-percent 60 --bound 120 "$@"
