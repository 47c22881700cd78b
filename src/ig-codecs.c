/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-codecs.h"

#include <string.h>

typedef struct
{
  const char *tag; /* the codecs string's first fields */
  gboolean exact; /* the whole string (mp4a.40.2 is not mp4a.40.29) */
  const char *name;
  const char *label;
  const char *remedy;
} CodecInfo;

#define USAC_TAG "mp4a.40.42"
#define H264 \
  "h264", "H.264", \
      "an H.264 decoder (avdec_h264 in gstreamer1.0-libav, openh264dec)"
#define H265 \
  "h265", "H.265", "an H.265 decoder (avdec_h265 in gstreamer1.0-libav)"
#define VP9 "vp9", "VP9", "a VP9 decoder (vp9dec in gstreamer1.0-plugins-good)"
#define AAC_DECODER "an AAC decoder (avdec_aac in gstreamer1.0-libav, faad)"

/* instagram-2026-12.md 6.1: AV1 decoders are av1dec (libaom, -bad, Debian
 * 12 and 13), dav1ddec (gst-plugins-rs) and hardware ones; USAC needs
 * FFmpeg 7.1 in gst-libav or fdk-aac 2; faad2 does not decode it. */
static const CodecInfo table[] = {
  { "avc1", FALSE, H264 },
  { "avc3", FALSE, H264 },
  { "hvc1", FALSE, H265 },
  { "hev1", FALSE, H265 },
  { "vp09", FALSE, VP9 },
  { "vp9", FALSE, VP9 },
  { "av01", FALSE, "av1", "AV1",
      "an AV1 decoder (av1dec in gstreamer1.0-plugins-bad, dav1ddec from "
      "gst-plugins-rs, or a hardware one: va, nvcodec, qsv, v4l2codecs)" },
  { USAC_TAG, TRUE, "xhe-aac", "xHE-AAC (USAC)",
      "an xHE-AAC decoder: gstreamer1.0-libav built on FFmpeg 7.1 or newer "
      "(Debian 13), or fdkaacdec built on fdk-aac 2; faad does not decode "
      "it" },
  { "mp4a.40.2", TRUE, "aac", "AAC-LC", AAC_DECODER },
  { "mp4a.40.5", TRUE, "he-aac", "HE-AAC", AAC_DECODER },
  { "mp4a.40.29", TRUE, "he-aac-v2", "HE-AAC v2", AAC_DECODER },
  { "opus", FALSE, "opus", "Opus",
      "an Opus decoder (opusdec in gstreamer1.0-plugins-base)" },
};

/* @tag followed by the end or a '.' (a whole first field). */
static gboolean
matches (const CodecInfo *info, const char *codecs)
{
  gsize n = strlen (info->tag);

  if (info->exact)
    return g_ascii_strcasecmp (codecs, info->tag) == 0;
  return g_ascii_strncasecmp (codecs, info->tag, n) == 0
      && (codecs[n] == '\0' || codecs[n] == '.');
}

static const CodecInfo *
find (const char *codecs)
{
  for (guint i = 0; codecs != NULL && i < G_N_ELEMENTS (table); i++) {
    if (matches (&table[i], codecs))
      return &table[i];
  }
  return NULL;
}

gboolean
ig_decoders_can_decode (const IgDecoders *decoders, const char *codecs)
{
  if (decoders == NULL || decoders->can_decode == NULL || codecs == NULL)
    return TRUE;
  return decoders->can_decode (decoders->data, codecs);
}

const char *
ig_codec_name (const char *codecs)
{
  const CodecInfo *info = find (codecs);

  return info != NULL ? info->name : NULL;
}

const char *
ig_codec_label (const char *codecs)
{
  const CodecInfo *info = find (codecs);

  return info != NULL ? info->label : codecs;
}

const char *
ig_codec_remedy (const char *codecs)
{
  const CodecInfo *info = find (codecs);

  return info != NULL ? info->remedy : "a decoder for it";
}

gboolean
ig_codec_is_usac (const char *codecs)
{
  return codecs != NULL && g_ascii_strcasecmp (codecs, USAC_TAG) == 0;
}
