/* gst-instagram tests: the fake Instagram's server thread, routing, request
 * log and test knobs.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

#include <string.h>

#define DEFAULT_CDN_EXPIRY (3 * 24 * 3600)
#define SERIAL_KEY "fake-instagram-serial"

/* ---- request log ---------------------------------------------------- */

void
fake_request_free (FakeRequest *req)
{
  if (req == NULL)
    return;
  g_free (req->method);
  g_free (req->path);
  g_free (req->query);
  g_free (req->range);
  g_free (req->cookie);
  g_clear_pointer (&req->headers, soup_message_headers_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req);
}

static SoupMessageHeaders *
copy_headers (SoupMessageHeaders *from)
{
  SoupMessageHeaders *to =
      soup_message_headers_new (soup_message_headers_get_headers_type (from));
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, from);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (to, name, value);
  return to;
}

static FakeRequest *
request_copy (const FakeRequest *req)
{
  FakeRequest *copy = g_new0 (FakeRequest, 1);

  copy->method = g_strdup (req->method);
  copy->path = g_strdup (req->path);
  copy->query = g_strdup (req->query);
  copy->range = g_strdup (req->range);
  copy->cookie = g_strdup (req->cookie);
  copy->headers = copy_headers (req->headers);
  copy->body = g_bytes_ref (req->body);
  copy->status = req->status;
  copy->time_us = req->time_us;
  return copy;
}

static void wrote_headers (SoupServerMessage *msg, gpointer data);

static void
log_request (FakeInstagram *fi, SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  FakeRequest *req = g_new0 (FakeRequest, 1);
  guint serial;

  req->method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (g_uri_get_path (uri));
  req->query = g_strdup (g_uri_get_query (uri));
  req->range = g_strdup (soup_message_headers_get_one (headers, "Range"));
  req->cookie = g_strdup (soup_message_headers_get_one (headers, "Cookie"));
  req->headers = copy_headers (headers);
  req->body =
      soup_message_body_flatten (soup_server_message_get_request_body (msg));
  req->time_us = g_get_real_time ();
  g_mutex_lock (&fi->lock);
  serial = (guint) ++fi->next_serial;
  g_ptr_array_add (fi->log, req);
  g_array_append_val (fi->log_serials, serial);
  g_mutex_unlock (&fi->lock);
  g_object_set_data (G_OBJECT (msg), SERIAL_KEY, GUINT_TO_POINTER (serial));
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers), fi);
}

static void
write_log_line (FILE *out, const FakeRequest *req)
{
  fprintf (out, "%" G_GINT64_FORMAT " %u %s %s%s%s\n", req->time_us,
      req->status, req->method, req->path, req->query ? "?" : "",
      req->query ? req->query : "");
  fflush (out);
}

/* The final status (SoupServer may have turned 200 into 206 or 416). It is
 * known once the headers are written, before the client can have the whole
 * body: recorded then, so a test that checks the log right after its EOS
 * sees it (request-finished may come later on the server's thread). */
static void
record_status (FakeInstagram *fi, SoupServerMessage *msg)
{
  guint serial =
      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), SERIAL_KEY));
  guint i;

  if (serial == 0)
    return;
  g_mutex_lock (&fi->lock);
  for (i = fi->log_serials->len; i > 0; i--) {
    if (g_array_index (fi->log_serials, guint, i - 1) == serial) {
      FakeRequest *req = g_ptr_array_index (fi->log, i - 1);
      gboolean first = req->status == 0;

      req->status = soup_server_message_get_status (msg);
      if (first && fi->log_stream != NULL)
        write_log_line (fi->log_stream, req);
      break;
    }
  }
  g_mutex_unlock (&fi->lock);
}

static void
wrote_headers (SoupServerMessage *msg, gpointer data)
{
  record_status (data, msg);
}

static void
request_finished (SoupServer *server, SoupServerMessage *msg, gpointer data)
{
  record_status (data, msg);
}

/* ---- stalls ----------------------------------------------------------- */

typedef struct
{
  FakeInstagram *fi;
  SoupServerMessage *msg;
  GSource *source;
} Stall;

static void
stall_free (gpointer data)
{
  Stall *stall = data;

  g_object_unref (stall->msg);
  g_free (stall);
}

static gboolean
stall_done (gpointer data)
{
  Stall *stall = data;

  stall->fi->stalled = g_list_remove (stall->fi->stalled, stall->source);
  soup_server_message_unpause (stall->msg);
  g_source_unref (stall->source);
  return G_SOURCE_REMOVE;
}

static guint
stall_ms_for (FakeInstagram *fi, const char *path)
{
  GHashTableIter iter;
  gpointer prefix, ms;
  gsize best_len = 0;
  guint best = 0;

  g_mutex_lock (&fi->lock);
  g_hash_table_iter_init (&iter, fi->stalls);
  while (g_hash_table_iter_next (&iter, &prefix, &ms)) {
    if (g_str_has_prefix (path, prefix) && strlen (prefix) >= best_len) {
      best_len = strlen (prefix);
      best = GPOINTER_TO_UINT (ms);
    }
  }
  g_mutex_unlock (&fi->lock);
  return best;
}

/* The answer is ready; hold it back without blocking the thread. */
static void
maybe_stall (FakeInstagram *fi, SoupServerMessage *msg, const char *path)
{
  guint ms = stall_ms_for (fi, path);
  Stall *stall;

  if (ms == 0)
    return;
  stall = g_new0 (Stall, 1);
  stall->fi = fi;
  stall->msg = g_object_ref (msg);
  stall->source = g_timeout_source_new (ms);
  g_source_set_callback (stall->source, stall_done, stall, stall_free);
  soup_server_message_pause (msg);
  fi->stalled = g_list_prepend (fi->stalled, stall->source);
  g_source_attach (stall->source, fi->context);
}

static void
stalls_cancel (FakeInstagram *fi)
{
  GList *l;

  for (l = fi->stalled; l != NULL; l = l->next) {
    g_source_destroy (l->data);
    g_source_unref (l->data);
  }
  g_clear_pointer (&fi->stalled, g_list_free);
}

/* ---- routing ---------------------------------------------------------- */

/* The one segment between @prefix and @suffix of @path, else NULL:
 * "/api/v1/media/PK/info/" → PK. */
static char *
path_id (const char *path, const char *prefix, const char *suffix)
{
  const char *start, *end;

  if (!g_str_has_prefix (path, prefix) || !g_str_has_suffix (path, suffix))
    return NULL;
  start = path + strlen (prefix);
  end = path + strlen (path) - strlen (suffix);
  if (end <= start || memchr (start, '/', end - start) != NULL)
    return NULL;
  return g_strndup (start, end - start);
}

/* /api/graphql (Polaris) or /graphql/query (the others), unless the wall
 * or a revoked doc_id answers first. */
static void
route_graphql (FakeInstagram *fi, SoupServerMessage *msg, const char *path,
    GHashTable *query)
{
  if (fake_2026_graphql_gate (fi, msg, query))
    return;
  if (g_str_has_prefix (path, "/api/graphql"))
    fake_api_polaris (fi, msg);
  else
    fake_api_graphql_query (fi, msg, query);
}

static void
route (FakeInstagram *fi, SoupServerMessage *msg, const char *path,
    GHashTable *query)
{
  g_autofree char *pk = NULL;

  if (strcmp (path, "/") == 0)
    fake_pages_home (fi, msg);
  else if (g_str_has_prefix (path, "/cdn/"))
    fake_cdn_handle (fi, msg, path + strlen ("/cdn/"), query);
  else if (strcmp (path, "/api/v1/web/get_ruling_for_content/") == 0)
    fake_api_ruling (fi, msg, query);
  else if (fake_is_graphql_path (path))
    route_graphql (fi, msg, path, query);
  else if ((pk = path_id (path, "/api/v1/media/", "/info/")) != NULL)
    fake_api_media_info (fi, msg, pk);
  else if (strcmp (path, "/api/v1/users/web_profile_info/") == 0)
    fake_api_web_profile_info (fi, msg, query);
  else if (strcmp (path, "/api/v1/feed/reels_media/") == 0)
    fake_api_reels_media (fi, msg);
  else if ((pk = path_id (path, "/api/v1/feed/user/", "/")) != NULL)
    fake_api_feed_user (fi, msg, pk, query);
  else if (strcmp (path, "/api/v1/clips/user/") == 0)
    fake_api_clips_user (fi, msg);
  else if (strcmp (path, "/accounts/login/") == 0
      || (strcmp (path, "/auth_platform/") == 0
          && fake_2026_enabled (fi, FAKE_2026_AUTH_PLATFORM)))
    fake_pages_login (fi, msg);
  else if (fake_share_redirect (fi, msg, path))
    ;
  else if (!fake_pages_post (fi, msg, path))
    fake_respond_not_found (msg);
}

/* ---- throttling ------------------------------------------------------- */

void
fake_instagram_set_throttle (FakeInstagram *fi, const char *path_prefix,
    guint status, guint count, gint retry_after_s)
{
  g_mutex_lock (&fi->lock);
  g_free (fi->throttle_prefix);
  g_free (fi->override_prefix);
  g_free (fi->override_type);
  g_clear_pointer (&fi->override_body, g_bytes_unref);
  g_free (fi->checkpoint_prefix);
  g_free (fi->checkpoint_kind);
  fi->throttle_prefix = count > 0 ? g_strdup (path_prefix) : NULL;
  fi->throttle_status = status;
  fi->throttle_count = count;
  fi->throttle_retry_after = retry_after_s;
  g_mutex_unlock (&fi->lock);
}

void
fake_instagram_set_answer (FakeInstagram *fi, const char *path_prefix,
    guint status, const char *content_type, GBytes *body)
{
  g_mutex_lock (&fi->lock);
  g_clear_pointer (&fi->override_prefix, g_free);
  g_clear_pointer (&fi->override_type, g_free);
  g_clear_pointer (&fi->override_body, g_bytes_unref);
  if (body != NULL) {
    fi->override_prefix = g_strdup (path_prefix);
    fi->override_status = status;
    fi->override_type = g_strdup (content_type);
    fi->override_body = g_bytes_ref (body);
  }
  g_mutex_unlock (&fi->lock);
}

/* The set answer, when it applies to @path. */
static gboolean
take_answer (FakeInstagram *fi, SoupServerMessage *msg, const char *path)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gboolean hit;

  g_mutex_lock (&fi->lock);
  hit =
      fi->override_body != NULL && g_str_has_prefix (path, fi->override_prefix);
  if (hit) {
    soup_server_message_set_status (msg, fi->override_status, NULL);
    soup_message_headers_set_content_type (
        soup_server_message_get_response_headers (msg), fi->override_type,
        NULL);
    /* libsoup refuses to append an empty GBytes */
    if (g_bytes_get_size (fi->override_body) > 0)
      soup_message_body_append_bytes (body, fi->override_body);
  }
  g_mutex_unlock (&fi->lock);
  return hit;
}

/* Takes one throttled answer for @path, if a rule still has some. */
static gboolean
take_throttle (FakeInstagram *fi, const char *path, guint *status,
    gint *retry_after)
{
  gboolean hit;

  g_mutex_lock (&fi->lock);
  hit = fi->throttle_count > 0 && g_str_has_prefix (path, fi->throttle_prefix);
  if (hit) {
    fi->throttle_count--;
    *status = fi->throttle_status;
    *retry_after = fi->throttle_retry_after;
  }
  g_mutex_unlock (&fi->lock);
  return hit;
}

static void
respond_throttled (SoupServerMessage *msg, guint status, gint retry_after)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  const char *body = status == 401 ? FAKE_PLEASE_WAIT_BODY
      : status == 429
      ? "<!DOCTYPE html><html><body>429 Too Many Requests</body></html>"
      : "<!DOCTYPE html><html><body>Something went wrong</body></html>";

  if (retry_after >= 0) {
    g_autofree char *value = g_strdup_printf ("%d", retry_after);

    soup_message_headers_replace (h, "Retry-After", value);
  }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg,
      status == 401 ? "application/json" : "text/html", SOUP_MEMORY_STATIC,
      body, strlen (body));
}

static void
answer (FakeInstagram *fi, SoupServerMessage *msg, const char *path,
    GHashTable *query)
{
  g_autofree char *checkpoint = NULL;
  guint status;
  gint retry_after;

  if (take_throttle (fi, path, &status, &retry_after))
    respond_throttled (msg, status, retry_after);
  else if ((checkpoint = fake_checkpoint_take (fi, path)) != NULL)
    fake_respond_checkpoint (msg, checkpoint);
  else
    route (fi, msg, path, query);
  fake_2026_finish (fi, msg, path);
}

void
fake_instagram_set_hangup (FakeInstagram *fi, const char *path_prefix,
    guint count)
{
  g_mutex_lock (&fi->lock);
  g_free (fi->hangup_prefix);
  fi->hangup_prefix = count > 0 ? g_strdup (path_prefix) : NULL;
  fi->hangup_count = count;
  g_mutex_unlock (&fi->lock);
}

static gboolean
take_hangup (FakeInstagram *fi, const char *path)
{
  gboolean hit;

  g_mutex_lock (&fi->lock);
  hit = fi->hangup_count > 0 && g_str_has_prefix (path, fi->hangup_prefix);
  fi->hangup_count -= hit;
  g_mutex_unlock (&fi->lock);
  return hit;
}

/* The connection closes under the request, before any answer. */
static void
hang_up (SoupServerMessage *msg)
{
  GIOStream *io = soup_server_message_steal_connection (msg);

  g_io_stream_close (io, NULL, NULL);
  g_object_unref (io);
}

static void
handle_request (SoupServer *server, SoupServerMessage *msg, const char *path,
    GHashTable *query, gpointer data)
{
  FakeInstagram *fi = data;

  log_request (fi, msg);
  if (take_hangup (fi, path)) {
    hang_up (msg);
    return;
  }
  if (!take_answer (fi, msg, path))
    answer (fi, msg, path, query);
  maybe_stall (fi, msg, path);
}

/* ---- server thread ---------------------------------------------------- */

static gboolean
start_server (FakeInstagram *fi, guint16 port, GError **error)
{
  GSList *uris;

  fi->server = soup_server_new ("server-header", "fake-instagram ", NULL);
  soup_server_add_handler (fi->server, NULL, handle_request, fi, NULL);
  g_signal_connect (fi->server, "request-finished",
      G_CALLBACK (request_finished), fi);
  if (fi->tls != NULL)
    soup_server_set_tls_certificate (fi->server, fi->tls);
  if (!soup_server_listen_local (fi->server, port,
          SOUP_SERVER_LISTEN_IPV4_ONLY
              | (fi->tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
          error))
    return FALSE;
  uris = soup_server_get_uris (fi->server);
  fi->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  fi->base = g_strdup_printf ("%s://127.0.0.1:%u", fi->tls ? "https" : "http",
      fi->port);
  return TRUE;
}

typedef struct
{
  FakeInstagram *fi;
  guint16 port;
} StartArgs;

static gpointer
server_thread (gpointer data)
{
  StartArgs *args = data;
  FakeInstagram *fi = args->fi;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (fi->context);
  ok = start_server (fi, args->port, &error);
  g_mutex_lock (&fi->lock);
  fi->start_error = error;
  fi->ready = TRUE;
  g_cond_signal (&fi->started);
  g_mutex_unlock (&fi->lock);
  if (ok)
    g_main_loop_run (fi->loop);
  stalls_cancel (fi);
  if (fi->server != NULL)
    soup_server_disconnect (fi->server);
  g_clear_object (&fi->server);
  /* Let the connections finish closing in this context. */
  while (g_main_context_iteration (fi->context, FALSE))
    ;
  fake_cdn_release (fi);
  g_main_context_pop_thread_default (fi->context);
  return NULL;
}

static FakeInstagram *
fake_instagram_alloc (const char *media_dir, GError **error)
{
  FakeInstagram *fi = g_new0 (FakeInstagram, 1);
  g_autofree char *secret = fake_random_hex (16);

  fi->posts = fake_posts_load (error);
  if (fi->posts == NULL) {
    g_free (fi);
    return NULL;
  }
  fi->media_dir = g_strdup (media_dir ? media_dir : FAKE_MEDIA_DIR);
  memcpy (fi->secret, secret, sizeof fi->secret - 1);
  fi->context = g_main_context_new ();
  fi->loop = g_main_loop_new (fi->context, FALSE);
  fi->mapped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      (GDestroyNotify) g_mapped_file_unref);
  g_mutex_init (&fi->lock);
  g_cond_init (&fi->started);
  fi->generation = FAKE_GEN_ALL;
  fi->cdn_expiry = DEFAULT_CDN_EXPIRY;
  fi->reels_dict = TRUE;
  fi->reels_list = TRUE;
  fi->log = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  fi->log_serials = g_array_new (FALSE, FALSE, sizeof (guint));
  fi->stalls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fi->lsd_tokens =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fi->csrf_tokens =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fi->media_paths =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fi->retired_doc_ids =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return fi;
}

static FakeInstagram *
start (FakeInstagram *fi, guint16 port, GError **error)
{
  StartArgs args;
  GError *start_error;

  args.fi = fi;
  args.port = port;
  fi->thread = g_thread_new ("fake-instagram", server_thread, &args);
  g_mutex_lock (&fi->lock);
  while (!fi->ready)
    g_cond_wait (&fi->started, &fi->lock);
  start_error = g_steal_pointer (&fi->start_error);
  g_mutex_unlock (&fi->lock);
  if (start_error != NULL) {
    g_propagate_error (error, start_error);
    fake_instagram_free (fi);
    return NULL;
  }
  return fi;
}

FakeInstagram *
fake_instagram_new_on_port (const char *media_dir, guint16 port, GError **error)
{
  FakeInstagram *fi = fake_instagram_alloc (media_dir, error);

  return fi != NULL ? start (fi, port, error) : NULL;
}

FakeInstagram *
fake_instagram_new_tls (const char *media_dir, guint16 port,
    const char *cert_file, const char *key_file, GError **error)
{
  FakeInstagram *fi = fake_instagram_alloc (media_dir, error);

  if (fi == NULL)
    return NULL;
  fi->tls = g_tls_certificate_new_from_files (cert_file, key_file, error);
  if (fi->tls == NULL) {
    fake_instagram_free (fi);
    return NULL;
  }
  return start (fi, port, error);
}

FakeInstagram *
fake_instagram_new (const char *media_dir, GError **error)
{
  return fake_instagram_new_on_port (media_dir, 0, error);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
fake_instagram_free (FakeInstagram *fi)
{
  if (fi == NULL)
    return;
  if (fi->thread != NULL) {
    g_main_context_invoke (fi->context, quit_loop, fi->loop);
    g_thread_join (fi->thread);
  }
  g_main_loop_unref (fi->loop);
  g_clear_object (&fi->tls);
  g_main_context_unref (fi->context);
  fake_posts_free (fi->posts);
  g_ptr_array_unref (fi->log);
  g_array_unref (fi->log_serials);
  g_hash_table_unref (fi->stalls);
  g_free (fi->throttle_prefix);
  g_free (fi->hangup_prefix);
  g_free (fi->checkpoint_prefix);
  g_free (fi->checkpoint_kind);
  g_hash_table_unref (fi->lsd_tokens);
  g_hash_table_unref (fi->csrf_tokens);
  g_hash_table_unref (fi->media_paths);
  fake_2026_free (fi);
  g_mutex_clear (&fi->lock);
  g_cond_clear (&fi->started);
  g_free (fi->media_dir);
  g_free (fi->base);
  g_free (fi);
}

/* ---- accessors and knobs ----------------------------------------------- */

const char *
fake_instagram_get_base (FakeInstagram *fi)
{
  return fi->base;
}

guint16
fake_instagram_get_port (FakeInstagram *fi)
{
  return fi->port;
}

void
fake_instagram_set_generation (FakeInstagram *fi, guint enabled_mask)
{
  g_mutex_lock (&fi->lock);
  fi->generation = enabled_mask & FAKE_GEN_ALL;
  g_mutex_unlock (&fi->lock);
}

guint
fake_instagram_get_generation (FakeInstagram *fi)
{
  guint gen;

  g_mutex_lock (&fi->lock);
  gen = fi->generation;
  g_mutex_unlock (&fi->lock);
  return gen;
}

gboolean
fake_generation_enabled (FakeInstagram *fi, FakeGeneration gen)
{
  return (fake_instagram_get_generation (fi) & gen) != 0;
}

guint
fake_instagram_count (FakeInstagram *fi, const char *method_or_null,
    const char *path_prefix)
{
  guint i, n = 0;

  g_mutex_lock (&fi->lock);
  for (i = 0; i < fi->log->len; i++) {
    FakeRequest *req = g_ptr_array_index (fi->log, i);

    if ((method_or_null == NULL || g_str_equal (req->method, method_or_null))
        && (path_prefix == NULL || g_str_has_prefix (req->path, path_prefix)))
      n++;
  }
  g_mutex_unlock (&fi->lock);
  return n;
}

GPtrArray *
fake_instagram_dup_log (FakeInstagram *fi)
{
  GPtrArray *copy =
      g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  guint i;

  g_mutex_lock (&fi->lock);
  for (i = 0; i < fi->log->len; i++)
    g_ptr_array_add (copy, request_copy (g_ptr_array_index (fi->log, i)));
  g_mutex_unlock (&fi->lock);
  return copy;
}

void
fake_instagram_set_log_stream (FakeInstagram *fi, FILE *out)
{
  g_mutex_lock (&fi->lock);
  fi->log_stream = out;
  g_mutex_unlock (&fi->lock);
}

void
fake_instagram_reset_log (FakeInstagram *fi)
{
  g_mutex_lock (&fi->lock);
  g_ptr_array_set_size (fi->log, 0);
  g_array_set_size (fi->log_serials, 0);
  g_mutex_unlock (&fi->lock);
}

void
fake_instagram_set_stall_ms (FakeInstagram *fi, const char *path_prefix,
    guint milliseconds)
{
  g_mutex_lock (&fi->lock);
  if (milliseconds == 0)
    g_hash_table_remove (fi->stalls, path_prefix);
  else
    g_hash_table_insert (fi->stalls, g_strdup (path_prefix),
        GUINT_TO_POINTER (milliseconds));
  g_mutex_unlock (&fi->lock);
}

void
fake_instagram_set_stall (FakeInstagram *fi, const char *path_prefix,
    guint seconds)
{
  fake_instagram_set_stall_ms (fi, path_prefix, seconds * 1000);
}

void
fake_instagram_set_cdn_expiry (FakeInstagram *fi, gint64 seconds)
{
  g_mutex_lock (&fi->lock);
  fi->cdn_expiry = seconds;
  g_mutex_unlock (&fi->lock);
}

char *
fake_instagram_dup_cdn_url (FakeInstagram *fi, const char *name)
{
  return fake_cdn_url (fi, name);
}

const char *
fake_instagram_get_media_path (FakeInstagram *fi, const char *name)
{
  const char *path;

  g_mutex_lock (&fi->lock);
  path = g_hash_table_lookup (fi->media_paths, name);
  if (path == NULL) {
    char *built = g_build_filename (fi->media_dir, name, NULL);
    g_hash_table_insert (fi->media_paths, g_strdup (name), built);
    path = built;
  }
  g_mutex_unlock (&fi->lock);
  return path;
}

/* LSD tokens look like "AVqbxe3J_YA": base-64 letters. */
char *
fake_issue_lsd (FakeInstagram *fi)
{
  static const char letters[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  char token[23];
  guint i;

  for (i = 0; i < sizeof token - 1; i++)
    token[i] = letters[g_random_int_range (0, 64)];
  token[sizeof token - 1] = '\0';
  g_mutex_lock (&fi->lock);
  g_hash_table_add (fi->lsd_tokens, g_strdup (token));
  g_mutex_unlock (&fi->lock);
  return g_strdup (token);
}

gboolean
fake_lsd_valid (FakeInstagram *fi, const char *token)
{
  gboolean valid;

  g_mutex_lock (&fi->lock);
  valid = token != NULL && g_hash_table_contains (fi->lsd_tokens, token);
  g_mutex_unlock (&fi->lock);
  return valid;
}

void
fake_issue_csrf (FakeInstagram *fi, SoupServerMessage *msg)
{
  g_autofree char *token = fake_random_hex (32);

  g_mutex_lock (&fi->lock);
  g_hash_table_add (fi->csrf_tokens, g_strdup (token));
  g_mutex_unlock (&fi->lock);
  fake_set_cookie (msg, "csrftoken", token);
}

gboolean
fake_csrf_valid (FakeInstagram *fi, const char *token)
{
  gboolean valid;

  g_mutex_lock (&fi->lock);
  valid = !fi->csrf_strict
      || (token != NULL && g_hash_table_contains (fi->csrf_tokens, token));
  g_mutex_unlock (&fi->lock);
  return valid;
}

void
fake_instagram_rotate_tokens (FakeInstagram *fi)
{
  g_mutex_lock (&fi->lock);
  g_hash_table_remove_all (fi->lsd_tokens);
  g_hash_table_remove_all (fi->csrf_tokens);
  fi->csrf_strict = TRUE;
  g_mutex_unlock (&fi->lock);
}
