#!/usr/bin/env bash
# One lane of the test command: installs what is missing, builds in
# GI_BUILD, runs the whole suite, then again under valgrind, then under
# ASan+UBSan with the fuzz targets (.ci/sanitize.sh). Leaves one JSON line
# per result in GI_BUILD/meson-logs (testlog.json, testlog-valgrind.json,
# testlog-sanitize.json) for .ci/run's summary; exits non-zero on any
# failure. .ci/run runs it on the host (Debian 12) and, through
# .ci/debian13.sh, in a Debian 13 root.
#   GI_SKIP_VALGRIND=1, GI_SKIP_SANITIZE=1, GI_SKIP_FUZZ=1   leave a stage out
set -uo pipefail
cd "$(dirname "$0")/.."
source .ci/setup.sh
set +e    # report every failure in the summary
rm -f "$GI_BUILD"/meson-logs/testlog*.json

meson test -C "$GI_BUILD" --print-errorlogs --num-processes 2 "$@"
status=$?
if [ $status -eq 0 ] && [ -z "${GI_SKIP_VALGRIND:-}" ]; then
  # The same suite again under valgrind memcheck.
  meson test -C "$GI_BUILD" --setup valgrind --print-errorlogs --num-processes 2 "$@"
  status=$?
fi

# The suite again under ASan + UBSan, and every libFuzzer target for 60 s
# (.ci/sanitize.sh, builds in GI_BUILD-asan and GI_BUILD-fuzz). Skipped
# when only some tests were asked for.
if [ -z "${GI_SKIP_SANITIZE:-}" ] && [ $# -eq 0 ]; then
  results="$GI_BUILD/meson-logs/testlog-sanitize.json"
  SANITIZE_RESULTS="$results" ASAN_BUILD="$GI_BUILD-asan" \
    FUZZ_BUILD="$GI_BUILD-fuzz" SKIP_FUZZ="${GI_SKIP_FUZZ:-0}" \
    bash .ci/sanitize.sh
  sanitize_status=$?
  if [ $sanitize_status -ne 0 ]; then
    status=$sanitize_status
    # A failure before any result was written (a build error) still counts.
    grep -q '"FAIL"' "$results" 2>/dev/null \
      || echo '{"name": ".ci/sanitize.sh", "result": "FAIL"}' >>"$results"
  fi
fi
exit $status
