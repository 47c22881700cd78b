/* gst-instagram
 * Copyright (C) 2026 The gst-instagram authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:element-instagramsrc
 * @title: instagramsrc
 *
 * instagramsrc reads the media of a public Instagram post, reel or carousel
 * item. It resolves the URI through Instagram's web API (a homepage visit,
 * the ruling check and one GraphQL request on a cold start, with the post
 * page and the older GraphQL forms as fallbacks), picks the largest video
 * or image (or the largest not taller than #GstInstagramSrc:max-height) and
 * streams that file from Instagram's CDN with HTTP Range, so qtdemux can
 * seek even when the MP4's moov atom is at the end.
 *
 * It is also a URI handler for https://www.instagram.com/... and
 * instagram:// URIs, ranked above souphttpsrc, so playbin, uridecodebin,
 * gst-play-1.0 and gst-discoverer-1.0 pick it for Instagram URIs and keep
 * using souphttpsrc for every other https URI.
 *
 * With #GstInstagramSrc:delivery set to dash (or auto, when it is larger)
 * it pushes the post's DASH manifest instead (application/dash+xml), cut
 * down to the best video representation within max-height and
 * #GstInstagramSrc:video-codec plus the audio, with one SegmentList entry
 * per subsegment, so that dashdemux (playbin) and dashdemux2 (playbin3)
 * play every frame and seek to the right GOP. The demuxer fetches the
 * segments from the CDN itself, without cookies.
 *
 * #GstInstagramSrc:max-resolution names a quality as Instagram and yt-dlp
 * do, by the shorter side ("720p" of a 1080x1920 reel is its 720x1280
 * version), where #GstInstagramSrc:max-height is the literal height (the
 * same reel's 480x854 file); both apply when both are set.
 * #GstInstagramSrc:media-kind streams a video's separate audio file (the
 * DASH audio representation, byte for byte, with the caps the typefinder
 * gives it) or its cover image instead of the video.
 *
 * Before the first buffer it pushes caps (video/quicktime, image/jpeg,
 * application/dash+xml) and one tag event (title, artist, comment,
 * date-time, location, geo-location-name, duration and the instagram-*
 * tags; also posted as a tag message, since demuxers drop upstream tags),
 * and posts an `instagram-media` element message listing every item of the
 * post with its progressive versions and DASH representations.
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 instagramsrc uri=https://www.instagram.com/reel/SHORTCODE/ ! filesink location=reel.mp4
 * ]| Saves the reel's MP4 as Instagram serves it.
 * |[
 * gst-launch-1.0 instagramsrc uri=https://www.instagram.com/reel/SHORTCODE/ ! qtdemux name=d d.video_0 ! queue ! decodebin ! autovideosink d.audio_0 ! queue ! decodebin ! autoaudiosink
 * ]| Plays the reel.
 * |[
 * gst-launch-1.0 instagramsrc uri="https://www.instagram.com/p/SHORTCODE/?img_index=2" ! filesink location=item2.jpg
 * ]| Saves the second item of a carousel.
 * |[
 * gst-launch-1.0 instagramsrc uri=https://www.instagram.com/reel/SHORTCODE/ delivery=dash ! decodebin name=d d. ! videoconvert ! queue ! autovideosink d. ! audioconvert ! queue ! autoaudiosink
 * ]| Plays the reel at the best quality Instagram has (1080p DASH video and
 * its audio).
 * |[
 * gst-launch-1.0 instagramsrc uri=https://www.instagram.com/reel/SHORTCODE/ media-kind=audio ! qtdemux ! aacparse ! mp4mux ! filesink location=reel.m4a
 * ]| Saves the reel's sound without re-encoding.
 * |[
 * gst-play-1.0 https://www.instagram.com/p/SHORTCODE/
 * ]| Players pick instagramsrc through the URI handler
 * (GST_INSTAGRAM_DELIVERY=auto gives them DASH).
 *
 * The API endpoints can be pointed elsewhere (for tests) with the
 * environment variables GST_INSTAGRAM_WWW_BASE and GST_INSTAGRAM_MOBILE_BASE;
 * the constants Instagram rotates with GST_INSTAGRAM_POLARIS_DOC_ID,
 * GST_INSTAGRAM_XDT_DOC_ID, GST_INSTAGRAM_QUERY_HASH, GST_INSTAGRAM_APP_ID,
 * GST_INSTAGRAM_ASBD_ID and GST_INSTAGRAM_USER_AGENT.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstinstagramsrc.h"
#include "gstinstagramenums.h"
#include "gstinstagramsrc-listener.h"
#include "gstinstagramsrc-open.h"
#include "ig-media-reader.h"
#include "ig-uri.h"

GST_DEBUG_CATEGORY (gst_instagram_src_debug);
#define GST_CAT_DEFAULT gst_instagram_src_debug

/* Large reads keep the per-buffer cost low on fast links. */
#define DEFAULT_BLOCKSIZE (128 * 1024)

enum
{
  PROP_0,
  PROP_URI,
  PROP_MAX_HEIGHT,
  PROP_MEDIA_INDEX,
  PROP_USER_AGENT,
  PROP_PROXY,
  PROP_TIMEOUT,
  PROP_RETRIES,
  PROP_SSL_STRICT,
  PROP_COOKIES_FILE,
  PROP_SESSION_ID,
  PROP_RATE_LIMITS,
  PROP_RATE_LIMIT_STATE,
  PROP_MAX_WAIT,
  PROP_API_CLIENT,
  PROP_DELIVERY,
  PROP_VIDEO_CODEC,
  PROP_MAX_RESOLUTION,
  PROP_MEDIA_KIND,
  PROP_PLAYLIST,
  PROP_MAX_ITEMS,
};

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

static void gst_instagram_src_uri_handler_init (gpointer g_iface,
    gpointer iface_data);

#define gst_instagram_src_parent_class parent_class
G_DEFINE_TYPE_WITH_CODE (GstInstagramSrc, gst_instagram_src, GST_TYPE_PUSH_SRC,
    G_IMPLEMENT_INTERFACE (GST_TYPE_URI_HANDLER,
        gst_instagram_src_uri_handler_init));

/* ---- URI handler ------------------------------------------------------ */

/* Cheap and pure: it runs for every https URI in every pipeline. A URI
 * that is not Instagram's is refused with the core's IG_ERROR_BAD_URI in
 * *@refused (its message says why and lists the accepted forms); a URI
 * that is accepted clears a refusal kept from the uri property. */
static gboolean
gst_instagram_src_set_uri (GstInstagramSrc *self, const char *uri,
    GError **refused, GError **error)
{
  GError *local = NULL;
  IgMediaRef *ref;
  GstState state;

  GST_OBJECT_LOCK (self);
  state = GST_STATE (self);
  if (state != GST_STATE_NULL && state != GST_STATE_READY) {
    GST_OBJECT_UNLOCK (self);
    g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_STATE,
        "Changing the URI of instagramsrc while it is running is not "
        "supported");
    return FALSE;
  }
  GST_OBJECT_UNLOCK (self);

  ref = uri != NULL ? ig_media_ref_parse (uri, &local) : NULL;
  if (uri != NULL && ref == NULL) {
    g_set_error_literal (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI,
        local->message);
    g_propagate_error (refused, local);
    return FALSE;
  }
  ig_media_ref_free (ref);
  GST_OBJECT_LOCK (self);
  g_free (self->settings.uri);
  self->settings.uri = g_strdup (uri);
  g_clear_error (&self->refused_uri);
  GST_OBJECT_UNLOCK (self);
  return TRUE;
}

static GstURIType
uri_get_type (GType type)
{
  return GST_URI_SRC;
}

static const gchar *const *
uri_get_protocols (GType type)
{
  static const gchar *protocols[] = { "instagram", "https", "http", NULL };

  return protocols;
}

static gchar *
uri_get_uri (GstURIHandler *handler)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (handler);
  gchar *uri;

  GST_OBJECT_LOCK (self);
  uri = g_strdup (self->settings.uri);
  GST_OBJECT_UNLOCK (self);
  return uri;
}

static gboolean
uri_set_uri (GstURIHandler *handler, const gchar *uri, GError **error)
{
  /* The caller gets the error; nothing is kept for start(). */
  return gst_instagram_src_set_uri (GST_INSTAGRAM_SRC (handler), uri, NULL,
      error);
}

static void
gst_instagram_src_uri_handler_init (gpointer g_iface, gpointer iface_data)
{
  GstURIHandlerInterface *iface = (GstURIHandlerInterface *) g_iface;

  iface->get_type = uri_get_type;
  iface->get_protocols = uri_get_protocols;
  iface->get_uri = uri_get_uri;
  iface->set_uri = uri_set_uri;
}

/* ---- properties ------------------------------------------------------- */

/* GST_PARAM_MUTABLE_READY is documentation only; enforce it like filesrc. */
static gboolean
settings_mutable (GstInstagramSrc *self, GParamSpec *pspec)
{
  GstState state = GST_STATE (self);

  if (state == GST_STATE_NULL || state == GST_STATE_READY)
    return TRUE;
  GST_WARNING_OBJECT (self, "%s can only be changed in NULL or READY",
      pspec->name);
  return FALSE;
}

static void
post_refused_rate_limits (GstInstagramSrc *self, const GError *refused)
{
  GST_ELEMENT_WARNING (self, RESOURCE, SETTINGS,
      ("Ignoring rate-limits: %s", refused->message),
      ("the previous rate-limits value stays"));
}

/* A property has no way to return an error, and is often set before the
 * element has a bus: a refused URI is kept, and start() fails with it. The
 * previous URI stays (as through the URI handler) but is not used. */
static void
set_uri_property (GstInstagramSrc *self, const char *uri)
{
  g_autoptr (GError) error = NULL;
  GError *refused = NULL;

  if (gst_instagram_src_set_uri (self, uri, &refused, &error))
    return;
  GST_WARNING_OBJECT (self, "%s", error->message);
  if (refused == NULL) /* not the URI: the element is running */
    return;
  GST_OBJECT_LOCK (self);
  g_clear_error (&self->refused_uri);
  self->refused_uri = refused;
  GST_OBJECT_UNLOCK (self);
}

static void
gst_instagram_src_set_property (GObject *object, guint prop_id,
    const GValue *value, GParamSpec *pspec)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (object);
  IgSourceOptions *s = &self->settings;
  g_autoptr (GError) refused = NULL;

  if (prop_id == PROP_URI) {
    set_uri_property (self, g_value_get_string (value));
    return;
  }
  GST_OBJECT_LOCK (self);
  if (!settings_mutable (self, pspec)) {
    GST_OBJECT_UNLOCK (self);
    return;
  }
  switch (prop_id) {
    case PROP_MAX_HEIGHT:
      s->max_height = g_value_get_int (value);
      break;
    case PROP_MEDIA_INDEX:
      s->media_index = g_value_get_int (value);
      break;
    case PROP_USER_AGENT:
      g_free (s->user_agent);
      s->user_agent = g_value_dup_string (value);
      break;
    case PROP_PROXY:
      g_free (s->proxy);
      s->proxy = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      s->timeout = g_value_get_uint (value);
      break;
    case PROP_RETRIES:
      s->retries = g_value_get_int (value);
      break;
    case PROP_SSL_STRICT:
      s->ssl_strict = g_value_get_boolean (value);
      break;
    case PROP_COOKIES_FILE:
      g_free (s->cookies_file);
      s->cookies_file = g_value_dup_string (value);
      break;
    case PROP_SESSION_ID:
      g_free (s->session_id);
      s->session_id = g_value_dup_string (value);
      break;
    case PROP_RATE_LIMITS:
      /* a malformed value is refused with a warning, the previous one
       * stays; without a bus yet, start() posts the warning */
      g_clear_error (&self->refused_rate_limits);
      if (!ig_source_options_set_rate_limits (s, g_value_get_string (value),
              &refused)
          && GST_ELEMENT_BUS (self) == NULL)
        self->refused_rate_limits = g_steal_pointer (&refused);
      break;
    case PROP_RATE_LIMIT_STATE:
      g_free (s->rate_limit_state);
      s->rate_limit_state = g_value_dup_string (value);
      break;
    case PROP_MAX_WAIT:
      s->max_wait = g_value_get_uint (value);
      break;
    case PROP_API_CLIENT:
      s->ios_client = g_value_get_enum (value) == GST_INSTAGRAM_API_CLIENT_IOS;
      break;
    case PROP_DELIVERY:
      s->delivery = g_value_get_enum (value);
      s->delivery_set = TRUE;
      break;
    case PROP_VIDEO_CODEC:
      s->video_codec = g_value_get_enum (value);
      break;
    case PROP_MAX_RESOLUTION:
      s->max_resolution = g_value_get_uint (value);
      break;
    case PROP_MEDIA_KIND:
      s->media_kind = g_value_get_enum (value);
      break;
    case PROP_PLAYLIST:
      s->playlist = g_value_get_boolean (value);
      break;
    case PROP_MAX_ITEMS:
      s->max_items = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
  if (refused != NULL)
    post_refused_rate_limits (self, refused);
}

static void
gst_instagram_src_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (object);
  IgSourceOptions *s = &self->settings;

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_URI:
      g_value_set_string (value, s->uri);
      break;
    case PROP_MAX_HEIGHT:
      g_value_set_int (value, s->max_height);
      break;
    case PROP_MEDIA_INDEX:
      g_value_set_int (value, s->media_index);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, s->user_agent);
      break;
    case PROP_PROXY:
      g_value_set_string (value, s->proxy);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, s->timeout);
      break;
    case PROP_RETRIES:
      g_value_set_int (value, s->retries);
      break;
    case PROP_SSL_STRICT:
      g_value_set_boolean (value, s->ssl_strict);
      break;
    case PROP_COOKIES_FILE:
      g_value_set_string (value, s->cookies_file);
      break;
    case PROP_RATE_LIMITS:
      g_value_take_string (value, ig_rate_limits_to_string (&s->limits));
      break;
    case PROP_RATE_LIMIT_STATE:
      g_value_set_string (value, s->rate_limit_state);
      break;
    case PROP_MAX_WAIT:
      g_value_set_uint (value, s->max_wait);
      break;
    case PROP_API_CLIENT:
      g_value_set_enum (value,
          s->ios_client ? GST_INSTAGRAM_API_CLIENT_IOS
                        : GST_INSTAGRAM_API_CLIENT_WEB);
      break;
    case PROP_DELIVERY:
      g_value_set_enum (value, s->delivery);
      break;
    case PROP_VIDEO_CODEC:
      g_value_set_enum (value, s->video_codec);
      break;
    case PROP_MAX_RESOLUTION:
      g_value_set_uint (value, s->max_resolution);
      break;
    case PROP_MEDIA_KIND:
      g_value_set_enum (value, s->media_kind);
      break;
    case PROP_PLAYLIST:
      g_value_set_boolean (value, s->playlist);
      break;
    case PROP_MAX_ITEMS:
      g_value_set_uint (value, s->max_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

/* ---- life cycle ------------------------------------------------------- */

static void
state_free (GstInstagramSrcState *state)
{
  g_main_context_push_thread_default (state->io_context);
  ig_source_free (state->source);
  g_main_context_pop_thread_default (state->io_context);
  /* What GLib left to finish on our context (a resolver lookup's task
   * completes there, with a source that watches our cancellable), now. */
  while (g_main_context_iteration (state->io_context, FALSE))
    ;
  g_main_context_unref (state->io_context);
  g_free (state->uri);
  g_free (state);
}

static gboolean
gst_instagram_src_start (GstBaseSrc *base)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (base);
  GstInstagramSrcState *state = g_new0 (GstInstagramSrcState, 1);
  IgSourceOptions options;
  GError *error = NULL;
  g_autoptr (GError) refused_uri = NULL;
  g_autoptr (GError) refused_rate_limits = NULL;

  GST_OBJECT_LOCK (self);
  ig_source_options_copy (&options, &self->settings);
  self->size = 0;
  self->seekable = FALSE;
  refused_uri = self->refused_uri ? g_error_copy (self->refused_uri) : NULL;
  refused_rate_limits = g_steal_pointer (&self->refused_rate_limits);
  GST_OBJECT_UNLOCK (self);
  /* What the properties refused before there was a bus to tell. */
  if (refused_rate_limits != NULL)
    post_refused_rate_limits (self, refused_rate_limits);
  if (refused_uri != NULL)
    goto refused;
  state->uri = g_strdup (options.uri);
  state->io_context = g_main_context_new ();
  self->state = state;
  /* No I/O here: the streaming thread resolves the post on its first
   * create(), so state changes never wait for the network. */
  gst_instagram_src_begin_io (self);
  state->source =
      ig_source_new (&options, gst_instagram_src_listener (), self, &error);
  gst_instagram_src_end_io (self);
  ig_source_options_clear (&options);
  if (state->source == NULL)
    goto no_uri;
  state->phase = GST_INSTAGRAM_SRC_PHASE_STARTED;
  return TRUE;

  /* ERRORS */
no_uri : {
  GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND, ("No Instagram URI set."),
      ("%s. Set the uri property to an Instagram post, reel or story URI",
          error->message));
  g_error_free (error);
  g_clear_pointer (&self->state, state_free);
  return FALSE;
}
refused : {
  /* The core's words: what is wrong with the URI, and the forms it takes. */
  gst_element_message_full_with_details (GST_ELEMENT (self),
      GST_MESSAGE_ERROR, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      g_strdup (refused_uri->message),
      g_strdup ("The uri property refused this value when it was set; "
                "set it to an Instagram post, reel or story URI"),
      __FILE__, GST_FUNCTION, __LINE__,
      gst_structure_new ("details", "instagram-error", G_TYPE_INT,
          refused_uri->code, NULL));
  ig_source_options_clear (&options);
  g_free (state);
  return FALSE;
}
}

static gboolean
gst_instagram_src_stop (GstBaseSrc *base)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (base);

  g_clear_pointer (&self->state, state_free);
  return TRUE;
}

/* The cancellable of the current flushing period, with a reference: what
 * create () passes to the core. unlock () cancels it and unlock_stop ()
 * replaces it; it is never reset, since GLib 2.77+ asserts when a
 * cancellable is reset while an operation still watches it (a resolver
 * lookup's task does until its completion runs), and 2.74 leaves that
 * undefined. */
GCancellable *
gst_instagram_src_ref_cancellable (GstInstagramSrc *self)
{
  GCancellable *cancellable;

  GST_OBJECT_LOCK (self);
  cancellable = g_object_ref (self->cancellable);
  GST_OBJECT_UNLOCK (self);
  return cancellable;
}

static gboolean
gst_instagram_src_unlock (GstBaseSrc *base)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (base);
  g_autoptr (GCancellable) cancellable =
      gst_instagram_src_ref_cancellable (self);

  GST_DEBUG_OBJECT (self, "cancelling pending I/O");
  g_cancellable_cancel (cancellable);
  return TRUE;
}

static gboolean
gst_instagram_src_unlock_stop (GstBaseSrc *base)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (base);
  GCancellable *fresh = g_cancellable_new (), *cancelled;

  GST_OBJECT_LOCK (self);
  cancelled = self->cancellable;
  self->cancellable = fresh;
  GST_OBJECT_UNLOCK (self);
  g_object_unref (cancelled);
  return TRUE;
}

/* ---- seeking and size ------------------------------------------------- */

static gboolean
gst_instagram_src_is_seekable (GstBaseSrc *base)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (base);
  gboolean seekable;

  GST_OBJECT_LOCK (self);
  seekable = self->seekable;
  GST_OBJECT_UNLOCK (self);
  return seekable;
}

static gboolean
gst_instagram_src_get_size (GstBaseSrc *base, guint64 *size)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (base);
  gboolean known;

  GST_OBJECT_LOCK (self);
  known = self->size > 0;
  *size = self->size;
  GST_OBJECT_UNLOCK (self);
  return known;
}

/* Called with the stream lock held, so create() is not running. */
static gboolean
gst_instagram_src_do_seek (GstBaseSrc *base, GstSegment *segment)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (base);
  GstInstagramSrcState *state = self->state;
  gboolean sought;

  if (segment->format != GST_FORMAT_BYTES || segment->rate < 0 || !state)
    return FALSE;
  if (segment->start == state->offset)
    return TRUE;
  if (!gst_instagram_src_is_seekable (base))
    return FALSE;
  gst_instagram_src_begin_io (self);
  sought = ig_source_seek (state->source, segment->start);
  gst_instagram_src_end_io (self);
  if (!sought)
    return FALSE;
  GST_DEBUG_OBJECT (self, "seek to byte %" G_GUINT64_FORMAT, segment->start);
  state->offset = segment->start;
  return TRUE;
}

/* Like souphttpsrc: a network source, so uridecodebin buffers it. */
static gboolean
gst_instagram_src_query (GstBaseSrc *base, GstQuery *query)
{
  gboolean ret = GST_BASE_SRC_CLASS (parent_class)->query (base, query);

  if (ret && GST_QUERY_TYPE (query) == GST_QUERY_SCHEDULING) {
    GstSchedulingFlags flags;
    gint minsize, maxsize, align;

    gst_query_parse_scheduling (query, &flags, &minsize, &maxsize, &align);
    gst_query_set_scheduling (query,
        flags | GST_SCHEDULING_FLAG_BANDWIDTH_LIMITED, minsize, maxsize, align);
  }
  return ret;
}

/* ---- streaming -------------------------------------------------------- */

/* Every call of the core runs with the state's own context as the thread
 * default (libsoup completes a message on the context it was sent on):
 * what GLib completes through a context (a resolver lookup's task) then
 * waits there and is finished at stop (), instead of on the application's
 * default context, which a player may never iterate while the task
 * watches our cancellable. */
void
gst_instagram_src_begin_io (GstInstagramSrc *self)
{
  g_main_context_push_thread_default (self->state->io_context);
}

void
gst_instagram_src_end_io (GstInstagramSrc *self)
{
  g_main_context_pop_thread_default (self->state->io_context);
}

static gssize
read_block (GstInstagramSrc *self, guint8 *data, gsize size, GError **error)
{
  g_autoptr (GCancellable) cancellable =
      gst_instagram_src_ref_cancellable (self);
  gssize n;

  gst_instagram_src_begin_io (self);
  n = ig_source_read (self->state->source, data, size, cancellable, error);
  gst_instagram_src_end_io (self);
  return n;
}

static GstFlowReturn
gst_instagram_src_create (GstPushSrc *psrc, GstBuffer **outbuf)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (psrc);
  GstInstagramSrcState *state = self->state;
  guint blocksize = gst_base_src_get_blocksize (GST_BASE_SRC (psrc));
  GstFlowReturn ret;
  GstBuffer *buf;
  GstMapInfo map;
  GError *error = NULL;
  gssize n;

  if (state->phase == GST_INSTAGRAM_SRC_PHASE_STARTED
      && (ret = gst_instagram_src_open (self)) != GST_FLOW_OK)
    return ret;
  buf = gst_buffer_new_allocate (NULL, blocksize, NULL);
  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  n = read_block (self, map.data, blocksize, &error);
  gst_buffer_unmap (buf, &map);
  if (n <= 0) {
    gst_buffer_unref (buf);
    return n == 0 ? GST_FLOW_EOS : gst_instagram_src_fail (self, error);
  }
  gst_buffer_resize (buf, 0, n);
  GST_BUFFER_OFFSET (buf) = state->offset;
  GST_BUFFER_OFFSET_END (buf) = state->offset + n;
  state->offset += n;
  gst_instagram_src_publish_found_caps (self, buf);
  *outbuf = buf;
  return GST_FLOW_OK;
}

/* ---- GObject ---------------------------------------------------------- */

static void
gst_instagram_src_init (GstInstagramSrc *self)
{
  ig_source_options_init (&self->settings);
  self->cancellable = g_cancellable_new ();
  gst_base_src_set_blocksize (GST_BASE_SRC (self), DEFAULT_BLOCKSIZE);
}

static void
gst_instagram_src_finalize (GObject *object)
{
  GstInstagramSrc *self = GST_INSTAGRAM_SRC (object);

  ig_source_options_clear (&self->settings);
  g_clear_error (&self->refused_uri);
  g_clear_error (&self->refused_rate_limits);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

#define PARAM_FLAGS \
  (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY)

static void
install_properties (GObjectClass *gobject_class)
{
  g_object_class_install_property (gobject_class, PROP_URI,
      g_param_spec_string ("uri", "URI",
          "Instagram post, reel or story URI: https://www.instagram.com/p/SC/,"
          " /reel/SC/, /reels/SC/, /tv/SC/, /USER/p/SC/, ?img_index=N, "
          "instagram://p/SC, instagram://reel/SC, instagram://media?id=PK",
          NULL, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_MAX_HEIGHT,
      g_param_spec_int ("max-height", "Maximum height",
          "Stream the largest version not taller than this many pixels, "
          "literally: on a portrait reel (1080x1920, 720x1280, 480x854) "
          "max-height=720 gives 480x854; see max-resolution for \"720p\" "
          "(0 = the largest; when every version is taller, the smallest)",
          0, G_MAXINT, IG_SOURCE_DEFAULT_MAX_HEIGHT, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_MAX_RESOLUTION,
      g_param_spec_uint ("max-resolution", "Maximum resolution",
          "Stream the largest version whose shorter side is at most this "
          "many pixels, as Instagram and yt-dlp name qualities: on a "
          "portrait reel (1080x1920, 720x1280, 480x854) max-resolution=720 "
          "gives the 720x1280 \"720p\" version. For progressive files, DASH "
          "representations, images and covers; with max-height, both apply "
          "(0 = no limit; when no version fits, the smallest)",
          0, G_MAXUINT, IG_SOURCE_DEFAULT_MAX_RESOLUTION, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_MEDIA_INDEX,
      g_param_spec_int ("media-index", "Media index",
          "0-based carousel item to stream (-1 = the item the URI names "
          "with ?img_index=N, else the first)",
          -1, G_MAXINT, IG_SOURCE_DEFAULT_MEDIA_INDEX, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_USER_AGENT,
      g_param_spec_string ("user-agent", "User-Agent",
          "User-Agent for every request (NULL = a desktop browser's for the "
          "API, \"" IG_MEDIA_DEFAULT_USER_AGENT "\" for the CDN)",
          NULL, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_PROXY,
      g_param_spec_string ("proxy", "Proxy",
          "HTTP proxy URI, e.g. http://proxy:3128 (NULL = the environment's "
          "proxy settings)",
          NULL, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_TIMEOUT,
      g_param_spec_uint ("timeout", "Timeout",
          "Seconds a request may wait for the network; a media body that "
          "brings fewer than 1024 bytes in that time has stalled and is "
          "resumed within retries (0 = no limit)",
          0, 3600, IG_SOURCE_DEFAULT_TIMEOUT, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_RETRIES,
      g_param_spec_int ("retries", "Retries",
          "How many times a dropped media connection is resumed in a row "
          "without progress, and an API request is resent after a 5xx, 429 "
          "or 401 \"Please wait\" answer (-1 = no limit for the media, 10 "
          "for the API)",
          -1, G_MAXINT, IG_SOURCE_DEFAULT_RETRIES, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_SSL_STRICT,
      g_param_spec_boolean ("ssl-strict", "SSL strict",
          "Refuse TLS certificates that do not verify (as souphttpsrc's "
          "ssl-strict; only turn off for test servers)",
          IG_SOURCE_DEFAULT_SSL_STRICT, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_COOKIES_FILE,
      g_param_spec_string ("cookies-file", "Cookies file",
          "Netscape/Mozilla cookies.txt of a browser logged in to Instagram "
          "(as used by yt-dlp and gallery-dl); only its instagram.com "
          "cookies are used, only on Instagram's hosts, and it is never "
          "written",
          NULL, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_RATE_LIMITS,
      g_param_spec_string ("rate-limits", "Rate limits",
          "Request budget shared by every instagramsrc of the user, as "
          "graphql=N/S,graphql-total=N/S,mobile=N/S,other=N/S,jitter=A-B (N "
          "requests per S seconds; jitter: random seconds between two "
          "resolutions, whose own requests go back to back); keys left out "
          "keep their default; \"off\" disables limiting. Default, "
          "anonymous: graphql=200/660,graphql-total=275/600,mobile=199/1800,"
          "other=75/660,jitter=0.5-1.5; with cookies-file or session-id: "
          "graphql=100/600,graphql-total=150/600,mobile=100/1800 (safer for "
          "the account), the rest as anonymous. GST_INSTAGRAM_RATE_LIMITS "
          "(same syntax) applies when this is unset",
          NULL, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_RATE_LIMIT_STATE,
      g_param_spec_string ("rate-limit-state", "Rate limit state",
          "File that shares the request budget between processes; the "
          "resolver cache (the anonymous bootstrap, how strategies fared; "
          "never a session) is the file \"resolver\" beside it (NULL = "
          "rate-limit in $GST_INSTAGRAM_CACHE_DIR, else "
          "$XDG_CACHE_HOME/gst-instagram; \"\" = both in this process only)",
          NULL, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_MAX_WAIT,
      g_param_spec_uint ("max-wait", "Maximum wait",
          "Longest wait in seconds for the rate limit before a request; "
          "longer ones fail at once with a BUSY error",
          0, G_MAXUINT, IG_SOURCE_DEFAULT_MAX_WAIT, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_API_CLIENT,
      g_param_spec_enum ("api-client", "API client",
          "Which app the logged-in REST API (media info, stories) is asked "
          "as: the web app on www.instagram.com, or the iOS app on "
          "i.instagram.com (GST_INSTAGRAM_MOBILE_BASE)",
          GST_TYPE_INSTAGRAM_API_CLIENT, GST_INSTAGRAM_API_CLIENT_WEB,
          PARAM_FLAGS));
  gst_type_mark_as_plugin_api (GST_TYPE_INSTAGRAM_API_CLIENT, 0);
  g_object_class_install_property (gobject_class, PROP_DELIVERY,
      g_param_spec_enum ("delivery", "Delivery",
          "What a video item is streamed as: the progressive MP4 (video and "
          "audio in one file, often capped at 720p; works with qtdemux), "
          "Instagram's DASH manifest with the best video and audio "
          "representations (caps application/dash+xml, for decodebin, "
          "playbin, playbin3; falls back to progressive when the post has "
          "none), or auto (DASH when its video is larger and this machine "
          "decodes its video and audio). Images are "
          "always the image",
          GST_TYPE_INSTAGRAM_DELIVERY, IG_SOURCE_DEFAULT_DELIVERY,
          PARAM_FLAGS));
  gst_type_mark_as_plugin_api (GST_TYPE_INSTAGRAM_DELIVERY, 0);
  g_object_class_install_property (gobject_class, PROP_VIDEO_CODEC,
      g_param_spec_enum ("video-codec", "Video codec",
          "Preferred codec of the DASH video representation (within "
          "max-height); when the manifest offers none in that codec, the "
          "best of any codec",
          GST_TYPE_INSTAGRAM_VIDEO_CODEC, IG_SOURCE_DEFAULT_VIDEO_CODEC,
          PARAM_FLAGS));
  gst_type_mark_as_plugin_api (GST_TYPE_INSTAGRAM_VIDEO_CODEC, 0);
  g_object_class_install_property (gobject_class, PROP_MEDIA_KIND,
      g_param_spec_enum ("media-kind", "Media kind",
          "What of a video item to stream: auto (the video, as delivery "
          "says; an image item's image), audio (its separate audio file, "
          "the DASH audio representation: an audio-only MP4 for qtdemux, "
          "byte for byte, seekable; NOT_FOUND when the item has none) or "
          "cover (its largest cover image within max-resolution and "
          "max-height, JPEG)",
          GST_TYPE_INSTAGRAM_MEDIA_KIND, IG_SOURCE_DEFAULT_MEDIA_KIND,
          PARAM_FLAGS));
  gst_type_mark_as_plugin_api (GST_TYPE_INSTAGRAM_MEDIA_KIND, 0);
  g_object_class_install_property (gobject_class, PROP_PLAYLIST,
      g_param_spec_boolean ("playlist", "Playlist",
          "A whole story, a whole highlight or a carousel as a text/uri-list "
          "of its items' URIs (each streams that item through instagramsrc) "
          "instead of one item; profiles and reels tabs are always lists",
          IG_SOURCE_DEFAULT_PLAYLIST, PARAM_FLAGS));
  g_object_class_install_property (gobject_class, PROP_MAX_ITEMS,
      g_param_spec_uint ("max-items", "Max items",
          "The most entries of a list (0: no limit but Instagram's)", 0,
          IG_PLAYLIST_MAX_ENTRIES, IG_SOURCE_DEFAULT_MAX_ITEMS, PARAM_FLAGS));
  /* Write-only, so that neither get_property nor deep-notify (gst-launch
   * -v) can show the secret. */
  g_object_class_install_property (gobject_class, PROP_SESSION_ID,
      g_param_spec_string ("session-id", "Session id",
          "Value of the sessionid cookie of a browser logged in to Instagram "
          "(wins over the one in cookies-file); write-only, never logged",
          NULL,
          G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
}

static void
gst_instagram_src_class_init (GstInstagramSrcClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSrcClass *basesrc_class = GST_BASE_SRC_CLASS (klass);
  GstPushSrcClass *pushsrc_class = GST_PUSH_SRC_CLASS (klass);

  gobject_class->set_property = gst_instagram_src_set_property;
  gobject_class->get_property = gst_instagram_src_get_property;
  gobject_class->finalize = gst_instagram_src_finalize;
  install_properties (gobject_class);

  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Instagram source",
      "Source/Network",
      "Streams the media of an Instagram post, reel or carousel item",
      "The gst-instagram authors");

  basesrc_class->start = GST_DEBUG_FUNCPTR (gst_instagram_src_start);
  basesrc_class->stop = GST_DEBUG_FUNCPTR (gst_instagram_src_stop);
  basesrc_class->unlock = GST_DEBUG_FUNCPTR (gst_instagram_src_unlock);
  basesrc_class->unlock_stop =
      GST_DEBUG_FUNCPTR (gst_instagram_src_unlock_stop);
  basesrc_class->is_seekable =
      GST_DEBUG_FUNCPTR (gst_instagram_src_is_seekable);
  basesrc_class->get_size = GST_DEBUG_FUNCPTR (gst_instagram_src_get_size);
  basesrc_class->do_seek = GST_DEBUG_FUNCPTR (gst_instagram_src_do_seek);
  basesrc_class->query = GST_DEBUG_FUNCPTR (gst_instagram_src_query);
  pushsrc_class->create = GST_DEBUG_FUNCPTR (gst_instagram_src_create);
}

static gboolean
instagramsrc_element_init (GstPlugin *plugin)
{
  GST_DEBUG_CATEGORY_INIT (gst_instagram_src_debug, "instagramsrc", 0,
      "Instagram source");
  /* Above souphttpsrc (PRIMARY): set_uri refuses non-Instagram URIs, so
   * every other https URI still falls through to souphttpsrc. */
  return gst_element_register (plugin, "instagramsrc", GST_RANK_PRIMARY + 1,
      GST_TYPE_INSTAGRAM_SRC);
}

GST_ELEMENT_REGISTER_DEFINE_CUSTOM (instagramsrc, instagramsrc_element_init);
