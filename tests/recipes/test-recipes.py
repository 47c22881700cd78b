#!/usr/bin/env python3
# gst-instagram tests: runs every recipe of the README (the ```sh blocks
# after a "<!-- recipe: NAME -->" line) against the fake Instagram, exactly
# as written except for SHORTCODE, and checks what each one produced.
# SPDX-License-Identifier: LGPL-2.1-or-later
import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time

RECIPE = re.compile(r"<!-- recipe: ([a-z0-9-]+) -->\s*```sh\n(.*?)```", re.S)


def defines(header):
    """The #define NAME "value" / NAME number pairs of fake-media.h."""
    out = {}
    for m in re.finditer(r'#define (FAKE_\w+) ("([^"]*)"|(\d+))', open(header).read()):
        out[m.group(1)] = m.group(3) if m.group(3) is not None else int(m.group(4))
    return out


def start_fake(exe, media_dir):
    proc = subprocess.Popen([exe, "--port", "0", "--media-dir", media_dir],
                            stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:
        m = re.search(r"listening on (http\S+)", line)
        if m:
            return proc, m.group(1)
    raise SystemExit("the fake Instagram did not start")


def probe(tool, path):
    """ig-probe's report: (container, [(caps name, {field: value})...])."""
    out = subprocess.run([tool, path], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise AssertionError(f"ig-probe {path}: {out.stderr.strip()}")
    container, streams = None, []
    for line in out.stdout.splitlines():
        words = line.split()
        if words[0] == "container":
            container = words[1]
        else:
            streams.append((words[1], dict(w.split("=") for w in words[2:])))
    return container, streams


def stream(streams, prefix):
    found = [fields for name, fields in streams if name.startswith(prefix)]
    assert len(found) == 1, f"expected one {prefix} stream, got {streams}"
    return found[0]


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


class Checks:
    """One method per recipe: what the recipe must have produced."""

    def __init__(self, args, fake):
        self.args, self.fake = args, fake

    def remux_mkv(self, cwd):
        container, streams = probe(self.args.probe, os.path.join(cwd, "reel.mkv"))
        assert container == "video/x-matroska", container
        video = stream(streams, "video/x-h264")
        assert (video["width"], video["height"]) == ("720", "1280"), video
        assert int(video["buffers"]) == self.fake["FAKE_MEDIA_DASH_FRAMES"], video
        assert int(stream(streams, "audio/mpeg")["buffers"]) > 0
        return f"matroska, H.264 720x1280 {video['buffers']} frames + AAC"

    def remux_mkv_dash(self, cwd):
        container, streams = probe(self.args.probe, os.path.join(cwd, "reel.mkv"))
        assert container == "video/x-matroska", container
        video = stream(streams, "video/x-h264")
        assert (video["width"], video["height"]) == ("1080", "1920"), video
        assert int(video["buffers"]) == self.fake["FAKE_MEDIA_DASH_FRAMES"], video
        audio = stream(streams, "audio/mpeg")
        assert int(audio["buffers"]) == self.fake["FAKE_MEDIA_DASH_AUDIO_BUFFERS"], audio
        return f"matroska, H.264 1080x1920 {video['buffers']} frames + AAC {audio['buffers']}"

    def audio_ogg(self, cwd):
        container, streams = probe(self.args.probe, os.path.join(cwd, "reel.ogg"))
        assert container in ("application/ogg", "audio/ogg"), container
        audio = stream(streams, "audio/x-vorbis")
        assert (audio["rate"], audio["channels"]) == ("44100", "2"), audio
        assert int(audio["buffers"]) > 100, audio
        assert not [s for s in streams if s[0].startswith("video")], streams
        return f"ogg, vorbis 44.1 kHz stereo, {audio['buffers']} packets"

    def transcode_small(self, cwd):
        container, streams = probe(self.args.probe, os.path.join(cwd, "reel-360.mp4"))
        assert container == "video/quicktime", container
        video = stream(streams, "video/x-h264")
        assert (video["width"], video["height"]) == ("360", "640"), video
        assert int(video["buffers"]) == self.fake["FAKE_MEDIA_DASH_FRAMES"], video
        assert int(stream(streams, "audio/mpeg")["buffers"]) > 0
        size = os.path.getsize(os.path.join(cwd, "reel-360.mp4"))
        return f"mp4, H.264 360x640 {video['buffers']} frames + AAC, {size} bytes"

    def carousel_items(self, cwd):
        media = self.args.media_dir
        expected = [self.fake["FAKE_MEDIA_CAROUSEL_1"],
                    self.fake["FAKE_MEDIA_CAROUSEL_VIDEO"],
                    self.fake["FAKE_MEDIA_CAROUSEL_3"]]
        for i, name in enumerate(expected):
            got = os.path.join(cwd, f"item-{i}")
            assert sha256(got) == sha256(os.path.join(media, name)), f"item-{i} != {name}"
        assert not os.path.exists(os.path.join(cwd, "item-3"))
        return "3 items byte-identical to " + ", ".join(expected)


# Which post each recipe runs on.
SHORTCODES = {
    "remux-mkv": "FAKE_SC_DASH",
    "remux-mkv-dash": "FAKE_SC_DASH",
    "audio-ogg": "FAKE_SC_DASH",
    "transcode-small": "FAKE_SC_DASH",
    "carousel-items": "FAKE_SC_CAROUSEL",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--readme", required=True)
    ap.add_argument("--fake", required=True)
    ap.add_argument("--media-dir", required=True)
    ap.add_argument("--header", required=True)
    ap.add_argument("--probe", required=True)
    args = ap.parse_args()

    fake = defines(args.header)
    recipes = RECIPE.findall(open(args.readme).read())
    names = [n for n, _ in recipes]
    assert sorted(names) == sorted(SHORTCODES), f"README recipes {names}"
    proc, base = start_fake(args.fake, args.media_dir)
    env = dict(os.environ, GST_INSTAGRAM_WWW_BASE=base, GST_INSTAGRAM_MOBILE_BASE=base)
    checks, failed = Checks(args, fake), 0
    print(f"1..{len(recipes)}")
    try:
        for i, (name, script) in enumerate(recipes, 1):
            script = script.replace("SHORTCODE", fake[SHORTCODES[name]])
            with tempfile.TemporaryDirectory() as cwd:
                t0 = time.monotonic()
                run = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd,
                                     env=env, capture_output=True, text=True, timeout=300)
                took = time.monotonic() - t0
                try:
                    assert run.returncode == 0, f"exit {run.returncode}: {run.stderr[-2000:]}"
                    what = getattr(checks, name.replace("-", "_"))(cwd)
                    print(f"ok {i} {name} ({took:.1f} s): {what}")
                except AssertionError as e:
                    failed += 1
                    print(f"not ok {i} {name}: {e}")
                    print("# " + script.replace("\n", "\n# "))
    finally:
        proc.terminate()
        proc.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
