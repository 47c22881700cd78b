/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-source.h"

#include "ig-api.h"
#include "ig-cookies.h"
#include "ig-error.h"
#include "ig-media-reader.h"
#include "ig-profile.h"
#include "ig-quality.h"
#include "ig-resolver.h"
#include "ig-share.h"
#include "ig-shared-resolution.h"
#include "ig-uri.h"

#include <string.h>

struct _IgSource
{
  IgSourceOptions options; /* environment defaults applied */
  IgMediaRef *ref;
  IgConfig *config;
  IgSourceListener listener;
  gpointer data;
  IgEventSink sink; /* listener.events and data, for the ig_events_* calls */
  IgRateLimiter *limiter; /* shared, never freed; NULL: limiting off */
  IgResolverCache *cache; /* shared, never freed */
  IgDelivery delivery; /* what was streamed: renewals keep it */
  IgPost *post;
  guint index;
  IgDeliveryChoice choice; /* borrows from post */
  IgMediaReader *reader; /* progressive file */
  GBytes *manifest; /* DASH: the MPD served from memory; or the list */
  gboolean listed; /* manifest is a text/uri-list */
  guint64 position;
  gboolean renewed; /* the CDN URL was renewed once already */
  gboolean warned_no_session; /* the cookies file had none: said once */
};

static void
report_warnings (IgSource *source, GPtrArray *warnings)
{
  guint i;

  for (i = 0; i < warnings->len; i++) {
    GError *warning = g_error_copy (g_ptr_array_index (warnings, i));

    ig_events_warn (&source->sink, &warning);
  }
}

/* Where the rate-limit state lives; the resolver cache sits beside it. */
static char *
state_path (const IgSourceOptions *options)
{
  const char *dir = g_getenv (IG_ENV_CACHE_DIR);

  if (options->rate_limit_state != NULL)
    return g_strdup (options->rate_limit_state);
  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "rate-limit", NULL);
  return ig_rate_state_default_path ();
}

static void
attach_shared_state (IgSource *source)
{
  g_autofree char *path = state_path (&source->options);
  g_autofree char *dir = NULL;
  g_autofree char *cache = NULL;

  if (!source->options.limits.off)
    source->limiter = ig_rate_limiter_get_default (path);
  if (*path == '\0') { /* this process only, the cache too */
    source->cache = ig_resolver_cache_get_default (NULL);
    return;
  }
  dir = g_path_get_dirname (path);
  cache = g_build_filename (dir, "resolver", NULL);
  source->cache = ig_resolver_cache_get_default (cache);
}

IgSource *
ig_source_new (const IgSourceOptions *options, const IgSourceListener *listener,
    gpointer data, GError **error)
{
  g_autoptr (GPtrArray) warnings = NULL;
  IgMediaRef *ref = NULL;
  IgSource *source;

  if (options->uri == NULL)
    goto no_uri;
  if ((ref = ig_media_ref_parse (options->uri, error)) == NULL)
    return NULL;
  source = g_new0 (IgSource, 1);
  source->ref = ref;
  source->listener = *listener;
  source->data = data;
  source->sink = (IgEventSink){ &source->listener.events, data };
  ig_source_options_copy (&source->options, options);
  warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  ig_source_options_apply_env (&source->options, warnings);
  source->config = ig_config_new_from_env (warnings);
  report_warnings (source, warnings);
  attach_shared_state (source);
  source->delivery = source->options.delivery;
  return source;

  /* ERRORS */
no_uri:
  g_set_error_literal (error, IG_ERROR, IG_ERROR_BAD_URI,
      "No Instagram URI set");
  return NULL;
}

void
ig_source_free (IgSource *source)
{
  if (source == NULL)
    return;
  ig_media_reader_free (source->reader);
  g_clear_pointer (&source->manifest, g_bytes_unref);
  ig_delivery_choice_clear (&source->choice);
  g_clear_pointer (&source->post, ig_post_free);
  ig_config_free (source->config);
  ig_media_ref_free (source->ref);
  ig_source_options_clear (&source->options);
  g_free (source);
}

static IgHttpOptions
http_options (const IgSource *source)
{
  return (IgHttpOptions){
    .proxy = source->options.proxy,
    .timeout_s = source->options.timeout,
    .ssl_strict = source->options.ssl_strict,
  };
}

static guint
api_retries (const IgSource *source)
{
  return source->options.retries < 0 ? IG_SOURCE_UNLIMITED_API_RETRIES
                                     : (guint) source->options.retries;
}

static IgApi *
api_new (IgSource *source)
{
  IgApiOptions options = {
    .config = source->config,
    .http = http_options (source),
    .user_agent = source->options.user_agent,
    .ios_client = source->options.ios_client,
    .rate = {
      .limiter = source->limiter,
      .limits = source->options.limits,
      .max_wait = source->options.max_wait,
      .retries = api_retries (source),
    },
    .sink = source->sink,
  };

  return ig_api_new (&options);
}

/* A cookies file without a session is a mistake worth a word (once):
 * another export format, or a browser not logged in. */
static void
check_session (IgSource *source, IgApi *api)
{
  GError *warning;

  if (source->options.session_id != NULL || ig_api_has_session (api)
      || source->warned_no_session)
    return;
  source->warned_no_session = TRUE;
  warning = g_error_new (IG_ERROR, IG_ERROR_SETTINGS,
      "cookies-file %s has no Instagram sessionid cookie (is it a "
      "Netscape cookies.txt of a browser logged in to Instagram?); going on "
      "without a session",
      source->options.cookies_file);
  ig_events_warn (&source->sink, &warning);
}

/* Puts the user's cookies in the API session's jar (never the CDN's). */
static gboolean
load_session (IgSource *source, IgApi *api, GError **error)
{
  const IgSourceOptions *o = &source->options;

  if (o->cookies_file == NULL && o->session_id == NULL)
    return TRUE;
  if (ig_cookies_load (ig_api_get_cookie_jar (api), source->config->www_base,
          o->cookies_file, o->session_id, error)
      < 0)
    return FALSE;
  check_session (source, api);
  return TRUE;
}

/* Says which of the user's settings held the refused session, and what to
 * do; the library's account stays below the first line. */
static void
name_refused_session (IgSource *source, GError *error)
{
  const IgSourceOptions *o = &source->options;
  char *message;

  if (!g_error_matches (error, IG_ERROR, IG_ERROR_SESSION_REFUSED))
    return;
  message = o->session_id != NULL
      ? g_strdup_printf ("Instagram refused the session-id: log in to "
                         "Instagram again in a browser and copy its new "
                         "sessionid cookie\n%s",
          error->message)
      : g_strdup_printf ("Instagram refused the session in cookies-file %s: "
                         "log in to Instagram again in a browser and export "
                         "its cookies again\n%s",
          o->cookies_file, error->message);
  g_free (error->message);
  error->message = message;
}

/* One resolution through a fresh API session, freed before any media
 * I/O. It reads the resolver cache once and writes it once. */
static IgPost *
resolve (IgSource *source, GCancellable *cancellable, GError **error)
{
  IgApi *api = api_new (source);
  IgResolverCache *view = ig_resolver_cache_begin (source->cache);
  IgPost *post = NULL;
  GError *warning = NULL;

  if (load_session (source, api, error))
    post = ig_resolve (api, view, source->ref, cancellable, error);
  if (post == NULL && error != NULL && *error != NULL)
    name_refused_session (source, *error);
  ig_api_free (api);
  ig_resolver_cache_commit (view, &warning);
  ig_events_warn (&source->sink, &warning);
  return post;
}

static IgPost *
resolve_func (gpointer data, GCancellable *cancellable, GError **error)
{
  return resolve (data, cancellable, error);
}

/* Anonymous resolutions of the same post by elements of this process
 * share one set of requests; logged-in ones (other cookies, other
 * answers) do not. */
static IgPost *
resolve_shared (IgSource *source, GCancellable *cancellable, GError **error)
{
  const IgSourceOptions *o = &source->options;
  g_autofree char *permalink = NULL;
  g_autofree char *key = NULL;

  if (o->cookies_file != NULL || o->session_id != NULL)
    return resolve (source, cancellable, error);
  permalink = ig_media_ref_to_permalink (source->ref);
  key = g_strdup_printf ("%s %s ua=%s proxy=%s", source->config->www_base,
      permalink, o->user_agent ? o->user_agent : "", o->proxy ? o->proxy : "");
  return ig_shared_resolution_run (key, resolve_func, source, cancellable,
      error);
}

/* The item the URI names: ?img_index=N, or a story item's pk (-1 when the
 * story no longer has it). */
static gint
uri_item_index (const IgSource *source, const IgPost *post)
{
  if (source->ref->kind == IG_REF_STORY_ITEM
      || (source->ref->kind == IG_REF_HIGHLIGHT && source->ref->media_pk != 0))
    return ig_post_find_item (post, source->ref->media_pk);
  return source->ref->item_index;
}

/* The one choice of item and file, for the first open and for a renewal. */
static gboolean
choose (IgSource *source, const IgPost *post, IgDeliveryChoice *choice,
    guint *index, GError **error)
{
  const IgSourceOptions *o = &source->options;
  gint uri_index = uri_item_index (source, post);
  IgDecoders decoders = { source->listener.can_decode, source->data };
  IgDeliveryPrefs prefs = {
    .mode = source->delivery,
    .kind = o->media_kind,
    .cap = { .max_height = o->max_height, .max_resolution = o->max_resolution },
    .codec = o->video_codec,
    .decoders = &decoders,
  };
  const IgItem *item;

  if (uri_index < 0 && o->media_index < 0
      && (source->ref->kind == IG_REF_STORY_ITEM
          || (source->ref->kind == IG_REF_HIGHLIGHT
              && source->ref->media_pk != 0)))
    goto expired;
  item = ig_post_pick_item (post, o->media_index, uri_index, index, error);
  return item != NULL && ig_delivery_choose (item, &prefs, choice, error);

  /* ERRORS */
expired:
  g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
      "the story item %" G_GUINT64_FORMAT " has expired or never existed",
      source->ref->media_pk);
  return FALSE;
}

static const char *
cdn_user_agent (const IgSource *source)
{
  return source->options.user_agent != NULL ? source->options.user_agent
                                            : IG_MEDIA_DEFAULT_USER_AGENT;
}

static void
announce (IgSource *source)
{
  g_autofree char *permalink = ig_media_ref_to_permalink (source->ref);
  IgSourceMedia media = {
    .uri = source->options.uri,
    .permalink = permalink,
    .post = source->post,
    .index = source->index,
    .choice = &source->choice,
  };

  if (source->listener.media_chosen != NULL)
    source->listener.media_chosen (source->data, &media);
  /* media no decoder here plays: said once, not again on a renewal */
  if (source->choice.warning != NULL)
    ig_events_warn (&source->sink, &source->choice.warning);
}

/* A renewal: the post resolved again, the same item chosen the same way,
 * its new URL read from the same position. */
static gboolean
renew (IgSource *source, GCancellable *cancellable, GError **error)
{
  g_autoptr (IgPost) post = NULL;
  IgDeliveryChoice choice = { 0 };
  guint index;

  ig_events_progress (&source->sink, IG_PROGRESS_RENEW,
      "The media URL expired or was refused: resolving the post again");
  post = resolve_shared (source, cancellable, error);
  if (post == NULL || !choose (source, post, &choice, &index, error))
    goto failed;
  if (choice.url == NULL || index != source->index)
    goto changed;
  ig_media_reader_set_url (source->reader, choice.url);
  ig_delivery_choice_clear (&source->choice);
  source->choice = choice;
  g_clear_pointer (&source->post, ig_post_free);
  source->post = g_steal_pointer (&post);
  return TRUE;

  /* ERRORS */
changed:
  g_set_error (error, IG_ERROR, IG_ERROR_MEDIA_REFUSED,
      "the CDN refused the media URL, and the post resolved again no longer "
      "offers the same file");
failed:
  ig_delivery_choice_clear (&choice);
  return FALSE;
}

/* One reader operation: open at the position when @buf is NULL, else a
 * read. */
static gssize
reader_step (IgSource *source, guint8 *buf, gsize len,
    GCancellable *cancellable, GError **error)
{
  if (buf == NULL)
    return ig_media_reader_open (source->reader, source->position, cancellable,
               error)
        ? 0
        : -1;
  return ig_media_reader_read (source->reader, buf, len, cancellable, error);
}

/* The renewal rule, in one place: a URL the CDN refuses (expired while we
 * resolved, expired mid-stream, or revoked) is renewed once per source. */
static gssize
media_io (IgSource *source, guint8 *buf, gsize len, GCancellable *cancellable,
    GError **error)
{
  GError *local = NULL;
  gssize n = reader_step (source, buf, len, cancellable, &local);

  if (n >= 0 || source->renewed
      || !g_error_matches (local, IG_ERROR, IG_ERROR_MEDIA_REFUSED)) {
    if (local != NULL)
      g_propagate_error (error, local);
    return n;
  }
  g_clear_error (&local);
  source->renewed = TRUE;
  if (!renew (source, cancellable, error))
    return -1;
  return reader_step (source, buf, len, cancellable, error);
}

/* One file by Range: a progressive MP4, an image, a cover or the DASH
 * audio file. */
static gboolean
open_file (IgSource *source, GCancellable *cancellable, GError **error)
{
  IgHttpOptions http = http_options (source);

  source->delivery = IG_DELIVERY_PROGRESSIVE;
  source->reader = ig_media_reader_new (source->choice.url,
      cdn_user_agent (source), source->options.retries, &http);
  return media_io (source, NULL, 0, cancellable, error) == 0;
}

/* Two small CDN requests that let demuxers seek by subsegment; the
 * manifest is then served from memory. */
static gboolean
open_manifest (IgSource *source, GCancellable *cancellable, GError **error)
{
  IgHttpOptions http = http_options (source);

  if (!ig_delivery_prepare_dash (&source->choice, cdn_user_agent (source),
          &http, cancellable, error))
    return FALSE;
  source->manifest = g_bytes_ref (source->choice.manifest);
  return TRUE;
}

gboolean
ig_source_is_list (IgSource *source)
{
  const IgMediaRef *ref = source->ref;

  if (ig_media_ref_is_list (ref))
    return TRUE;
  if (!source->options.playlist)
    return FALSE;
  switch (ref->kind) {
    case IG_REF_STORY_USER:
      return TRUE;
    case IG_REF_HIGHLIGHT:
      return ref->media_pk == 0;
    case IG_REF_POST:
    case IG_REF_MEDIA_ID:
      return ref->item_index < 0;
    default:
      return FALSE;
  }
}

/* A profile or reels tab through a fresh API session, freed before the
 * list is served. */
static IgPlaylist *
list_profile (IgSource *source, GCancellable *cancellable, GError **error)
{
  IgApi *api = api_new (source);
  IgPlaylist *list = NULL;

  if (load_session (source, api, error))
    list = ig_profile_list (api, source->ref, source->options.uri,
        source->options.max_items, cancellable, error);
  ig_api_free (api);
  return list;
}

/* A carousel, story or highlight: resolved as for streaming one item
 * (shared resolution, resolver cache), then its items listed. */
static IgPlaylist *
list_post (IgSource *source, GCancellable *cancellable, GError **error)
{
  IgPlaylist *list;

  source->post = resolve_shared (source, cancellable, error);
  if (source->post == NULL)
    return NULL;
  list = ig_playlist_new (source->options.uri, source->options.max_items);
  ig_playlist_add_post_items (list, source->ref, source->post);
  return list;
}

static gboolean
open_list (IgSource *source, GCancellable *cancellable, GError **error)
{
  g_autoptr (IgPlaylist) list = ig_media_ref_is_list (source->ref)
      ? list_profile (source, cancellable, error)
      : list_post (source, cancellable, error);

  if (list == NULL)
    return FALSE;
  ig_events_log (&source->sink, IG_LOG_DEBUG,
      "listed %u entries, complete %d%s%s", list->entries->len, list->complete,
      list->reason ? ": " : "", list->reason ? list->reason : "");
  source->manifest = ig_playlist_render (list);
  source->listed = TRUE;
  if (source->listener.playlist_chosen != NULL)
    source->listener.playlist_chosen (source->data, list);
  return TRUE;
}

static gboolean
open_chosen (IgSource *source, GCancellable *cancellable, GError **error)
{
  source->post = resolve_shared (source, cancellable, error);
  if (source->post == NULL
      || !choose (source, source->post, &source->choice, &source->index, error))
    return FALSE;
  if (source->choice.video != NULL) {
    if (!open_manifest (source, cancellable, error))
      return FALSE;
    announce (source);
    return TRUE;
  }
  announce (source);
  return open_file (source, cancellable, error);
}

/* A share link becomes what it names, once, anonymously. */
static gboolean
follow_share (IgSource *source, GCancellable *cancellable, GError **error)
{
  IgApi *api;
  IgMediaRef *target;

  if (source->ref->kind != IG_REF_SHARE)
    return TRUE;
  ig_events_progress (&source->sink, IG_PROGRESS_STEP,
      "Following the share link");
  api = api_new (source);
  target =
      ig_share_follow (api, source->cache, source->ref, cancellable, error);
  ig_api_free (api);
  if (target == NULL)
    return FALSE;
  ig_media_ref_free (source->ref);
  source->ref = target;
  return TRUE;
}

gboolean
ig_source_open (IgSource *source, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (source->post == NULL, FALSE);

  ig_events_progress (&source->sink, IG_PROGRESS_START, "Resolving %s",
      source->options.uri);
  if (!follow_share (source, cancellable, error)) {
    ig_events_progress (&source->sink, IG_PROGRESS_FAILED,
        "Could not follow %s", source->options.uri);
    return FALSE;
  }
  if (ig_source_is_list (source)) {
    if (!open_list (source, cancellable, error)) {
      ig_events_progress (&source->sink, IG_PROGRESS_FAILED,
          "Could not list %s", source->options.uri);
      return FALSE;
    }
    ig_events_progress (&source->sink, IG_PROGRESS_DONE, "Listed %s",
        source->options.uri);
    return TRUE;
  }
  if (!open_chosen (source, cancellable, error)) {
    ig_events_progress (&source->sink, IG_PROGRESS_FAILED,
        "Could not resolve %s", source->options.uri);
    return FALSE;
  }
  ig_events_progress (&source->sink, IG_PROGRESS_DONE,
      "Resolved: item %u of %u, %s", source->index + 1,
      source->post->items->len, source->choice.note);
  return TRUE;
}

static gssize
read_manifest (IgSource *source, guint8 *buf, gsize len)
{
  gsize size;
  const guint8 *manifest = g_bytes_get_data (source->manifest, &size);

  if (source->position >= size)
    return 0;
  len = MIN (len, size - source->position);
  memcpy (buf, manifest + source->position, len);
  return (gssize) len;
}

gssize
ig_source_read (IgSource *source, guint8 *buf, gsize len,
    GCancellable *cancellable, GError **error)
{
  gssize n;

  g_return_val_if_fail (source->reader != NULL || source->manifest != NULL, -1);
  if (source->manifest != NULL)
    n = read_manifest (source, buf, len);
  else
    n = media_io (source, buf, len, cancellable, error);
  if (n > 0)
    source->position += n;
  return n;
}

gboolean
ig_source_seek (IgSource *source, guint64 offset)
{
  if (offset == source->position)
    return TRUE;
  if (source->post != NULL && !ig_source_is_seekable (source))
    return FALSE;
  source->position = offset;
  if (source->reader != NULL)
    ig_media_reader_seek (source->reader, offset);
  return TRUE;
}

gboolean
ig_source_get_size (IgSource *source, guint64 *size)
{
  if (source->manifest != NULL) {
    *size = g_bytes_get_size (source->manifest);
    return TRUE;
  }
  return source->reader != NULL
      && ig_media_reader_get_size (source->reader, size);
}

gboolean
ig_source_is_seekable (IgSource *source)
{
  if (source->manifest != NULL)
    return TRUE;
  return source->reader != NULL && ig_media_reader_is_seekable (source->reader);
}

/* MP4 is what qtdemux expects; the DASH audio file is an audio-only MP4
 * (the CDN calls every MP4 video/mp4); anything else is named by its
 * Content-Type, or left to the bytes when the CDN says nothing useful. */
const char *
ig_source_get_media_type (IgSource *source)
{
  const IgItem *item;
  const char *type;

  if (source->listed)
    return "text/uri-list";
  if (source->manifest != NULL)
    return "application/dash+xml";
  if (source->reader == NULL)
    return NULL;
  item = g_ptr_array_index (source->post->items, source->index);
  type = ig_media_reader_get_content_type (source->reader);
  if (source->choice.kind == IG_MEDIA_KIND_AUDIO
      && (type == NULL || g_str_has_prefix (type, "audio/")
          || g_str_has_prefix (type, "video/")))
    return "audio/mp4";
  if (type == NULL)
    return item->type == IG_MEDIA_VIDEO
            && source->choice.kind != IG_MEDIA_KIND_COVER
        ? "video/mp4"
        : "image/jpeg";
  if (g_str_has_prefix (type, "application/")
      || g_str_has_prefix (type, "text/"))
    return NULL;
  return type;
}
