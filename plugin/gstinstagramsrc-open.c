/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramsrc-open.h"
#include "gstinstagramenums.h"
#include "gstinstagramerror.h"
#include "gstinstagramsettings.h"
#include "gstinstagramtags.h"
#include "ig-cookies.h"
#include "ig-error.h"
#include "ig-quality.h"
#include "ig-resolver.h"

GST_DEBUG_CATEGORY_EXTERN (gst_instagram_src_debug);
#define GST_CAT_DEFAULT gst_instagram_src_debug

static GstFlowReturn
fail (GstInstagramSrc *self, GError *error)
{
  GstFlowReturn ret = GST_FLOW_ERROR;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    GST_DEBUG_OBJECT (self, "interrupted: %s", error->message);
    ret = GST_FLOW_FLUSHING;
  } else {
    GST_INSTAGRAM_POST_ERROR (self, self->state->settings.uri, error);
  }
  g_error_free (error);
  return ret;
}

/* MP4 is what qtdemux expects as video/quicktime; anything else is named
 * by its Content-Type, or left to typefind when the CDN says nothing. */
static GstCaps *
caps_for (const IgItem *item, const char *content_type)
{
  if (g_strcmp0 (content_type, "video/mp4") == 0
      || (content_type == NULL && item->type == IG_MEDIA_VIDEO))
    return gst_caps_new_simple ("video/quicktime", "variant", G_TYPE_STRING,
        "iso", NULL);
  if (content_type == NULL && item->type == IG_MEDIA_IMAGE)
    return gst_caps_new_empty_simple ("image/jpeg");
  if (content_type == NULL || g_str_has_prefix (content_type, "application/")
      || g_str_has_prefix (content_type, "text/"))
    return NULL;
  return gst_caps_new_empty_simple (content_type);
}

static void
announce (GstInstagramSrc *self, const IgPost *post, guint index,
    const IgDeliveryChoice *choice)
{
  GstInstagramSrcState *state = self->state;
  g_autofree char *permalink = ig_media_ref_to_permalink (state->settings.ref);
  GstStructure *media;
  GstTagList *tags;

  media =
      gst_instagram_media_structure (post, index, state->settings.uri, choice);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), media));
  tags = gst_instagram_tags_from_post (post, index, permalink);
  /* Demuxers (qtdemux, dashdemux) drop upstream tag events, so the tags
   * also go on the bus, where playbin and gst-discoverer collect them. */
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_tag (GST_OBJECT (self), gst_tag_list_ref (tags)));
  /* basesrc queues the tag event and pushes it after the segment. */
  gst_element_send_event (GST_ELEMENT (self), gst_event_new_tag (tags));
}

static void
publish_size (GstInstagramSrc *self, gboolean known, guint64 size,
    gboolean seekable)
{
  GstBaseSrc *base = GST_BASE_SRC (self);

  GST_OBJECT_LOCK (self);
  self->size = known ? size : 0;
  self->seekable = seekable;
  if (known)
    base->segment.duration = size;
  GST_OBJECT_UNLOCK (self);
  GST_DEBUG_OBJECT (self, "size %" G_GUINT64_FORMAT " seekable %d", size,
      seekable);
  if (known)
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_duration_changed (GST_OBJECT (self)));
}

/* The item the URI names: ?img_index=N, or a story item's pk (-1 when the
 * story no longer has it). */
static gint
uri_item_index (GstInstagramSrc *self)
{
  const IgMediaRef *ref = self->state->settings.ref;

  if (ref->kind == IG_REF_STORY_ITEM)
    return ig_post_find_item (self->state->post, ref->media_pk);
  return ref->item_index;
}

/* The property when set, else GST_INSTAGRAM_DELIVERY, else progressive. */
static IgDelivery
effective_delivery (GstInstagramSrc *self)
{
  GstInstagramSrcSettings *s = &self->state->settings;
  const char *env = g_getenv (ENV_DELIVERY);
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *value;

  if (s->delivery_set || env == NULL)
    return s->delivery;
  klass = g_type_class_ref (GST_TYPE_INSTAGRAM_DELIVERY);
  value = g_enum_get_value_by_nick (klass, env);
  if (value != NULL)
    return value->value;
  GST_ELEMENT_WARNING (self, RESOURCE, SETTINGS,
      ("Ignoring %s=%s: use progressive, dash or auto", ENV_DELIVERY, env),
      (NULL));
  return s->delivery;
}

static gboolean
choose (GstInstagramSrc *self, IgDeliveryChoice *choice, GError **error)
{
  GstInstagramSrcState *state = self->state;
  gint uri_index = uri_item_index (self);
  const IgItem *item;

  if (uri_index < 0 && state->settings.ref->kind == IG_REF_STORY_ITEM
      && state->settings.media_index < 0) {
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "the story item %" G_GUINT64_FORMAT " has expired or never existed",
        state->settings.ref->media_pk);
    return FALSE;
  }
  item = ig_post_pick_item (state->post, state->settings.media_index, uri_index,
      &state->item_index, error);
  if (item == NULL)
    return FALSE;
  return ig_delivery_choose (item, effective_delivery (self),
      state->settings.max_height, state->settings.video_codec, choice, error);
}

/* A URL the CDN refuses at once (expired while we resolved, or revoked)
 * gets the same single renewal as one that expires mid-stream. */
static gboolean
open_media (GstInstagramSrc *self, GstFlowReturn *ret)
{
  GstInstagramSrcState *state = self->state;
  GError *error = NULL;

  if (ig_media_reader_open (state->reader, state->offset, self->cancellable,
          &error))
    return TRUE;
  if (state->reresolved
      || !g_error_matches (error, IG_ERROR, IG_ERROR_MEDIA_REFUSED)) {
    *ret = fail (self, error);
    return FALSE;
  }
  g_clear_error (&error);
  state->reresolved = TRUE;
  if ((*ret = gst_instagram_src_reresolve (self)) != GST_FLOW_OK)
    return FALSE;
  if (ig_media_reader_open (state->reader, state->offset, self->cancellable,
          &error))
    return TRUE;
  *ret = fail (self, error);
  return FALSE;
}

static GstFlowReturn
open_reader (GstInstagramSrc *self, const IgVariant *variant)
{
  GstInstagramSrcState *state = self->state;
  g_autoptr (GstCaps) caps = NULL;
  IgHttpOptions options = gst_instagram_src_settings_http (&state->settings);
  const IgItem *item;
  GstFlowReturn ret;
  guint64 size = 0;
  gboolean known;

  state->reader = ig_media_reader_new (variant->url, state->settings.user_agent,
      state->settings.retries, &options);
  if (!open_media (self, &ret))
    return ret;
  known = ig_media_reader_get_size (state->reader, &size);
  publish_size (self, known, size, ig_media_reader_is_seekable (state->reader));
  /* after open_media(): a renewal replaces the post */
  item = g_ptr_array_index (state->post->items, state->item_index);
  caps = caps_for (item, ig_media_reader_get_content_type (state->reader));
  if (caps != NULL && !gst_base_src_set_caps (GST_BASE_SRC (self), caps))
    GST_WARNING_OBJECT (self, "downstream refused %" GST_PTR_FORMAT, caps);
  return GST_FLOW_OK;
}

/* Two small CDN requests that let demuxers seek by subsegment. */
static gboolean
index_dash (GstInstagramSrc *self, IgDeliveryChoice *choice, GError **error)
{
  GstInstagramSrcSettings *s = &self->state->settings;
  IgHttpOptions options = gst_instagram_src_settings_http (s);

  return ig_delivery_index_dash (choice, s->user_agent, &options,
      self->cancellable, error);
}

/* The manifest is served from memory: dashdemux fetches the segments
 * itself, straight from the CDN, without our cookies. */
static GstFlowReturn
open_manifest (GstInstagramSrc *self, GBytes *manifest)
{
  g_autoptr (GstCaps) caps = gst_caps_new_empty_simple ("application/dash+xml");

  self->state->manifest = g_bytes_ref (manifest);
  publish_size (self, TRUE, g_bytes_get_size (manifest), TRUE);
  if (!gst_base_src_set_caps (GST_BASE_SRC (self), caps))
    GST_WARNING_OBJECT (self, "downstream refused %" GST_PTR_FORMAT, caps);
  return GST_FLOW_OK;
}

/* Runs on the streaming thread, just before it waits. */
static void
on_rate_wait (gdouble seconds, IgRateClass cls, gpointer data)
{
  GstInstagramSrc *self = data;

  GST_INFO_OBJECT (self, "rate limit: waiting %.1f s before a %s request",
      seconds, ig_rate_class_to_string (cls));
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self),
          gst_structure_new ("instagram-rate-limit", "wait", G_TYPE_DOUBLE,
              seconds, "class", G_TYPE_STRING, ig_rate_class_to_string (cls),
              NULL)));
}

/* The limits: the property when set, else GST_INSTAGRAM_RATE_LIMITS, else
 * the defaults. */
static IgRateLimits
effective_limits (GstInstagramSrc *self)
{
  GstInstagramSrcSettings *s = &self->state->settings;
  IgRateLimits limits = s->limits;
  const char *env = g_getenv (ENV_RATE_LIMITS);
  g_autoptr (GError) error = NULL;

  if (!s->limits_set && env != NULL
      && !ig_rate_limits_parse (env, &limits, &error))
    GST_ELEMENT_WARNING (self, RESOURCE, SETTINGS,
        ("Ignoring %s: %s", ENV_RATE_LIMITS, error->message), (NULL));
  return limits;
}

static void
attach_rate_limiter (GstInstagramSrc *self, IgApi *api)
{
  GstInstagramSrcSettings *s = &self->state->settings;
  IgRateLimits limits = effective_limits (self);
  g_autofree char *path = s->rate_limit_state != NULL
      ? g_strdup (s->rate_limit_state)
      : ig_rate_state_default_path ();

  if (limits.off)
    return;
  ig_api_set_rate_limiter (api, ig_rate_limiter_get_default (path), &limits,
      s->max_wait, s->retries < 0 ? 10 : (guint) s->retries, on_rate_wait,
      self);
}

/* Puts the user's cookies in the API session's jar (never the CDN's). */
static gboolean
load_session (GstInstagramSrc *self, IgApi *api, GError **error)
{
  GstInstagramSrcSettings *s = &self->state->settings;
  gint added;

  if (s->cookies_file == NULL && s->session_id == NULL)
    return TRUE;
  added = ig_cookies_load (ig_http_get_cookie_jar (api->http),
      api->config->www_base, s->cookies_file, s->session_id, error);
  if (added < 0)
    return FALSE;
  GST_INFO_OBJECT (self, "%d Instagram cookies loaded (values not logged)",
      added);
  return TRUE;
}

/* One resolution of the post through a fresh API session (session cookies
 * and the shared rate limiter included), freed before any media I/O. */
static IgPost *
resolve_post (GstInstagramSrc *self, GError **error)
{
  GstInstagramSrcState *state = self->state;
  g_autoptr (IgConfig) config = ig_config_new_from_env ();
  IgHttpOptions options = gst_instagram_src_settings_http (&state->settings);
  IgApi *api = ig_api_new (config, &options);
  IgPost *post = NULL;

  api->ios_client = state->settings.ios_client;
  api->retries = state->settings.retries < 0 ? 10 : state->settings.retries;
  attach_rate_limiter (self, api);
  if (load_session (self, api, error))
    post = ig_resolve (api, state->settings.ref, self->cancellable, error);
  GST_DEBUG_OBJECT (self, "resolved with %u API requests",
      ig_http_get_request_count (api->http));
  if (api->session_rejected)
    GST_ELEMENT_WARNING (self, RESOURCE, NOT_AUTHORIZED,
        ("Instagram no longer accepts the logged-in session from the "
         "cookies-file or session-id property; continuing without it. "
         "Export fresh cookies from a browser logged in to Instagram."),
        ("%s: the media info request was redirected to the login page",
            state->settings.uri));
  ig_api_free (api);
  return post;
}

GstFlowReturn
gst_instagram_src_open (GstInstagramSrc *self)
{
  GstInstagramSrcState *state = self->state;
  IgDeliveryChoice choice = { 0 };
  GError *error = NULL;
  GstFlowReturn ret;

  state->post = resolve_post (self, &error);
  if (state->post == NULL || !choose (self, &choice, &error)
      || !index_dash (self, &choice, &error)) {
    ig_delivery_choice_clear (&choice);
    return fail (self, error);
  }
  GST_INFO_OBJECT (self, "item %u: %s", state->item_index, choice.note);
  announce (self, state->post, state->item_index, &choice);
  if (choice.manifest != NULL)
    ret = open_manifest (self, choice.manifest);
  else
    ret = open_reader (self, choice.variant);
  ig_delivery_choice_clear (&choice);
  return ret;
}

GstFlowReturn
gst_instagram_src_reresolve (GstInstagramSrc *self)
{
  GstInstagramSrcState *state = self->state;
  g_autoptr (IgPost) post = NULL;
  const IgVariant *variant = NULL;
  GError *error = NULL;

  GST_INFO_OBJECT (self, "the CDN refused the media URL: resolving again");
  post = resolve_post (self, &error);
  if (post != NULL && state->item_index >= post->items->len)
    g_set_error (&error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "the post no longer has item %u", state->item_index);
  if (error == NULL)
    variant =
        ig_item_choose (g_ptr_array_index (post->items, state->item_index),
            state->settings.max_height, &error);
  if (variant == NULL)
    return fail (self, error);
  ig_media_reader_set_url (state->reader, variant->url);
  ig_post_free (state->post);
  state->post = g_steal_pointer (&post);
  return GST_FLOW_OK;
}
