/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramenums.h"

#include "ig-dash.h"
#include "ig-delivery.h"

/* The plugin's values are the core's, so settings can hold either. */
G_STATIC_ASSERT ((int) GST_INSTAGRAM_DELIVERY_DASH == (int) IG_DELIVERY_DASH);
G_STATIC_ASSERT ((int) GST_INSTAGRAM_DELIVERY_AUTO == (int) IG_DELIVERY_AUTO);
G_STATIC_ASSERT ((int) GST_INSTAGRAM_VIDEO_CODEC_H264 == (int) IG_CODEC_H264);
G_STATIC_ASSERT ((int) GST_INSTAGRAM_VIDEO_CODEC_VP9 == (int) IG_CODEC_VP9);
G_STATIC_ASSERT ((int) GST_INSTAGRAM_VIDEO_CODEC_AV1 == (int) IG_CODEC_AV1);
G_STATIC_ASSERT (
    (int) GST_INSTAGRAM_MEDIA_KIND_AUDIO == (int) IG_MEDIA_KIND_AUDIO);
G_STATIC_ASSERT (
    (int) GST_INSTAGRAM_MEDIA_KIND_COVER == (int) IG_MEDIA_KIND_COVER);

static GType
register_enum (gsize *once, const char *name, const GEnumValue *values)
{
  if (g_once_init_enter (once))
    g_once_init_leave (once, g_enum_register_static (name, values));
  return (GType) *once;
}

GType
gst_instagram_api_client_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { GST_INSTAGRAM_API_CLIENT_WEB, "The web app on www.instagram.com", "web" },
    { GST_INSTAGRAM_API_CLIENT_IOS, "The iOS app on i.instagram.com", "ios" },
    { 0, NULL, NULL },
  };

  return register_enum (&type, "GstInstagramApiClient", values);
}

GType
gst_instagram_delivery_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { GST_INSTAGRAM_DELIVERY_PROGRESSIVE,
        "The MP4 or JPEG file, with audio (for qtdemux and filesink)",
        "progressive" },
    { GST_INSTAGRAM_DELIVERY_DASH,
        "The DASH manifest, video and audio at the best quality (for "
        "decodebin, playbin and playbin3)",
        "dash" },
    { GST_INSTAGRAM_DELIVERY_AUTO,
        "DASH when it offers a larger video than every progressive file and "
        "this machine decodes its video and audio",
        "auto" },
    { 0, NULL, NULL },
  };

  return register_enum (&type, "GstInstagramDelivery", values);
}

GType
gst_instagram_video_codec_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { GST_INSTAGRAM_VIDEO_CODEC_ANY,
        "No preference (AV1, then VP9, wins a tie)", "any" },
    { GST_INSTAGRAM_VIDEO_CODEC_H264, "H.264 when offered", "h264" },
    { GST_INSTAGRAM_VIDEO_CODEC_VP9, "VP9 when offered", "vp9" },
    { GST_INSTAGRAM_VIDEO_CODEC_AV1, "AV1 when offered", "av1" },
    { 0, NULL, NULL },
  };

  return register_enum (&type, "GstInstagramVideoCodec", values);
}

GType
gst_instagram_media_kind_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { GST_INSTAGRAM_MEDIA_KIND_AUTO,
        "The video (as delivery says) or the image", "auto" },
    { GST_INSTAGRAM_MEDIA_KIND_AUDIO,
        "A video's separate audio file (the DASH audio, an audio-only MP4 "
        "for qtdemux), byte for byte",
        "audio" },
    { GST_INSTAGRAM_MEDIA_KIND_COVER,
        "A video's cover image (JPEG); an image item's image", "cover" },
    { 0, NULL, NULL },
  };

  return register_enum (&type, "GstInstagramMediaKind", values);
}
