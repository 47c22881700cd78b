/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramsettings.h"

void
gst_instagram_src_settings_init (GstInstagramSrcSettings *settings)
{
  *settings = (GstInstagramSrcSettings){
    .max_height = DEFAULT_MAX_HEIGHT,
    .media_index = DEFAULT_MEDIA_INDEX,
    .timeout = DEFAULT_TIMEOUT,
    .retries = DEFAULT_RETRIES,
    .ssl_strict = DEFAULT_SSL_STRICT,
    .max_wait = DEFAULT_MAX_WAIT,
    .delivery = DEFAULT_DELIVERY,
    .video_codec = DEFAULT_VIDEO_CODEC,
  };
  ig_rate_limits_init (&settings->limits);
}

void
gst_instagram_src_settings_copy (GstInstagramSrcSettings *dest,
    const GstInstagramSrcSettings *src)
{
  *dest = *src;
  dest->uri = g_strdup (src->uri);
  dest->ref = src->ref ? ig_media_ref_copy (src->ref) : NULL;
  dest->user_agent = g_strdup (src->user_agent);
  dest->proxy = g_strdup (src->proxy);
  dest->cookies_file = g_strdup (src->cookies_file);
  dest->session_id = g_strdup (src->session_id);
  dest->rate_limit_state = g_strdup (src->rate_limit_state);
}

void
gst_instagram_src_settings_clear (GstInstagramSrcSettings *settings)
{
  g_clear_pointer (&settings->uri, g_free);
  g_clear_pointer (&settings->ref, ig_media_ref_free);
  g_clear_pointer (&settings->user_agent, g_free);
  g_clear_pointer (&settings->proxy, g_free);
  g_clear_pointer (&settings->cookies_file, g_free);
  g_clear_pointer (&settings->session_id, g_free);
  g_clear_pointer (&settings->rate_limit_state, g_free);
}

IgHttpOptions
gst_instagram_src_settings_http (const GstInstagramSrcSettings *settings)
{
  return (IgHttpOptions){
    .proxy = settings->proxy,
    .timeout_s = settings->timeout,
    .ssl_strict = settings->ssl_strict,
  };
}
