#!/usr/bin/env python3
"""gst-instagram start-up benchmark (issue 11): how soon a reel plays, and how
many API requests a resolution costs, with DEFAULT instagramsrc settings.

Starts the fake Instagram (build/tests/fake/fake-instagram --log) on
loopback, plain HTTP unless --tls, and points gst-launch-1.0 at it with
GST_INSTAGRAM_WWW_BASE and GST_INSTAGRAM_MOBILE_BASE. Nothing else is
changed: GST_INSTAGRAM_RATE_LIMITS and every other GST_INSTAGRAM_* variable
of the caller are removed, so the rate limiter runs with its jitter, as a
user has it. The plugin comes from BUILD_DIR/plugin, with a private registry.

The reel is the fake's public reel CbenchReel1 (FAKE_SC_REEL_BENCH), a
1 136 158-byte MP4, the size issue 11 measured. Side by side, interleaved,
--runs times each (medians):
  instagramsrc cold  gst-launch-1.0 -q instagramsrc uri=REEL ! filesink, with a
                     fresh empty XDG_CACHE_HOME (no rate-limit state, no cache)
  instagramsrc warm  the same again with the cache dir of the cold run
  souphttpsrc        gst-launch-1.0 -q souphttpsrc location=CDN-URL ! filesink
  curl               curl -s -o FILE CDN-URL
  first buffer       build/tests/bench/ig-bench-run (the pipeline into fakesink,
                     from PLAYING to the first buffer) for instagramsrc cold,
                     warm (own cache dirs) and souphttpsrc
  API round trip     curl's time_total of one GET of the fake's homepage
Every file written is compared with the fake's media file. Before each
timed instagramsrc run the tool sleeps --quiet seconds (2): the default rate
limiter spaces the requests of successive processes by a 0.5-1.5 s jitter
through the shared state file, and "a player opens a reel" starts after a
quiet period. API requests (every request but /cdn/) are counted per
resolution from the fake's request log, with the largest gap between two
API requests of one resolution.

Then a batch: --batch (20) different public posts (the fake's crowd posts,
fake_instagram_crowd_shortcode()) fetched by as many gst-launch-1.0
processes in sequence, one shared fresh cache dir, one quiet period before
the first: total wall time and API requests.

Prints a table, the ratios with issue 11's targets next to them, and with
--json one more line, a JSON object with every figure. A tool, not a test:
the numbers depend on the machine.

usage: bench-start.py BUILD_DIR [--runs N] [--batch N] [--quiet S] [--tls] [--json]
"""
import argparse, filecmp, json, os, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import measure, start_fake, stop_fake  # noqa: E402

REEL = "https://www.instagram.com/reel/CbenchReel1/"  # FAKE_SC_REEL_BENCH
REEL_MEDIA = "highlight-2-720x1280.mp4"               # FAKE_MEDIA_REEL_BENCH
CROWD_MEDIA = "video-640x360.mp4"                     # FAKE_MEDIA_VIDEO
CROWD_PK_BASE = 3000000000000000000                   # FAKE_PK_CROWD_BASE
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
TARGET_WARM, TARGET_COLD = 1.5, 2.5                   # x souphttpsrc, end to end
TARGET_REQ_COLD, TARGET_REQ_WARM = 3, 1               # API requests per resolution


def crowd_shortcode(i):
    """fake_instagram_crowd_shortcode (tests/fake/fake-posts.c)."""
    pk, code = CROWD_PK_BASE + i, ""
    while True:
        code = ALPHABET[pk & 63] + code
        pk >>= 6
        if pk == 0:
            return code


class RequestLog:
    """The fake's --log file, read from where the last take() stopped.
    A line is written when the answer's headers are, so every request of a
    process that has exited is in it."""

    def __init__(self, path):
        self.path, self.offset = path, 0

    def take(self):
        with open(self.path) as f:
            f.seek(self.offset)
            text = f.read()
        complete = text[:text.rfind("\n") + 1]
        self.offset += len(complete.encode())
        out = []
        for line in complete.splitlines():
            time_us, status, method, target = line.split(" ", 3)
            out.append((int(time_us) / 1e6, int(status), method, target))
        return out


def api_only(requests):
    return [r for r in requests if not r[3].startswith("/cdn/")]


def max_gap(api):
    times = [r[0] for r in api]
    return max((b - a for a, b in zip(times, times[1:])), default=0.0)


def median(values):
    return statistics.median(values) if values else float("nan")


class Bench:
    def __init__(self, args, build, env, log, work, base, cdn_url, tls):
        self.args, self.build, self.env, self.log = args, build, env, log
        self.work, self.base, self.cdn_url, self.tls = work, base, cdn_url, tls
        self.media_dir = os.path.join(build, "tests/fake/media")
        self.runner = os.path.join(build, "tests/bench/ig-bench-run")
        self.n = 0

    def tmp(self, suffix):
        self.n += 1
        return os.path.join(self.work, f"{self.n}{suffix}")

    def fresh_cache(self):
        path = self.tmp(".cache")
        os.mkdir(path)
        return path

    def quiet(self):
        time.sleep(self.args.quiet)

    def ig_props(self, uri):
        return f"instagramsrc uri={uri}" + (" ssl-strict=false" if self.tls else "")

    def soup_props(self):
        return f"souphttpsrc location=\"{self.cdn_url}\"" + (" ssl-strict=false" if self.tls else "")

    def check_file(self, path, media):
        if not filecmp.cmp(path, os.path.join(self.media_dir, media), shallow=False):
            sys.exit(f"{path} differs from {media}")
        os.unlink(path)

    def run(self, argv, cache=None):
        """(stdout, wall s, API requests) of one process; with cache, it is its
        XDG_CACHE_HOME and the run comes after a quiet period."""
        env = dict(self.env)
        if cache is not None:
            env["XDG_CACHE_HOME"] = cache
            self.quiet()
        self.log.take()         # whatever came before is not this run's
        out, wall, _ = measure(argv, env)
        return out, wall, api_only(self.log.take())

    def launch(self, source, media, cache=None):
        """gst-launch-1.0 SOURCE ! filesink: (wall s, API requests)."""
        path = self.tmp(".mp4")
        _, wall, api = self.run(["gst-launch-1.0", "-q", *split_launch(source),
                                 "!", "filesink", f"location={path}"], cache)
        self.check_file(path, media)
        return wall, api

    def first_buffer(self, source, cache=None):
        """ig-bench-run: (first buffer ms, resolved ms, API requests)."""
        out, _, api = self.run([self.runner, source], cache)
        rep = json.loads(out.strip().splitlines()[-1])
        size = os.path.getsize(os.path.join(self.media_dir, REEL_MEDIA))
        if int(rep["bytes"]) != size:
            sys.exit(f"{source}: {rep['bytes']} bytes, expected {size}")
        return rep["first_buffer_ms"], rep["resolved_ms"], api

    def curl(self):
        path = self.tmp(".mp4")
        _, wall, _ = measure(["curl", "-s", *(["-k"] if self.tls else []), "-o", path,
                              self.cdn_url], self.env)
        self.check_file(path, REEL_MEDIA)
        return wall

    def api_round_trip(self):
        out, _, _ = measure(["curl", "-s", *(["-k"] if self.tls else []), "-o", os.devnull,
                             "-w", "%{time_total}", self.base + "/"], self.env)
        return float(out) * 1000.0

    def rounds(self):
        r = {k: [] for k in ("cold_wall", "warm_wall", "soup_wall", "curl_wall",
                             "cold_fb_ms", "warm_fb_ms", "soup_fb_ms",
                             "cold_resolved_ms", "warm_resolved_ms", "api_rtt_ms",
                             "cold_requests", "warm_requests", "cold_gap_s", "warm_gap_s")}

        def resolution(kind, api):
            r[f"{kind}_requests"].append(len(api))
            r[f"{kind}_gap_s"].append(max_gap(api))

        for i in range(self.args.runs):  # interleaved, so drift hits all alike
            print(f"  round {i + 1}/{self.args.runs}", file=sys.stderr, flush=True)
            cache = self.fresh_cache()
            for kind in ("cold", "warm"):
                wall, api = self.launch(self.ig_props(REEL), REEL_MEDIA, cache)
                r[f"{kind}_wall"].append(wall)
                resolution(kind, api)
            cache = self.fresh_cache()
            for kind in ("cold", "warm"):
                fb, resolved, api = self.first_buffer(self.ig_props(REEL), cache)
                r[f"{kind}_fb_ms"].append(fb)
                r[f"{kind}_resolved_ms"].append(resolved)
                resolution(kind, api)
            r["soup_wall"].append(self.launch(self.soup_props(), REEL_MEDIA)[0])
            r["soup_fb_ms"].append(self.first_buffer(self.soup_props())[0])
            r["curl_wall"].append(self.curl())
            r["api_rtt_ms"].append(self.api_round_trip())
        return r

    def batch(self):
        cache = self.fresh_cache()
        self.quiet()
        self.log.take()
        start = time.monotonic()
        for i in range(self.args.batch):
            path = self.tmp(".mp4")
            env = dict(self.env, XDG_CACHE_HOME=cache)
            measure(["gst-launch-1.0", "-q",
                     *split_launch(self.ig_props(f"https://www.instagram.com/p/{crowd_shortcode(i)}/")),
                     "!", "filesink", f"location={path}"], env)
            self.check_file(path, CROWD_MEDIA)
        wall = time.monotonic() - start
        return wall, len(api_only(self.log.take()))


def split_launch(description):
    """gst-launch-1.0 arguments of an element description (the location is
    quoted for ig-bench-run's gst_parse_launch; gst-launch gets it bare)."""
    return [word.replace('"', "") for word in description.split(" ")]


def make_env(build):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GST_INSTAGRAM_")}
    env["GST_PLUGIN_PATH_1_0"] = os.path.join(build, "plugin")
    return env


def report(args, med, r, batch_wall, batch_requests, size, tls):
    def yes(ok):
        return "yes" if ok else "NO"

    ratio_cold = med["cold_wall"] / med["soup_wall"]
    ratio_warm = med["warm_wall"] / med["soup_wall"]
    fb_budget = med["soup_fb_ms"] + med["api_rtt_ms"]
    print(f"reel {REEL} ({size} bytes) over {'https' if tls else 'http'} on loopback, default "
          f"settings (jitter on), medians of {args.runs} runs; {args.quiet:g} s of quiet before "
          f"each instagramsrc run (not counted)")
    print(f"{'':20}{'end to end s':>13}{'1st buffer ms':>15}{'resolved ms':>13}"
          f"{'API req':>9}{'max gap s':>11}")
    for kind in ("cold", "warm"):
        print(f"{'instagramsrc ' + kind:20}{med[kind + '_wall']:13.3f}{med[kind + '_fb_ms']:15.1f}"
              f"{med[kind + '_resolved_ms']:13.1f}{med[kind + '_requests']:9g}"
              f"{med[kind + '_gap_s']:11.3f}")
    print(f"{'souphttpsrc':20}{med['soup_wall']:13.3f}{med['soup_fb_ms']:15.1f}")
    print(f"{'curl':20}{med['curl_wall']:13.3f}")
    print(f"API round trip (curl GET of the homepage): {med['api_rtt_ms']:.2f} ms")
    print("instagramsrc / souphttpsrc, and issue 11's targets:")
    print(f"  end to end cold   {ratio_cold:6.2f}x   target <= {TARGET_COLD}x: {yes(ratio_cold <= TARGET_COLD)}")
    print(f"  end to end warm   {ratio_warm:6.2f}x   target <= {TARGET_WARM}x: {yes(ratio_warm <= TARGET_WARM)}")
    for kind in ("cold", "warm"):
        diff = med[kind + "_fb_ms"] - med["soup_fb_ms"]
        line = f"  first buffer {kind} {diff:+9.1f} ms"
        if kind == "warm":
            line += (f"   target <= souphttpsrc + 1 API round trip ({fb_budget:.1f} ms): "
                     f"{yes(med['warm_fb_ms'] <= fb_budget)}")
        print(line)
    for kind, target in (("cold", TARGET_REQ_COLD), ("warm", TARGET_REQ_WARM)):
        counts = r[kind + "_requests"]
        ok = max(counts) <= target if kind == "cold" else all(c == target for c in counts)
        print(f"  API requests {kind} {counts}   target {'<=' if kind == 'cold' else '=='} "
              f"{target}: {yes(ok)}")
    print(f"batch: {args.batch} public posts, {args.batch} gst-launch-1.0 in sequence, one cache "
          f"dir: {batch_wall:.2f} s, {batch_requests} API requests "
          f"({batch_requests / args.batch:.2f} per post)")
    if args.json:
        print(json.dumps({
            "reel": REEL, "bytes": size, "tls": tls, "runs": args.runs, "quiet_s": args.quiet,
            "medians": med, "runs_raw": r,
            "ratio_cold": ratio_cold, "ratio_warm": ratio_warm,
            "first_buffer_diff_cold_ms": med["cold_fb_ms"] - med["soup_fb_ms"],
            "first_buffer_diff_warm_ms": med["warm_fb_ms"] - med["soup_fb_ms"],
            "first_buffer_budget_warm_ms": fb_budget,
            "targets": {"ratio_warm": TARGET_WARM, "ratio_cold": TARGET_COLD,
                        "requests_cold_max": TARGET_REQ_COLD, "requests_warm": TARGET_REQ_WARM},
            "batch": {"posts": args.batch, "wall_s": batch_wall, "api_requests": batch_requests},
        }))


def main():
    ap = argparse.ArgumentParser(description="instagramsrc start-up benchmark (issue 11)")
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=5, help="runs of each case (5)")
    ap.add_argument("--batch", type=int, default=20, help="posts of the batch (20, at most 64)")
    ap.add_argument("--quiet", type=float, default=2.0,
                    help="seconds of quiet before each timed instagramsrc run (2)")
    ap.add_argument("--tls", action="store_true",
                    help="https with a throw-away certificate (clients accept it)")
    ap.add_argument("--json", action="store_true", help="also print every figure as one JSON line")
    args = ap.parse_args()
    if args.runs < 1 or not 1 <= args.batch <= 64:  # FAKE_CROWD_COUNT
        ap.error("--runs must be >= 1 and --batch 1 to 64")
    build = os.path.abspath(args.build)
    media_dir = os.path.join(build, "tests/fake/media")
    size = os.path.getsize(os.path.join(media_dir, REEL_MEDIA))
    env = make_env(build)

    with tempfile.TemporaryDirectory(prefix="bench-start.") as work:
        env["GST_REGISTRY_1_0"] = os.path.join(work, "registry.bin")
        log_path = os.path.join(work, "requests.log")
        fake, base, urls = start_fake(build, media_dir, env, args.tls, [REEL_MEDIA], log_path)
        try:
            env["GST_INSTAGRAM_WWW_BASE"] = base
            env["GST_INSTAGRAM_MOBILE_BASE"] = base
            env["XDG_CACHE_HOME"] = os.path.join(work, "none.cache")  # souphttpsrc, curl
            subprocess.check_call(["gst-inspect-1.0", "instagramsrc"], env=env,
                                  stdout=subprocess.DEVNULL)  # the registry, before timing
            bench = Bench(args, build, env, RequestLog(log_path), work, base,
                          urls[REEL_MEDIA], args.tls)
            r = bench.rounds()
            print("  batch", file=sys.stderr, flush=True)
            batch_wall, batch_requests = bench.batch()
        finally:
            stop_fake(fake)
    med = {k: median(v) for k, v in r.items()}
    report(args, med, r, batch_wall, batch_requests, size, args.tls)


if __name__ == "__main__":
    main()
