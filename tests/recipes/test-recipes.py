#!/usr/bin/env python3
# gst-instagram tests: runs every recipe of the README (the ```sh blocks
# after a "<!-- recipe: NAME -->" line) against the fake Instagram, exactly
# as written except for SHORTCODE and the players' sinks (autovideosink and
# autoaudiosink become fakesink: no screen, no sound card), and checks what
# each one produced and which files it fetched from the fake CDN.
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


def start_fake(exe, media_dir, log):
    proc = subprocess.Popen([exe, "--port", "0", "--media-dir", media_dir, "--log", log],
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

    def __init__(self, args, fake, log):
        self.args, self.fake, self.log = args, fake, log
        self.log_start = 0

    def start(self):
        """Marks where the fake's log stands before a recipe."""
        self.log_start = os.path.getsize(self.log)

    def cdn_files(self):
        """The files this recipe got from the fake CDN (GET, any status)."""
        with open(self.log) as f:
            f.seek(self.log_start)
            lines = [line.split() for line in f]
        return {w[3].split("?")[0].rsplit("/", 1)[-1]
                for w in lines if len(w) >= 4 and w[2] == "GET" and w[3].startswith("/cdn/")}

    def same_file(self, got, name):
        assert sha256(got) == sha256(os.path.join(self.args.media_dir, name)), f"{got} != {name}"

    def audio_only(self):
        """Only the audio file came from the CDN."""
        files = self.cdn_files()
        assert files == {self.fake["FAKE_MEDIA_DASH_AUDIO"]}, files

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

    def audio_copy(self, cwd):
        self.same_file(os.path.join(cwd, "reel-audio.mp4"), self.fake["FAKE_MEDIA_DASH_AUDIO"])
        container, streams = probe(self.args.probe, os.path.join(cwd, "reel.m4a"))
        assert container == "video/quicktime", container
        audio = stream(streams, "audio/mpeg")
        assert (audio["rate"], audio["channels"]) == ("44100", "2"), audio
        assert int(audio["buffers"]) == self.fake["FAKE_MEDIA_DASH_AUDIO_BUFFERS"], audio
        assert not [s for s in streams if s[0].startswith("video")], streams
        self.audio_only()
        return f"the audio file byte-identical; m4a, AAC {audio['buffers']} frames, no video"

    def audio_mp3_opus(self, cwd):
        container, streams = probe(self.args.probe, os.path.join(cwd, "reel.mp3"))
        assert container in ("application/x-id3", "audio/mpeg"), container
        mp3 = stream(streams, "audio/mpeg")
        assert (mp3["rate"], mp3["channels"]) == ("44100", "2"), mp3
        container, streams = probe(self.args.probe, os.path.join(cwd, "reel.opus"))
        assert container in ("application/ogg", "audio/ogg"), container
        opus = stream(streams, "audio/x-opus")
        assert opus["channels"] == "2", opus
        # 4 s: about 153 MP3 frames of 26 ms, 200 Opus packets of 20 ms
        assert 140 <= int(mp3["buffers"]) <= 170, mp3
        assert 190 <= int(opus["buffers"]) <= 215, opus
        self.audio_only()
        return f"mp3 {mp3['buffers']} frames, opus {opus['buffers']} packets, from the audio file only"

    def cover(self, cwd):
        self.same_file(os.path.join(cwd, "cover.jpg"), self.fake["FAKE_MEDIA_PORTRAIT_COVER"])
        files = self.cdn_files()
        assert files == {self.fake["FAKE_MEDIA_PORTRAIT_COVER"]}, files
        return "the largest cover byte-identical, nothing else fetched"

    def play_720p(self, cwd):
        files = self.cdn_files()
        assert files == {self.fake["FAKE_MEDIA_DASH_PROG"]}, files
        return f"played {self.fake['FAKE_MEDIA_DASH_PROG']} only"

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

    # The 3-post profile, newest first: a reel, a carousel, an image.
    THREE = ["FAKE_MEDIA_REEL_720", "FAKE_MEDIA_CAROUSEL_1", "FAKE_MEDIA_IMAGE_LARGE"]

    def three_list(self, path):
        text = open(path, newline="").read()
        assert text.endswith("\r\n"), repr(text)
        lines = text.split("\r\n")[:-1]
        assert len(lines) == 3, lines
        assert lines[0].startswith("https://www.instagram.com/reel/"), lines
        assert all(re.fullmatch(r"https://www\.instagram\.com/(p|reel)/[\w-]+/", u) for u in lines), lines
        return lines

    def playlist_save(self, cwd):
        lines = self.three_list(os.path.join(cwd, self.fake["FAKE_THREE_USER"] + ".txt"))
        assert not self.cdn_files(), self.cdn_files()
        return "3 lazy URIs, CRLF, nothing fetched from the CDN"

    def playlist_download(self, cwd):
        lines = self.three_list(os.path.join(cwd, "list.txt"))
        for uri, media in zip(lines, self.THREE):
            self.same_file(os.path.join(cwd, uri.rstrip("/").rsplit("/", 1)[-1]), self.fake[media])
        return "3 files named by shortcode, byte-identical"

    def playlist_play(self, cwd):
        self.three_list(os.path.join(cwd, "list.txt"))
        files = self.cdn_files()
        assert {self.fake[m] for m in self.THREE} <= files, files
        return "gst-play-1.0 played the 3 posts: " + ", ".join(sorted(files))


# Which post each recipe runs on (or which profile, for USERNAME).
USERNAMES = {
    "playlist-save": "FAKE_THREE_USER",
    "playlist-download": "FAKE_THREE_USER",
    "playlist-play": "FAKE_THREE_USER",
}
SHORTCODES = {
    "remux-mkv": "FAKE_SC_DASH",
    "remux-mkv-dash": "FAKE_SC_DASH",
    "audio-ogg": "FAKE_SC_DASH",
    "transcode-small": "FAKE_SC_DASH",
    "carousel-items": "FAKE_SC_CAROUSEL",
    "audio-copy": "FAKE_SC_PORTRAIT",
    "audio-mp3-opus": "FAKE_SC_PORTRAIT",
    "cover": "FAKE_SC_PORTRAIT",
    "play-720p": "FAKE_SC_PORTRAIT",
}

# No screen and no sound card on the test machines.
SINKS = {"autovideosink": "fakesink", "autoaudiosink": "fakesink"}


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
    assert sorted(names) == sorted(list(SHORTCODES) + list(USERNAMES)), f"README recipes {names}"
    log_dir = tempfile.TemporaryDirectory()
    log = os.path.join(log_dir.name, "fake.log")
    open(log, "w").close()
    proc, base = start_fake(args.fake, args.media_dir, log)
    env = dict(os.environ, GST_INSTAGRAM_WWW_BASE=base, GST_INSTAGRAM_MOBILE_BASE=base)
    checks, failed = Checks(args, fake, log), 0
    print(f"1..{len(recipes)}")
    try:
        for i, (name, script) in enumerate(recipes, 1):
            if name in SHORTCODES:
                script = script.replace("SHORTCODE", fake[SHORTCODES[name]])
            else:
                script = script.replace("USERNAME", fake[USERNAMES[name]])
            for sink, stand_in in SINKS.items():
                script = script.replace(sink, stand_in)
            checks.start()
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
        log_dir.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
