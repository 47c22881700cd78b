/* gst-instagram: Instagram's DASH manifests (video_dash_manifest).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

#include "ig-codecs.h"
#include "ig-sidx.h"
#include "ig-size-cap.h"

G_BEGIN_DECLS

/* Manifests larger than this are refused before parsing (real ones are a
 * few KiB). */
#define IG_DASH_MAX_MANIFEST (1024 * 1024)

typedef enum
{
  IG_DASH_VIDEO,
  IG_DASH_AUDIO
} IgDashKind;

/* Video codec families, in the order a tie on resolution prefers them. */
typedef enum
{
  IG_CODEC_ANY = 0, /* as a preference: no preference */
  IG_CODEC_H264,
  IG_CODEC_VP9,
  IG_CODEC_AV1,
  IG_CODEC_OTHER /* hvc1, ...: listed, never preferred */
} IgVideoCodec;

/* One Representation whose BaseURL is an absolute http(s) URL. */
typedef struct
{
  char *id; /* may be NULL */
  IgDashKind kind;
  gint width; /* 0 for audio or unknown */
  gint height;
  gint64 bandwidth; /* bits/s, 0 unknown */
  char *codecs; /* as written, e.g. "avc1.64001f"; may be NULL */
  IgVideoCodec codec; /* family of a video representation */
  char *url; /* the BaseURL */
  gboolean has_index; /* SegmentBase with indexRange and Initialization */
  guint64 index_first; /* the sidx box, inclusive */
  guint64 index_last;
  guint64 init_first; /* the initialization segment (ftyp, moov) */
  guint64 init_last;
} IgDashRepresentation;

typedef struct _IgDashManifest IgDashManifest;

/* Parses an MPD. IG_ERROR_BAD_RESPONSE when @xml is over
 * IG_DASH_MAX_MANIFEST, not XML, has a DTD, is not an MPD, or has no
 * usable video representation. Representations without an absolute http(s)
 * BaseURL are left out. */
IgDashManifest *ig_dash_manifest_parse (const char *xml, GError **error);
void ig_dash_manifest_free (IgDashManifest *manifest);

/* The usable representations (IgDashRepresentation*), video and audio, in
 * document order. */
GPtrArray *ig_dash_manifest_get_representations (IgDashManifest *manifest);

/* The video representation to play: the largest by width x height among
 * those @cap allows (NULL = no cap; when it allows none, the smallest),
 * restricted to @preferred when at least one has that codec; ties go to AV1,
 * then VP9, then H.264 (as yt-dlp ranks them), then to the higher
 * bandwidth. With @decoders, only among those it decodes (NULL when it
 * decodes none); NULL @decoders: among all. */
const IgDashRepresentation *ig_dash_manifest_choose_video (IgDashManifest
                                                               *manifest,
    const IgSizeCap *cap, IgVideoCodec preferred, const IgDecoders *decoders);

/* The audio representation with the highest bandwidth, among those
 * @decoders decodes when given; NULL when there is none. */
const IgDashRepresentation *ig_dash_manifest_choose_audio (IgDashManifest
                                                               *manifest,
    const IgDecoders *decoders);

/* The manifest to hand to a DASH demuxer: only @video among the video
 * representations and only @audio (NULL: none) among the audio ones, both
 * from @manifest's representations, with every unusable representation
 * and empty adaptation set removed, and the isoff-main profile (see
 * ig-dash.c). A representation whose segment index is given (@video_index,
 * @audio_index; NULL = not known) gets a SegmentList with one segment per
 * subsegment instead of its SegmentBase, so demuxers seek to the
 * subsegment. */
GBytes *ig_dash_manifest_render (IgDashManifest *manifest,
    const IgDashRepresentation *video, const IgDashRepresentation *audio,
    const IgSidx *video_index, const IgSidx *audio_index);

IgVideoCodec ig_video_codec_from_codecs (const char *codecs);
const char *ig_video_codec_to_string (IgVideoCodec codec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgDashManifest, ig_dash_manifest_free)

G_END_DECLS
