#!/bin/bash
# gst-instagram tests: generate the media the fake Instagram CDN serves.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   make-media.sh OUTDIR [STAMP]   the small test set (a few seconds)
#   make-media.sh --big OUTDIR     only big-1280x720.mp4 (about 200 MB)
#
# Frame counts and sizes are listed in fake-media.h; keep both in step.
# The DASH files are rewritten by add-sidx.py (python3, standard library).
set -euo pipefail

GST=${GST_LAUNCH:-gst-launch-1.0}
HERE=$(dirname "$(readlink -f "$0")")

# Pick an AAC encoder that is present.
aac_encoder ()
{
  local e
  for e in voaacenc avenc_aac fdkaacenc; do
    if gst-inspect-1.0 --exists "$e"; then
      echo "$e"
      return
    fi
  done
  echo "make-media.sh: no AAC encoder found" >&2
  exit 1
}

# jpeg NAME WIDTH HEIGHT PATTERN
jpeg ()
{
  $GST -q videotestsrc num-buffers=1 pattern="$4" \
    ! "video/x-raw,width=$2,height=$3" ! jpegenc quality=85 \
    ! filesink location="$OUT/$1.tmp"
  mv "$OUT/$1.tmp" "$OUT/$1"
}

# mp4 NAME WIDTH HEIGHT FRAMES PATTERN AUDIO(0|1) FASTSTART(true|false) QUANT
# 30 fps H.264 (I420, so High profile), AAC stereo 44.1 kHz when AUDIO=1.
mp4 ()
{
  local name=$1 w=$2 h=$3 frames=$4 pattern=$5 audio=$6 fast=$7 q=$8
  local abufs=$(( frames * 44100 / 30 / 1024 ))
  local audio_branch=()
  if [ "$audio" = 1 ]; then
    audio_branch=(audiotestsrc num-buffers="$abufs" samplesperbuffer=1024
      wave=sine freq=440 ! "audio/x-raw,rate=44100,channels=2"
      ! "$AAC" ! aacparse ! queue ! m.)
  fi
  $GST -q videotestsrc num-buffers="$frames" pattern="$pattern" \
    ! "video/x-raw,format=I420,width=$w,height=$h,framerate=30/1" \
    ! x264enc speed-preset=ultrafast pass=quant quantizer="$q" key-int-max=30 \
    ! h264parse ! queue ! mp4mux name=m faststart="$fast" \
    ! filesink location="$OUT/$name.tmp" "${audio_branch[@]}"
  mv "$OUT/$name.tmp" "$OUT/$name"
}

# dash_video NAME WIDTH HEIGHT PATTERN CODEC(h264|vp9|av1) [FRAMES]
# A DASH video representation: 4 s (or FRAMES) at 30 fps, GOP 30, no audio,
# fragmented (one moof a second) with a sidx after the moov, as Instagram
# serves them.
dash_video ()
{
  local name=$1 w=$2 h=$3 pattern=$4 frames=${6:-120} enc
  if [ "$5" = vp9 ]; then
    enc=(vp9enc deadline=1 cpu-used=8 keyframe-max-dist=30
      target-bitrate=2000000 ! vp9parse)
  elif [ "$5" = av1 ]; then
    # libaom's fastest settings: about a second a file on one core.
    enc=(av1enc cpu-used=10 usage-profile=realtime keyframe-max-dist=30
      target-bitrate=300 ! av1parse)
  else
    # CABAC and 8x8 transforms make it High profile, as Instagram's are.
    enc=(x264enc speed-preset=ultrafast pass=quant quantizer=26
      key-int-max=30 option-string=8x8dct=1:cabac=1 ! h264parse)
  fi
  $GST -q videotestsrc num-buffers="$frames" pattern="$pattern" horizontal-speed=4 \
    ! "video/x-raw,format=I420,width=$w,height=$h,framerate=30/1" \
    ! "${enc[@]}" ! mp4mux fragment-duration=1000 \
    ! filesink location="$OUT/$name.frag"
  add_sidx "$name"
}

# dash_audio NAME [BUFFERS FREQ]: a DASH audio representation, AAC-LC stereo
# 44.1 kHz, 4 s (400 buffers of 10 ms), fragmented about once a second, with
# a sidx.
dash_audio ()
{
  $GST -q audiotestsrc num-buffers="${2:-400}" samplesperbuffer=441 wave=sine \
    freq="${3:-660}" ! "audio/x-raw,rate=44100,channels=2" ! "$AAC" ! aacparse \
    ! mp4mux fragment-duration=1000 ! filesink location="$OUT/$1.frag"
  add_sidx "$1"
}

add_sidx ()
{
  python3 "$HERE/add-sidx.py" "$OUT/$1.frag" "$OUT/$1.tmp"
  rm "$OUT/$1.frag"
  mv "$OUT/$1.tmp" "$OUT/$1"
}

if [ "${1:-}" = "--big" ]; then
  OUT=${2:?usage: make-media.sh --big OUTDIR}
  mkdir -p "$OUT"
  # Noise at a low quantizer: about 1.1 MB a frame, 180 frames.
  mp4 big-1280x720.mp4 1280 720 180 snow 0 true 10
  exit 0
fi

OUT=${1:?usage: make-media.sh OUTDIR [STAMP]}
STAMP=${2:-}
mkdir -p "$OUT"
AAC=$(aac_encoder)

jpeg img-1080x1350.jpg 1080 1350 smpte
jpeg img-640x800.jpg 640 800 smpte
jpeg img-320x400.jpg 320 400 smpte
jpeg avatar-150.jpg 150 150 circular
jpeg thumb-640x360.jpg 640 360 ball
jpeg thumb-720x1280.jpg 720 1280 ball
jpeg thumb-320x240.jpg 320 240 snow
jpeg carousel-1-1080x1080.jpg 1080 1080 checkers-8
jpeg carousel-2-720x900.jpg 720 900 gamut
jpeg carousel-3-1080x1080.jpg 1080 1080 zone-plate
jpeg private-1080x1080.jpg 1080 1080 pinwheel
jpeg story-2-1080x1920.jpg 1080 1920 spokes
jpeg highlight-1-1080x1920.jpg 1080 1920 colors

mp4 video-640x360.mp4 640 360 60 ball 1 true 26
mp4 reel-480x854.mp4 480 854 60 ball 1 true 26
mp4 reel-720x1280.mp4 720 1280 60 ball 1 true 26
mp4 reel-360x640.mp4 360 640 60 ball 1 true 26
mp4 carousel-2-720x900.mp4 720 900 45 gamut 1 true 26
mp4 story-1-720x1280.mp4 720 1280 30 ball 1 true 26
mp4 highlight-2-720x1280.mp4 720 1280 30 smpte 1 true 26
# The reel without sound (its DASH manifest reuses dash-v720.mp4).
mp4 silent-720x1280.mp4 720 1280 120 smpte 0 true 26
# moov after an mdat over 4 MiB, so qtdemux seeks with Range requests.
mp4 nonfaststart-320x240.mp4 320 240 90 snow 0 false 20

# The DASH reel: progressive files up to 720p, DASH up to 1080p (H.264 and
# VP9) plus one audio representation, each file with its own pattern.
jpeg dash-thumb-720x1280.jpg 720 1280 pinwheel
mp4 dash-prog-720x1280.mp4 720 1280 120 pinwheel 1 true 26
mp4 dash-prog-480x854.mp4 480 854 120 spokes 1 true 26
dash_video dash-v1080.mp4 1080 1920 colors h264
dash_video dash-v720.mp4 720 1280 gamut h264
dash_video dash-vp9-1080.mp4 1080 1920 ball vp9
dash_audio dash-audio.mp4

# The portrait reel: the DASH reel's files plus a 1080x1920 progressive MP4
# and its covers.
mp4 portrait-1080x1920.mp4 1080 1920 120 pinwheel 1 true 26
jpeg portrait-cover-1080x1920.jpg 1080 1920 pinwheel
jpeg portrait-cover-480x854.jpg 480 854 pinwheel

# The 2026 reels (instagram-2026-12.md section 6.1): an AV1 DASH ladder, a
# VP9 one capped at 720x1280 (what another client is served), audio the
# manifests call xHE-AAC (mp4a.40.42; no USAC encoder exists here, so the
# files are AAC-LC: tests judge the choice, not the decoding) and a
# progressive H.264 + AAC file capped at 720x1280. 2 s each (60 frames, two
# subsegments) to keep the build short.
if ! gst-inspect-1.0 --exists av1enc; then
  echo "make-media.sh: no av1enc (gstreamer1.0-plugins-bad with libaom)" >&2
  exit 1
fi
mp4 r26-prog-720x1280.mp4 720 1280 60 smpte75 1 true 26
dash_video r26-av1-1080.mp4 1080 1920 ball av1 60
dash_video r26-av1-720.mp4 720 1280 gamut av1 60
dash_video r26-av1-540.mp4 540 960 circular av1 60
dash_video r26-vp9-720.mp4 720 1280 colors vp9 60
dash_video r26-vp9-540.mp4 540 960 pinwheel vp9 60
dash_audio r26-xhe-hi.mp4 200 523
dash_audio r26-xhe-lo.mp4 200 330

if [ -n "$STAMP" ]; then
  date -u +%FT%TZ > "$STAMP"
fi
