/* gst-instagram: the codecs of Instagram's DASH representations, by their
 * RFC 6381 "codecs" strings, and whether this machine decodes them. The
 * core knows nothing of GStreamer: the element passes its registry lookup
 * in as an IgDecoders.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when something here decodes @codecs (e.g. "av01.0.08M.08",
 * "mp4a.40.42"). */
typedef gboolean (*IgCanDecodeFunc) (gpointer data, const char *codecs);

typedef struct
{
  IgCanDecodeFunc can_decode; /* NULL: everything decodes */
  gpointer data;
} IgDecoders;

/* @decoders' answer for @codecs; TRUE when @decoders or its function is
 * NULL. A representation without codecs counts as decodable: nothing
 * names what it would need. */
gboolean ig_decoders_can_decode (const IgDecoders *decoders,
    const char *codecs);

/* The short name of @codecs' codec, as the element's messages and
 * properties say it: "h264", "h265", "vp9", "av1", "aac", "he-aac",
 * "he-aac-v2", "xhe-aac", "opus"; NULL when unknown. */
const char *ig_codec_name (const char *codecs);

/* A person's name for it ("AV1", "xHE-AAC (USAC)"), @codecs itself when
 * unknown. */
const char *ig_codec_label (const char *codecs);

/* What would decode it, for a warning: "an AV1 decoder (av1dec in
 * gstreamer1.0-plugins-bad, ...)". */
const char *ig_codec_remedy (const char *codecs);

/* TRUE for xHE-AAC (USAC, mp4a.40.42), which a present AAC decoder may not
 * decode. */
gboolean ig_codec_is_usac (const char *codecs);

G_END_DECLS
