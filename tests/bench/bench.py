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

usage: bench.py BUILD_DIR [--runs N] [--size-mb N]
"""
import argparse, json, os, re, resource, statistics, subprocess, sys, time

def child_run(argv, env):
    """Runs argv; returns (stdout, wall seconds, cpu seconds, max rss KiB)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = proc.communicate()
    wall = time.monotonic() - start
    # wait4 already happened inside communicate; use RUSAGE_CHILDREN deltas instead
    if proc.returncode != 0:
        sys.exit(f"{argv[0]} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return out.decode(), wall

def measure(argv, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out, wall = child_run(argv, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, wall, cpu

def peak_rss(argv, env):
    """Peak RSS of one run, from /proc-free wait4."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss  # KiB

def start_fake(build, media_dir, env):
    proc = subprocess.Popen([os.path.join(build, "tests/fake/fake-instagram"), "--port", "0",
                             "--media-dir", media_dir, "--print-urls"],
                            stdout=subprocess.PIPE, text=True, env=env)
    base, urls = None, {}
    for line in proc.stdout:
        m = re.search(r"listening on (http://\S+)", line)
        if m:
            base = m.group(1)
        m = re.match(r"url (\S+) (\S+)", line)
        if m:
            urls[m.group(1)] = m.group(2)
        if line.startswith("ready"):
            break
    return proc, base, urls

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size-mb", type=int, default=200)
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    media_dir = os.path.join(build, "tests/bench/media")
    os.makedirs(media_dir, exist_ok=True)
    big = os.path.join(media_dir, "big.mp4")
    if not os.path.exists(big):
        subprocess.check_call(["bash", os.path.join(top, "tests/fake/make-media.sh"),
                               "--big", media_dir, str(args.size_mb)])
    size = os.path.getsize(big)

    env = dict(os.environ)
    env["GST_PLUGIN_PATH_1_0"] = os.path.join(build, "plugin")
    env["GST_REGISTRY_1_0"] = os.path.join(build, "tests/bench/registry.bin")
    fake, base, urls = start_fake(build, media_dir, env)
    try:
        env["GST_INSTAGRAM_WWW_BASE"] = base
        env["GST_INSTAGRAM_MOBILE_BASE"] = base
        cdn = urls["big.mp4"]
        runner = os.path.join(build, "tests/bench/ig-bench-run")
        cases = {
            "instagramsrc": [runner, f"instagramsrc uri={urls['big-post']}"],
            "souphttpsrc": [runner, f"souphttpsrc location=\"{cdn}\""],
            "curl": ["curl", "-sS", "-o", "/dev/null", "-w",
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
                assert int(rep["bytes"]) == size, (name, rep["bytes"], size)
                results[name].append({"wall": wall, "cpu": cpu, "ttfb_ms": rep["first_buffer_ms"],
                                      "stream_s": rep["wall_s"]})
        rss = {name: peak_rss(argv, env) for name, argv in cases.items()}
    finally:
        fake.terminate()
        fake.wait()

    med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in results.items()}
    print(f"file: {size} bytes ({size / 1e6:.1f} MB), {args.runs} runs each, medians")
    print(f"{'':14}{'wall s':>8}{'MB/s':>9}{'CPU s':>8}{'RSS MB':>8}{'1st buf ms':>12}")
    for n, m in med.items():
        print(f"{n:14}{m['wall']:8.3f}{size / m['wall'] / 1e6:9.1f}{m['cpu']:8.3f}"
              f"{rss[n] / 1024:8.1f}{m['ttfb_ms']:12.2f}")
    ig, soup, curl = med["instagramsrc"], med["souphttpsrc"], med["curl"]
    print("ratios (instagramsrc / other):")
    print(f"  throughput vs souphttpsrc {soup['wall'] / ig['wall']:.2f}x (target >= 2)")
    print(f"  throughput vs curl        {curl['wall'] / ig['wall']:.2f}x (target >= 0.6)")
    print(f"  CPU vs souphttpsrc        {ig['cpu'] / soup['cpu']:.2f}x (target <= 0.5)")
    print(f"  peak RSS vs souphttpsrc   {rss['instagramsrc'] / rss['souphttpsrc']:.2f}x (target <= 1)")
    print(f"  first buffer: instagramsrc {ig['ttfb_ms']:.2f} ms (3 API requests + CDN), "
          f"souphttpsrc {soup['ttfb_ms']:.2f} ms (CDN only)")

if __name__ == "__main__":
    main()
