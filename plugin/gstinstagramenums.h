/* gst-instagram: the enum types of instagramsrc's properties.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * GstInstagramApiClient:
 * @GST_INSTAGRAM_API_CLIENT_WEB: the web app's id on www.instagram.com
 * @GST_INSTAGRAM_API_CLIENT_IOS: the iOS app's id on i.instagram.com
 */
typedef enum
{
  GST_INSTAGRAM_API_CLIENT_WEB,
  GST_INSTAGRAM_API_CLIENT_IOS,
} GstInstagramApiClient;

/**
 * GstInstagramDelivery:
 * @GST_INSTAGRAM_DELIVERY_PROGRESSIVE: the MP4 or JPEG file (for qtdemux)
 * @GST_INSTAGRAM_DELIVERY_DASH: the DASH manifest (for decodebin, playbin)
 * @GST_INSTAGRAM_DELIVERY_AUTO: DASH when it has a larger video
 *
 * Same values as IgDelivery.
 */
typedef enum
{
  GST_INSTAGRAM_DELIVERY_PROGRESSIVE,
  GST_INSTAGRAM_DELIVERY_DASH,
  GST_INSTAGRAM_DELIVERY_AUTO,
} GstInstagramDelivery;

/**
 * GstInstagramVideoCodec:
 * @GST_INSTAGRAM_VIDEO_CODEC_ANY: no preference (AV1, then VP9, wins a
 *   resolution tie; decodable ones first)
 * @GST_INSTAGRAM_VIDEO_CODEC_H264: H.264 when offered
 * @GST_INSTAGRAM_VIDEO_CODEC_VP9: VP9 when offered
 * @GST_INSTAGRAM_VIDEO_CODEC_AV1: AV1 when offered
 *
 * Same values as IgVideoCodec.
 */
typedef enum
{
  GST_INSTAGRAM_VIDEO_CODEC_ANY,
  GST_INSTAGRAM_VIDEO_CODEC_H264,
  GST_INSTAGRAM_VIDEO_CODEC_VP9,
  GST_INSTAGRAM_VIDEO_CODEC_AV1,
} GstInstagramVideoCodec;

/**
 * GstInstagramMediaKind:
 * @GST_INSTAGRAM_MEDIA_KIND_AUTO: the video (as #GstInstagramSrc:delivery
 *   says) or the image
 * @GST_INSTAGRAM_MEDIA_KIND_AUDIO: a video's separate audio file (the DASH
 *   audio representation, an audio-only MP4), byte for byte
 * @GST_INSTAGRAM_MEDIA_KIND_COVER: a video's cover image (JPEG); an image
 *   item's image
 *
 * Same values as IgMediaKind.
 */
typedef enum
{
  GST_INSTAGRAM_MEDIA_KIND_AUTO,
  GST_INSTAGRAM_MEDIA_KIND_AUDIO,
  GST_INSTAGRAM_MEDIA_KIND_COVER,
} GstInstagramMediaKind;

#define GST_TYPE_INSTAGRAM_MEDIA_KIND (gst_instagram_media_kind_get_type ())
#define GST_TYPE_INSTAGRAM_API_CLIENT (gst_instagram_api_client_get_type ())
#define GST_TYPE_INSTAGRAM_DELIVERY (gst_instagram_delivery_get_type ())
#define GST_TYPE_INSTAGRAM_VIDEO_CODEC (gst_instagram_video_codec_get_type ())

GType gst_instagram_api_client_get_type (void);
GType gst_instagram_delivery_get_type (void);
GType gst_instagram_video_codec_get_type (void);
GType gst_instagram_media_kind_get_type (void);

G_END_DECLS
