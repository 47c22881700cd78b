#!/usr/bin/env python3
"""gst-instagram benchmark: instagramsrc vs souphttpsrc vs curl.

Serves a large MP4 from the fake Instagram's CDN on loopback and, in one run,
moves it with
  1. instagramsrc uri=<post> ! fakesink   (resolution included)
  2. souphttpsrc location=<the resolved CDN URL> ! fakesink
  3. curl -o /dev/null <the resolved CDN URL>
reporting wall time, CPU time, peak RSS, throughput and time to first
buffer, each as the median of --runs runs, and the ratios the issue asks
for. Not a test: it prints numbers.

usage: bench.py BUILD_DIR [--runs N]
"""
import argparse, json, os, statistics, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import measure, start_fake, stop_fake  # noqa: E402

BIG_MEDIA = "big-1280x720.mp4"          # tests/fake/fake-media.h FAKE_MEDIA_BIG
BIG_POST = "https://www.instagram.com/p/CbenchBig20/"   # FAKE_SC_BIG

def peak_rss(argv, env):
    """Peak RSS of one run, from /proc-free wait4."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss  # KiB

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--http", action="store_true",
                    help="plain HTTP instead of HTTPS (the default, as on Instagram)")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    media_dir = os.path.join(build, "tests/fake/media")
    big = os.path.join(media_dir, BIG_MEDIA)
    if not os.path.exists(big):
        subprocess.check_call(["bash", os.path.join(top, "tests/fake/make-media.sh"),
                               "--big", media_dir])
    size = os.path.getsize(big)

    env = dict(os.environ)
    env["GST_PLUGIN_PATH_1_0"] = os.path.join(build, "plugin")
    env["GST_REGISTRY_1_0"] = os.path.join(build, "tests/bench/registry.bin")
    state = os.path.join(build, "tests/bench/rate-limit")
    fake, base, urls = start_fake(build, media_dir, env, not args.http, [BIG_MEDIA])
    cdn = urls[BIG_MEDIA]
    try:
        env["GST_INSTAGRAM_WWW_BASE"] = base
        env["GST_INSTAGRAM_MOBILE_BASE"] = base
        runner = os.path.join(build, "tests/bench/ig-bench-run")
        cases = {
            # The certificate is self-signed: each client is told to accept it.
            # Rate limiting stays on, without the deliberate 0.5-1.5 s jitter
            # between API requests, and with a state file of its own.
            "instagramsrc": [runner, f"instagramsrc uri={BIG_POST} ssl-strict=false "
                             f"rate-limits=jitter=0 rate-limit-state={state}"],
            "souphttpsrc": [runner, f"souphttpsrc location=\"{cdn}\" ssl-strict=false"],
            "curl": ["curl", "-k", "-sS", "-o", "/dev/null", "-w",
                     '{"ok": true, "bytes": %{size_download}, "first_buffer_ms": %{time_starttransfer}, "wall_s": %{time_total}}',
                     cdn],
        }
        results = {name: [] for name in cases}
        for _ in range(args.runs):          # interleaved, so drift hits all alike
            for name, argv in cases.items():
                out, wall, cpu = measure(argv, env)
                rep = json.loads(out.strip().splitlines()[-1])
                if name == "curl":
                    rep["first_buffer_ms"] *= 1000.0
                # first byte to last byte: the transfer itself
                transfer_s = rep["wall_s"] - rep["first_buffer_ms"] / 1000.0
                assert int(rep["bytes"]) == size, (name, rep["bytes"], size)
                results[name].append({"wall": wall, "cpu": cpu, "ttfb_ms": rep["first_buffer_ms"],
                                      "resolved_ms": rep.get("resolved_ms", 0.0),
                                      "stream_s": rep["wall_s"], "transfer_s": transfer_s})
        rss = {name: peak_rss(argv, env) for name, argv in cases.items()}
    finally:
        stop_fake(fake)

    med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in results.items()}
    print(f"file: {size} bytes ({size / 1e6:.1f} MB) over {'http' if args.http else 'https'}"
          f" on loopback, {args.runs} runs each, medians")
    print("wall: the whole process (start-up and, for instagramsrc, API resolution included);"
          " transfer: first to last byte")
    print(f"{'':14}{'wall s':>8}{'MB/s':>9}{'transfer MB/s':>15}{'CPU s':>8}{'RSS MB':>8}{'1st buf ms':>12}")
    for n, m in med.items():
        print(f"{n:14}{m['wall']:8.3f}{size / m['wall'] / 1e6:9.1f}{size / m['transfer_s'] / 1e6:15.1f}"
              f"{m['cpu']:8.3f}{rss[n] / 1024:8.1f}{m['ttfb_ms']:12.2f}")
    ig, soup, curl = med["instagramsrc"], med["souphttpsrc"], med["curl"]
    print("ratios (instagramsrc / other):")
    print(f"  throughput vs souphttpsrc {soup['wall'] / ig['wall']:.2f}x end to end, "
          f"{soup['transfer_s'] / ig['transfer_s']:.2f}x transfer (target >= 2)")
    print(f"  throughput vs curl        {curl['wall'] / ig['wall']:.2f}x end to end, "
          f"{curl['transfer_s'] / ig['transfer_s']:.2f}x transfer (target >= 0.6)")
    print(f"  CPU vs souphttpsrc        {ig['cpu'] / soup['cpu']:.2f}x (target <= 0.5)")
    print(f"  peak RSS vs souphttpsrc   {rss['instagramsrc'] / rss['souphttpsrc']:.2f}x (target <= 1)")
    print(f"  first buffer: instagramsrc {ig['ttfb_ms']:.2f} ms = resolution (3 API requests) "
          f"{ig['resolved_ms']:.2f} ms + CDN {ig['ttfb_ms'] - ig['resolved_ms']:.2f} ms; "
          f"souphttpsrc on the CDN URL {soup['ttfb_ms']:.2f} ms")
    print(f"  first buffer vs souphttpsrc + API round trips: {ig['ttfb_ms']:.2f} <= "
          f"{soup['ttfb_ms'] + ig['resolved_ms']:.2f} ms: "
          f"{'yes' if ig['ttfb_ms'] <= soup['ttfb_ms'] + ig['resolved_ms'] else 'NO'}")

if __name__ == "__main__":
    main()
