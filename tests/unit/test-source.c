/* IgSource, the core's one entry point, against the fake Instagram without
 * a pipeline: bytes, the listener, renewal, a refused session, retries,
 * the user agent, stalls and cancellation.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-instagram.h"
#include "fake-media.h"
#include "ig-error.h"
#include "ig-source.h"
#include "ig-test-files.h"

#include <glib/gstdio.h>
#include <string.h>

#define REEL_URI "https://www.instagram.com/reel/" FAKE_SC_REEL "/"
#define DASH_URI "https://www.instagram.com/reel/" FAKE_SC_DASH "/"

typedef struct
{
  FakeInstagram *fake;
  char *cache_dir;
  IgSourceOptions options;
  GPtrArray *warnings; /* GError* */
  GPtrArray *rejections; /* GError* */
  guint chosen; /* media_chosen calls */
  guint chosen_index;
  gboolean chosen_dash;
  gint64 renew_expiry; /* != 0: CDN expiry to set once media is chosen */
  GCancellable *cancel_on_choose; /* cancelled in media_chosen */
} Fixture;

static void
on_warning (gpointer data, const GError *warning)
{
  Fixture *f = data;

  g_ptr_array_add (f->warnings, g_error_copy (warning));
}

static void
on_session_rejected (gpointer data, const GError *reason)
{
  Fixture *f = data;

  g_ptr_array_add (f->rejections, g_error_copy (reason));
}

static void
on_media_chosen (gpointer data, const IgSourceMedia *media)
{
  Fixture *f = data;

  f->chosen++;
  f->chosen_index = media->index;
  f->chosen_dash = media->choice->manifest != NULL;
  g_assert_nonnull (media->post);
  g_assert_cmpstr (media->uri, ==, f->options.uri);
  if (f->renew_expiry != 0)
    fake_instagram_set_cdn_expiry (f->fake, f->renew_expiry);
  if (f->cancel_on_choose != NULL)
    g_cancellable_cancel (f->cancel_on_choose);
}

static const IgSourceListener listener = {
  .events = {
    .warning = on_warning,
    .session_rejected = on_session_rejected,
  },
  .media_chosen = on_media_chosen,
};

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->fake = fake_instagram_new (NULL, &error);
  g_assert_no_error (error);
  g_setenv ("GST_INSTAGRAM_WWW_BASE", fake_instagram_get_base (f->fake), TRUE);
  g_setenv ("GST_INSTAGRAM_MOBILE_BASE", fake_instagram_get_base (f->fake),
      TRUE);
  g_unsetenv (IG_ENV_DELIVERY);
  /* each test cold, with its own resolver cache */
  f->cache_dir = g_dir_make_tmp ("igsource-XXXXXX", NULL);
  g_setenv (IG_ENV_CACHE_DIR, f->cache_dir, TRUE);
  ig_source_options_init (&f->options);
  f->options.uri = g_strdup (data != NULL ? data : REEL_URI);
  f->options.limits.off = TRUE;
  f->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  f->rejections =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  ig_source_options_clear (&f->options);
  g_ptr_array_unref (f->warnings);
  g_ptr_array_unref (f->rejections);
  g_clear_object (&f->cancel_on_choose);
  fake_instagram_free (f->fake);
  ig_test_remove_tree (f->cache_dir);
  g_free (f->cache_dir);
}

static IgSource *
new_source (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  IgSource *source = ig_source_new (&f->options, &listener, f, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  return source;
}

/* Reads @source to the end in blocks of @block bytes. */
static GBytes *
read_all (IgSource *source, gsize block, GError **error)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autofree guint8 *buf = g_malloc (block);
  gssize n;

  while ((n = ig_source_read (source, buf, block, NULL, error)) > 0)
    g_byte_array_append (bytes, buf, n);
  if (n < 0) {
    g_byte_array_unref (bytes);
    return NULL;
  }
  return g_byte_array_free_to_bytes (bytes);
}

static void
assert_media_bytes (Fixture *f, GBytes *bytes, const char *name)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fake_instagram_get_media_path (f->fake,
                                          name),
      &contents, &length, NULL));
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
      contents, length);
}

static guint
api_requests (Fixture *f)
{
  return fake_instagram_count (f->fake, NULL, NULL)
      - fake_instagram_count (f->fake, NULL, "/cdn/");
}

/* A public reel: the largest MP4, byte for byte, after one announcement;
 * size and media type before the first read. */
static void
test_reads_reel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source = new_source (f);
  g_autoptr (GBytes) bytes = NULL;
  guint64 size = 0;

  g_assert_true (ig_source_open (source, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->chosen, ==, 1);
  g_assert_false (f->chosen_dash);
  g_assert_cmpstr (ig_source_get_media_type (source), ==, "video/mp4");
  g_assert_true (ig_source_get_size (source, &size));
  g_assert_true (ig_source_is_seekable (source));
  bytes = read_all (source, 4096, &error);
  g_assert_no_error (error);
  assert_media_bytes (f, bytes, FAKE_MEDIA_REEL_720);
  g_assert_cmpuint (size, ==, g_bytes_get_size (bytes));
  g_assert_cmpuint (api_requests (f), ==, 3);
  g_assert_cmpuint (f->warnings->len, ==, 0);
  ig_source_free (source);
}

/* A seek before the end: the rest of the file from that byte. */
static void
test_seek (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source = new_source (f);
  g_autoptr (GBytes) rest = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (ig_source_open (source, NULL, &error));
  g_assert_true (ig_source_seek (source, 1000));
  rest = read_all (source, 65536, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fake_instagram_get_media_path (f->fake,
                                          FAKE_MEDIA_REEL_720),
      &contents, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest),
      contents + 1000, length - 1000);
  g_assert_cmpuint (fake_instagram_count (f->fake, "GET", "/cdn/"), ==, 2);
  ig_source_free (source);
}

/* delivery=dash: the manifest from memory, announced as DASH. */
static void
test_dash_manifest (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;
  g_autoptr (GBytes) mpd = NULL;
  guint64 size = 0;

  f->options.delivery = IG_DELIVERY_DASH;
  f->options.delivery_set = TRUE;
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  g_assert_true (f->chosen_dash);
  g_assert_cmpstr (ig_source_get_media_type (source), ==,
      "application/dash+xml");
  g_assert_true (ig_source_get_size (source, &size));
  mpd = read_all (source, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (mpd), ==, size);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (mpd, NULL), size,
      "<SegmentList"));
  /* only the two segment indexes were fetched from the CDN */
  g_assert_cmpuint (fake_instagram_count (f->fake, "GET", "/cdn/"), ==, 2);
  ig_source_free (source);
}

/* A URL already expired when it is first opened: the post is resolved
 * again once, through the same choice, and the file streams whole. */
static void
test_renewal (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;
  g_autoptr (GBytes) bytes = NULL;

  fake_instagram_set_cdn_expiry (f->fake, -60);
  f->renew_expiry = 3600; /* the renewed URL is good */
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  g_assert_no_error (error);
  bytes = read_all (source, 65536, &error);
  g_assert_no_error (error);
  assert_media_bytes (f, bytes, FAKE_MEDIA_REEL_720);
  g_assert_cmpuint (fake_instagram_count (f->fake, "POST", "/api/graphql"), ==,
      2);
  g_assert_cmpuint (f->chosen, ==, 1);
  ig_source_free (source);
}

/* Refused again after the renewal: one renewal only, then the error. */
static void
test_renewal_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;

  fake_instagram_set_cdn_expiry (f->fake, -60);
  source = new_source (f);
  g_assert_false (ig_source_open (source, NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_MEDIA_REFUSED);
  g_assert_cmpuint (fake_instagram_count (f->fake, "POST", "/api/graphql"), ==,
      2);
  g_assert_cmpuint (fake_instagram_count (f->fake, "GET", "/cdn/"), ==, 2);
  ig_source_free (source);
}

/* A session Instagram no longer accepts: told once to the listener, then
 * the anonymous chain serves the public post. */
static void
test_rejected_session (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;
  const GError *reason;

  f->options.session_id = g_strdup ("no-longer-valid");
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->rejections->len, ==, 1);
  reason = g_ptr_array_index (f->rejections, 0);
  g_assert_error (reason, IG_ERROR, IG_ERROR_LOGIN_REQUIRED);
  g_assert_null (strstr (reason->message, "no-longer-valid"));
  /* media info (redirected), then homepage, ruling, Polaris */
  g_assert_cmpuint (api_requests (f), ==, 4);
  ig_source_free (source);
}

/* A 500 is resent within retries; with retries=0 it is the error. */
static void
test_retries (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;

  fake_instagram_set_throttle (f->fake, "/api/graphql", 500, 1, -1);
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_instagram_count (f->fake, "POST", "/api/graphql"), ==,
      2);
  ig_source_free (source);

  fake_instagram_reset_log (f->fake);
  fake_instagram_set_throttle (f->fake, "/api/graphql", 500, 1, -1);
  f->options.retries = 0;
  source = new_source (f);
  g_assert_false (ig_source_open (source, NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NETWORK);
  g_assert_cmpuint (fake_instagram_count (f->fake, "POST", "/api/graphql"), ==,
      1);
  ig_source_free (source);
}

/* A connection closed under the request (no answer) is tried once more on
 * a new one; twice in a row is the network error. */
static void
test_lost_connection (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;

  fake_instagram_set_hangup (f->fake, "/api/graphql", 1);
  f->options.retries = 0;
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_instagram_count (f->fake, "POST", "/api/graphql"), ==,
      2);
  ig_source_free (source);

  fake_instagram_reset_log (f->fake);
  fake_instagram_set_hangup (f->fake, "/api/graphql", 2);
  source = new_source (f);
  g_assert_false (ig_source_open (source, NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NETWORK);
  g_assert_cmpuint (fake_instagram_count (f->fake, "POST", "/api/graphql"), ==,
      2);
  ig_source_free (source);
}

/* The user's User-Agent on every request, API and CDN. */
static void
test_user_agent (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) log = NULL;
  g_autoptr (GBytes) bytes = NULL;
  IgSource *source;
  guint i;

  f->options.user_agent = g_strdup ("UnitAgent/2");
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  bytes = read_all (source, 65536, &error);
  g_assert_no_error (error);
  log = fake_instagram_dup_log (f->fake);
  g_assert_cmpuint (log->len, ==, 4);
  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    g_assert_cmpstr (soup_message_headers_get_one (req->headers, "User-Agent"),
        ==, "UnitAgent/2");
  }
  ig_source_free (source);
}

/* The API stalls: open() ends with a network error within timeout + 1 s. */
static void
test_stalled_api (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;
  gint64 start;

  fake_instagram_set_stall (f->fake, "/api/graphql", 10);
  f->options.timeout = 1;
  f->options.retries = 0;
  source = new_source (f);
  start = g_get_monotonic_time ();
  g_assert_false (ig_source_open (source, NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NETWORK);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  ig_source_free (source);
}

/* The CDN body stalls after 1 KB: read() fails with a network error within
 * the timeout (+1 s), or, with a retry, resumes byte-identical. */
static void
test_stalled_body (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  IgSource *source;
  gint64 start;

  fake_instagram_set_cdn_stall (f->fake, 1024, 1);
  f->options.timeout = 2;
  f->options.retries = 0;
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  start = g_get_monotonic_time ();
  g_assert_null (read_all (source, 4096, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NETWORK);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  ig_source_free (source);
  g_clear_error (&error);

  fake_instagram_set_cdn_stall (f->fake, 1024, 1);
  f->options.retries = 1;
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  bytes = read_all (source, 4096, &error);
  g_assert_no_error (error);
  assert_media_bytes (f, bytes, FAKE_MEDIA_REEL_720);
  ig_source_free (source);
}

/* A slow CDN (4 KB a second): the first read returns the first bytes at
 * once instead of waiting for a whole block; the next ones fill theirs. */
static void
test_first_bytes_at_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *buf = g_malloc (65536);
  IgSource *source;
  gint64 start;
  gssize n;

  fake_instagram_set_cdn_trickle (f->fake, 4096, 1);
  source = new_source (f);
  g_assert_true (ig_source_open (source, NULL, &error));
  start = g_get_monotonic_time ();
  n = ig_source_read (source, buf, 65536, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 4096);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  n = ig_source_read (source, buf, 8192, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 8192);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  ig_source_free (source);
}

/* Cancelled while the CDN holds the answer back: CANCELLED at once. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;
  gint64 start;

  fake_instagram_set_stall (f->fake, "/cdn/", 30);
  f->cancel_on_choose = g_cancellable_new ();
  source = new_source (f);
  start = g_get_monotonic_time ();
  g_assert_false (ig_source_open (source, f->cancel_on_choose, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  ig_source_free (source);
}

/* A malformed environment default: a warning, and the built-in default. */
static void
test_environment_warning (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  IgSource *source;
  const GError *warning;

  g_setenv (IG_ENV_DELIVERY, "best", TRUE);
  source = new_source (f);
  g_unsetenv (IG_ENV_DELIVERY);
  g_assert_cmpuint (f->warnings->len, ==, 1);
  warning = g_ptr_array_index (f->warnings, 0);
  g_assert_error (warning, IG_ERROR, IG_ERROR_SETTINGS);
  g_assert_cmpstr (warning->message, ==,
      "Ignoring GST_INSTAGRAM_DELIVERY=best: use progressive, dash or auto");
  g_assert_true (ig_source_open (source, NULL, &error));
  g_assert_cmpstr (ig_source_get_media_type (source), ==, "video/mp4");
  ig_source_free (source);
}

/* No URI, or one instagramsrc does not take: BAD_URI, no source. */
static void
test_bad_uri (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) none = NULL;
  g_autoptr (GError) bad = NULL;

  g_clear_pointer (&f->options.uri, g_free);
  g_assert_null (ig_source_new (&f->options, &listener, f, &none));
  g_assert_error (none, IG_ERROR, IG_ERROR_BAD_URI);
  f->options.uri = g_strdup ("https://www.instagram.com/explore/");
  g_assert_null (ig_source_new (&f->options, &listener, f, &bad));
  g_assert_error (bad, IG_ERROR, IG_ERROR_BAD_URI);
  g_assert_cmpuint (fake_instagram_count (f->fake, NULL, NULL), ==, 0);
}

/* The limits a source will use, for @options. */
static IgRateLimits
effective_limits (IgSourceOptions *options)
{
  IgSourceOptions copy;
  IgRateLimits limits;

  ig_source_options_copy (&copy, options);
  ig_source_options_apply_env (&copy, NULL);
  limits = copy.limits;
  ig_source_options_clear (&copy);
  return limits;
}

/* With a session the unset limits are the safer logged-in ones; the
 * environment's and the property's keys apply on top of them. */
static void
test_logged_in_limits (void)
{
  IgSourceOptions o;
  IgRateLimits l;

  g_unsetenv (IG_ENV_RATE_LIMITS);
  ig_source_options_init (&o);
  l = effective_limits (&o);
  g_assert_cmpuint (l.graphql.count, ==, 200);
  g_assert_cmpuint (l.graphql_total.count, ==, 275);
  g_assert_cmpuint (l.mobile.count, ==, 199);

  o.session_id = g_strdup ("x");
  l = effective_limits (&o);
  g_assert_cmpuint (l.graphql.count, ==, 100);
  g_assert_cmpuint (l.graphql.seconds, ==, 600);
  g_assert_cmpuint (l.graphql_total.count, ==, 150);
  g_assert_cmpuint (l.graphql_total.seconds, ==, 600);
  g_assert_cmpuint (l.mobile.count, ==, 100);
  g_assert_cmpuint (l.mobile.seconds, ==, 1800);
  g_assert_cmpuint (l.other.count, ==, 75);

  g_setenv (IG_ENV_RATE_LIMITS, "jitter=0", TRUE);
  l = effective_limits (&o);
  g_assert_cmpuint (l.graphql_total.count, ==, 150);
  g_assert_cmpfloat (l.jitter_max, ==, 0);
  g_unsetenv (IG_ENV_RATE_LIMITS);

  g_assert_true (ig_source_options_set_rate_limits (&o, "graphql=7/70", NULL));
  g_assert_true (ig_source_options_set_rate_limits (&o, "jitter=0", NULL));
  g_assert_false (ig_source_options_set_rate_limits (&o, "graphql=abc", NULL));
  l = effective_limits (&o);
  g_assert_cmpuint (l.graphql.count, ==, 7);
  g_assert_cmpuint (l.graphql_total.count, ==, 150);
  g_assert_cmpfloat (l.jitter_max, ==, 0);
  g_assert_true (ig_source_options_set_rate_limits (&o, "off", NULL));
  g_assert_true (effective_limits (&o).off);
  ig_source_options_clear (&o);
}

#define ADD(path, func, uri) \
  g_test_add (path, Fixture, uri, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/source/reads-reel", test_reads_reel, NULL);
  ADD ("/source/seek", test_seek, NULL);
  ADD ("/source/dash-manifest", test_dash_manifest, DASH_URI);
  ADD ("/source/renewal", test_renewal, NULL);
  ADD ("/source/renewal-once", test_renewal_once, NULL);
  ADD ("/source/rejected-session", test_rejected_session, NULL);
  ADD ("/source/retries", test_retries, NULL);
  ADD ("/source/user-agent", test_user_agent, NULL);
  ADD ("/source/lost-connection", test_lost_connection, NULL);
  ADD ("/source/stalled-api", test_stalled_api, NULL);
  ADD ("/source/cancel", test_cancel, NULL);
  ADD ("/source/stalled-body", test_stalled_body, NULL);
  ADD ("/source/first-bytes-at-once", test_first_bytes_at_once, NULL);
  ADD ("/source/environment-warning", test_environment_warning, NULL);
  ADD ("/source/bad-uri", test_bad_uri, NULL);
  g_test_add_func ("/source/logged-in-limits", test_logged_in_limits);
  return g_test_run ();
}
