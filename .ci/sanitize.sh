#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer,
# then every libFuzzer target (tests/fuzz/) for FUZZ_SECONDS each.
# Run from anywhere:  bash .ci/sanitize.sh   (.ci/run calls it last)
#
#   FUZZ_SECONDS=60   seconds per fuzz target (libFuzzer -max_total_time)
#   SKIP_ASAN=1       only fuzz;  SKIP_FUZZ=1  only the sanitized test suite
#   ASAN_BUILD, FUZZ_BUILD   build directories (default build-asan,
#                     build-fuzz in the checkout)
#   SANITIZE_RESULTS  file to write one JSON line per result to (a test of
#                     the sanitized suite or a fuzz target), as meson's
#                     testlog.json does; .ci/run counts them
#
# (a) ASAN_BUILD: GCC, -Db_sanitize=address,undefined. GCC links the
#     sanitizer runtimes as shared libraries (libasan.so.8, libubsan.so.1),
#     so our instrumented plugin also works inside programs that are not
#     instrumented (gst-plugin-scanner, gst-launch-1.0, gst-play-1.0 and
#     gst-discoverer-1.0 run by the element and recipe tests) when libasan
#     is preloaded: ASan must be the first library of a process. clang links
#     its ASan runtime statically into executables only: an instrumented
#     plugin dlopen()ed by gst-plugin-scanner fails with "undefined symbol:
#     __asan_option_detect_stack_use_after_return" and every element test
#     then finds no instagramsrc. LD_PRELOAD goes to the tests (meson test
#     --wrapper) and every process they start, not to meson itself. A
#     sanitizer report in any of those processes fails the run, even when
#     the process's exit status is not checked (the registry scanner).
# (b) FUZZ_BUILD: clang (libFuzzer is part of clang), -Dfuzzing=true.
#
# Leaks: detect_leaks=1 with tests/fuzz/lsan.supp for leaks inside system
# libraries (GLib's quark table, fontconfig, OpenNI2, the bash and Python
# interpreters of the recipes test), each explained there;
# fast_unwind_on_malloc=0 because the system libraries have no frame
# pointers and the suppressions match whole stacks.
set -euo pipefail

GI_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$GI_TOP"

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
ASAN_BUILD=${ASAN_BUILD:-$GI_TOP/build-asan}
FUZZ_BUILD=${FUZZ_BUILD:-$GI_TOP/build-fuzz}
SANITIZE_RESULTS=${SANITIZE_RESULTS:-}
LSAN_SUPP=$GI_TOP/tests/fuzz/lsan.supp
FUZZ_TARGETS=(uri model cookies ratelimit-state dash sidx config preloaders playlist)

# The project's packages plus clang (14 on Debian 12, 19 on 13) and its runtime libraries (libFuzzer,
# ASan and UBSan for clang).
source "$GI_TOP/.ci/packages.sh"
gi_install_packages "${GI_PACKAGES[@]}" clang libclang-rt-dev

CLANG=$(command -v clang)

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
SAN_ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0
SAN_LSAN_OPTIONS=suppressions=$LSAN_SUPP:print_suppressions=0
# What a sanitizer prints when it finds something, in any process.
SAN_REPORT='==[0-9]+==ERROR: |SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer|: runtime error: '

declare -a SUMMARY=()
status=0
[ -z "$SANITIZE_RESULTS" ] || : >"$SANITIZE_RESULTS"

# One JSON line per result: name, result (OK or FAIL), duration in seconds.
record () {
  [ -n "$SANITIZE_RESULTS" ] || return 0
  printf '{"name": "%s", "result": "%s", "duration": %s}\n' "$1" "$2" "$3" \
    >>"$SANITIZE_RESULTS"
}

# ---- (a) the test suite under ASan + UBSan --------------------------------
if [ "${SKIP_ASAN:-0}" != 1 ]; then
  echo "== ASan+UBSan test suite in $ASAN_BUILD (gcc, libasan preloaded)"
  if [ ! -f "$ASAN_BUILD/build.ninja" ]; then
    CC=gcc meson setup "$ASAN_BUILD" "$GI_TOP" \
      -Db_sanitize=address,undefined -Db_lundef=false
  fi
  ninja -C "$ASAN_BUILD"
  # Preload exactly the ASan runtime our plugin was linked with.
  LIBASAN=$(ldd "$ASAN_BUILD/plugin/libgstinstagram.so" \
    | sed -n 's/^[[:space:]]*libasan\.so[^ ]* => \([^ ]*\) .*/\1/p')
  if [ -z "$LIBASAN" ] || [ ! -f "$LIBASAN" ]; then
    echo "error: $ASAN_BUILD/plugin/libgstinstagram.so is not linked with libasan" >&2
    exit 1
  fi
  t0=$SECONDS
  asan_rc=0
  meson test -C "$ASAN_BUILD" --print-errorlogs --num-processes 2 \
    --logbase testlog-asan \
    --wrapper "env IG_TEST_MEMORY_CHECKER=asan LD_PRELOAD=$LIBASAN ASAN_OPTIONS=$SAN_ASAN_OPTIONS LSAN_OPTIONS=$SAN_LSAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS" \
    || asan_rc=$?
  # meson adds the wrapper's name to the log base: testlog-asan-env.*
  asan_log=$ASAN_BUILD/meson-logs/testlog-asan-env.txt
  reports=$(grep -cE "$SAN_REPORT" "$asan_log" || true)
  # Each test's result (into SANITIZE_RESULTS), then a sanitizer report in
  # any process counts as one more failure.
  read -r n_tests n_failed < <(python3 - "${asan_log%.txt}.json" "$SANITIZE_RESULTS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
bad = [r for r in rows if r["result"] not in ("OK", "EXPECTEDFAIL", "SKIP")]
if sys.argv[2]:
    with open(sys.argv[2], "a") as out:
        for r in rows:
            out.write(json.dumps({"name": "asan+ubsan " + r["name"],
                "result": "FAIL" if r in bad else "OK",
                "duration": round(r.get("duration", 0), 1)}) + "\n")
print(len(rows), len(bad))
PY
  )
  if [ "$asan_rc" -eq 0 ] && [ "$reports" -eq 0 ]; then
    SUMMARY+=("asan+ubsan test suite|PASS|$n_tests tests|$((SECONDS - t0)) s")
  else
    SUMMARY+=("asan+ubsan test suite|FAIL|$n_tests tests|$n_failed failed, $reports sanitizer report lines; see $asan_log")
    if [ "$reports" -gt 0 ]; then
      echo "Sanitizer reports in $asan_log:"
      grep -nE "$SAN_REPORT" "$asan_log" | head -20
      record "asan+ubsan sanitizer reports in any process" FAIL 0
    fi
    status=1
  fi
fi

# ---- (b) libFuzzer targets ------------------------------------------------
# A working corpus per target in the build directory (libFuzzer adds what
# it finds there): the seeds of tests/fuzz/corpus/ (small files, including
# every input a fuzzer ever crashed on) plus, for the model, the fixtures.
make_corpus () {
  local dir=$FUZZ_BUILD/fuzz-corpus t
  for t in "${FUZZ_TARGETS[@]}"; do
    mkdir -p "$dir/$t"
    if [ -d "tests/fuzz/corpus/fuzz-$t" ]; then
      cp -f "tests/fuzz/corpus/fuzz-$t"/* "$dir/$t/"
    fi
  done
  cp -f tests/unit/data/*.json tests/unit/data/*.html tests/fixtures/*.json "$dir/model/"
  cp -f tests/unit/data/*.mpd "$dir/dash/"
}

if [ "${SKIP_FUZZ:-0}" != 1 ]; then
  echo "== libFuzzer targets in $FUZZ_BUILD ($CLANG), $FUZZ_SECONDS s each"
  if [ ! -f "$FUZZ_BUILD/build.ninja" ]; then
    CC=$CLANG meson setup "$FUZZ_BUILD" "$GI_TOP" -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false
  fi
  exes=()
  for t in "${FUZZ_TARGETS[@]}"; do exes+=("tests/fuzz/fuzz-$t"); done
  ninja -C "$FUZZ_BUILD" "${exes[@]}"
  make_corpus
  mkdir -p "$FUZZ_BUILD/fuzz-logs" "$FUZZ_BUILD/fuzz-artifacts"
  for t in "${FUZZ_TARGETS[@]}"; do
    log=$FUZZ_BUILD/fuzz-logs/$t.log
    echo "-- fuzz-$t (${FUZZ_SECONDS} s)"
    rc=0
    t0=$SECONDS
    dict=()
    [ ! -f "tests/fuzz/fuzz-$t.dict" ] || dict=(-dict="tests/fuzz/fuzz-$t.dict")
    ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=$SAN_LSAN_OPTIONS \
      "$FUZZ_BUILD/tests/fuzz/fuzz-$t" -max_total_time="$FUZZ_SECONDS" \
      -timeout=10 -print_final_stats=1 -detect_leaks=1 "${dict[@]}" \
      -artifact_prefix="$FUZZ_BUILD/fuzz-artifacts/$t-" \
      "$FUZZ_BUILD/fuzz-corpus/$t" >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    corpus=$(find "$FUZZ_BUILD/fuzz-corpus/$t" -type f | wc -l)
    if [ "$rc" -eq 0 ] && ! grep -qE "$SAN_REPORT|ALARM: working on the last Unit|deadly signal" "$log"; then
      SUMMARY+=("fuzz-$t|PASS|${execs:-?} execs|corpus $corpus")
      record "fuzz-$t (${execs:-?} execs)" OK $((SECONDS - t0))
    else
      artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
      SUMMARY+=("fuzz-$t|FAIL (rc $rc)|${execs:-?} execs|${artifact:-see $log}")
      record "fuzz-$t" FAIL $((SECONDS - t0))
      grep -E -A40 "$SAN_REPORT|ALARM|deadly signal" "$log" | head -60 || true
      if [ -n "$artifact" ]; then
        echo "reproducer (base64): $(base64 -w0 "$artifact")"
      fi
      status=1
    fi
    tail -n 6 "$log"
  done
fi

echo
echo "== sanitizers: summary"
printf '%-26s %-12s %-18s %s\n' "what" "result" "runs" "notes"
for row in "${SUMMARY[@]}"; do
  IFS='|' read -r what result runs notes <<<"$row"
  printf '%-26s %-12s %-18s %s\n' "$what" "$result" "$runs" "$notes"
done
exit $status
