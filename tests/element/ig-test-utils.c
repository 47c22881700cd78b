/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-test-utils.h"
#include "ig-test-files.h"

#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>

/* Temporary directories the tests made, removed with the fake. */
static GPtrArray *temp_dirs;

char *
ig_test_make_temp_dir (void)
{
  char *dir = g_dir_make_tmp ("igtest-XXXXXX", NULL);

  fail_unless (dir != NULL);
  if (temp_dirs == NULL)
    temp_dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (temp_dirs, g_strdup (dir));
  return dir;
}

static void
remove_temp_dirs (void)
{
  if (temp_dirs == NULL)
    return;
  for (guint i = 0; i < temp_dirs->len; i++)
    ig_test_remove_tree (g_ptr_array_index (temp_dirs, i));
  g_clear_pointer (&temp_dirs, g_ptr_array_unref);
}

void
ig_test_fresh_cache (void)
{
  g_autofree char *dir = ig_test_make_temp_dir ();

  g_setenv ("GST_INSTAGRAM_CACHE_DIR", dir, TRUE);
}

FakeInstagram *
ig_test_start_fake (void)
{
  g_autoptr (GError) error = NULL;
  FakeInstagram *fake = fake_instagram_new (IG_TEST_MEDIA_DIR, &error);

  fail_unless (fake != NULL, "fake Instagram did not start: %s",
      error ? error->message : "?");
  g_setenv ("GST_INSTAGRAM_WWW_BASE", fake_instagram_get_base (fake), TRUE);
  g_setenv ("GST_INSTAGRAM_MOBILE_BASE", fake_instagram_get_base (fake), TRUE);
  ig_test_fresh_cache ();
  return fake;
}

/* check's fixtures take no argument: the slot of the running test case. */
static FakeInstagram **fixture_fake;

static void
fixture_setup (void)
{
  *fixture_fake = ig_test_start_fake ();
}

static void
fixture_teardown (void)
{
  ig_test_stop_fake (*fixture_fake);
  *fixture_fake = NULL;
}

void
ig_test_use_fake (TCase *tc, FakeInstagram **fake)
{
  fixture_fake = fake;
  tcase_add_checked_fixture (tc, fixture_setup, fixture_teardown);
}

void
ig_test_stop_fake (FakeInstagram *fake)
{
  g_unsetenv ("GST_INSTAGRAM_WWW_BASE");
  g_unsetenv ("GST_INSTAGRAM_MOBILE_BASE");
  fake_instagram_free (fake);
  remove_temp_dirs ();
}

static void
collect (IgTestRun *run, GstMessage *msg)
{
  const GstStructure *s;

  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_TAG) {
    GstTagList *tags;

    gst_message_parse_tag (msg, &tags);
    if (run->tags == NULL)
      run->tags = gst_tag_list_ref (tags);
    else
      gst_tag_list_insert (run->tags = gst_tag_list_make_writable (run->tags),
          tags, GST_TAG_MERGE_KEEP);
    gst_tag_list_unref (tags);
    return;
  }
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING)
    run->n_warnings++;
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING && run->warning == NULL) {
    run->warning = gst_message_ref (msg);
    return;
  }
  s = gst_message_get_structure (msg);
  if (GST_MESSAGE_TYPE (msg) != GST_MESSAGE_ELEMENT || s == NULL)
    return;
  if (gst_structure_has_name (s, "instagram-media") && run->media == NULL)
    run->media = gst_structure_copy (s);
  if (gst_structure_has_name (s, "instagram-playlist") && run->playlist == NULL)
    run->playlist = gst_structure_copy (s);
  if (gst_structure_has_name (s, "instagram-rate-limit")
      && run->rate_limit == NULL)
    run->rate_limit = gst_structure_copy (s);
}

IgTestRun *
ig_test_run (GstElement *pipeline, guint timeout_s)
{
  IgTestRun *run = g_new0 (IgTestRun, 1);
  GstBus *bus = gst_element_get_bus (pipeline);
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  GstMessage *msg;

  /* A failed state change still posts its ERROR; wait for it below. */
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while (run->done == NULL && g_get_monotonic_time () < deadline) {
    msg = gst_bus_timed_pop (bus, 100 * GST_MSECOND);
    if (msg == NULL)
      continue;
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS
        || GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      run->done = gst_message_ref (msg);
      run->done_us = g_get_real_time ();
    } else
      collect (run, msg);
    gst_message_unref (msg);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  fail_unless (run->done != NULL, "pipeline did not finish in %u s", timeout_s);
  return run;
}

IgTestRun *
ig_test_run_launch (const char *description, guint timeout_s)
{
  g_autoptr (GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (description, &error);
  IgTestRun *run;

  fail_unless (pipeline != NULL, "%s: %s", description,
      error ? error->message : "?");
  run = ig_test_run (pipeline, timeout_s);
  gst_object_unref (pipeline);
  return run;
}

void
ig_test_run_free (IgTestRun *run)
{
  if (run == NULL)
    return;
  gst_clear_message (&run->done);
  gst_clear_message (&run->warning);
  if (run->tags)
    gst_tag_list_unref (run->tags);
  if (run->media)
    gst_structure_free (run->media);
  if (run->playlist)
    gst_structure_free (run->playlist);
  if (run->rate_limit)
    gst_structure_free (run->rate_limit);
  g_free (run);
}

void
ig_test_assert_error (IgTestRun *run, GQuark domain, gint code,
    const char *text_part)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;

  fail_unless_equals_int (GST_MESSAGE_TYPE (run->done), GST_MESSAGE_ERROR);
  gst_message_parse_error (run->done, &error, &debug);
  fail_unless (error->domain == domain, "domain %s, expected %s (%s)",
      g_quark_to_string (error->domain), g_quark_to_string (domain),
      error->message);
  fail_unless (error->code == code, "code %d, expected %d (%s / %s)",
      error->code, code, error->message, debug);
  if (text_part != NULL)
    fail_unless (strstr (error->message, text_part) != NULL, "'%s' not in '%s'",
        text_part, error->message);
}

void
ig_test_assert_eos (IgTestRun *run)
{
  if (GST_MESSAGE_TYPE (run->done) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;

    gst_message_parse_error (run->done, &error, &debug);
    fail ("expected EOS, got error: %s (%s)", error->message, debug);
  }
  fail_unless_equals_int (GST_MESSAGE_TYPE (run->done), GST_MESSAGE_EOS);
}

char *
ig_test_save (const char *uri, const char *props, IgTestRun **run)
{
  g_autofree char *dir = ig_test_make_temp_dir ();
  char *path = g_build_filename (dir, "out.bin", NULL);
  g_autofree char *launch =
      g_strdup_printf ("instagramsrc uri=\"%s\" %s ! filesink location=\"%s\"",
          uri, props ? props : "", path);

  *run = ig_test_run_launch (launch, 60);
  return path;
}

guint
ig_test_api_requests (FakeInstagram *fake)
{
  return fake_instagram_count (fake, NULL, "/")
      - fake_instagram_count (fake, NULL, "/cdn/");
}

/* ---- a redirecting server ---------------------------------------------- */

struct _IgTestRedirector
{
  char *location; /* NULL: each request's own URL */
  char *base;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  SoupServer *server;
  gint count;
  GMutex lock;
  GCond started;
  gboolean ready;
};

static void
redirect_request (SoupServer *server, SoupServerMessage *msg, const char *path,
    GHashTable *query, gpointer data)
{
  IgTestRedirector *r = data;
  g_autofree char *self = g_uri_to_string (soup_server_message_get_uri (msg));
  static const char body[] = "<html><body>Moved</body></html>";

  g_atomic_int_inc (&r->count);
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND,
      r->location != NULL ? r->location : self);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, body,
      sizeof body - 1);
}

static gpointer
redirector_thread (gpointer data)
{
  IgTestRedirector *r = data;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (r->context);
  r->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (r->server, NULL, redirect_request, r, NULL);
  if (soup_server_listen_local (r->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
          &error)) {
    uris = soup_server_get_uris (r->server);
    r->base =
        g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
    g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  }
  g_mutex_lock (&r->lock);
  r->ready = TRUE;
  g_cond_signal (&r->started);
  g_mutex_unlock (&r->lock);
  if (r->base != NULL)
    g_main_loop_run (r->loop);
  soup_server_disconnect (r->server);
  g_clear_object (&r->server);
  while (g_main_context_iteration (r->context, FALSE))
    ;
  g_main_context_pop_thread_default (r->context);
  return NULL;
}

IgTestRedirector *
ig_test_redirector_new (const char *location)
{
  IgTestRedirector *r = g_new0 (IgTestRedirector, 1);

  r->location = g_strdup (location);
  r->context = g_main_context_new ();
  r->loop = g_main_loop_new (r->context, FALSE);
  g_mutex_init (&r->lock);
  g_cond_init (&r->started);
  r->thread = g_thread_new ("ig-test-redirector", redirector_thread, r);
  g_mutex_lock (&r->lock);
  while (!r->ready)
    g_cond_wait (&r->started, &r->lock);
  g_mutex_unlock (&r->lock);
  fail_unless (r->base != NULL, "the redirecting server did not start");
  return r;
}

const char *
ig_test_redirector_get_base (IgTestRedirector *r)
{
  return r->base;
}

guint
ig_test_redirector_count (IgTestRedirector *r)
{
  return (guint) g_atomic_int_get (&r->count);
}

static gboolean
redirector_quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
ig_test_redirector_free (IgTestRedirector *r)
{
  if (r == NULL)
    return;
  g_main_context_invoke (r->context, redirector_quit, r->loop);
  g_thread_join (r->thread);
  g_main_loop_unref (r->loop);
  g_main_context_unref (r->context);
  g_mutex_clear (&r->lock);
  g_cond_clear (&r->started);
  g_free (r->location);
  g_free (r->base);
  g_free (r);
}

void
ig_test_wait_async_done (GstElement *pipeline)
{
  GstMessage *msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipeline),
      30 * GST_SECOND, GST_MESSAGE_ASYNC_DONE | GST_MESSAGE_ERROR);

  if (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;

    gst_message_parse_error (msg, &error, &debug);
    fail ("error instead of ASYNC_DONE: %s (%s)", error->message, debug);
  }
  fail_unless (msg != NULL, "no ASYNC_DONE in 30 s");
  gst_message_unref (msg);
}

gboolean
ig_test_under_memory_checker (void)
{
  return g_getenv ("IG_TEST_MEMORY_CHECKER") != NULL;
}
