/* gst-instagram benchmark: 50 instagramsrc elements in one process resolve
 * 50 different posts at once through one shared rate limiter. Checks that
 * each post is requested exactly once, every file is byte-identical, and no
 * window of the limits is ever exceeded; prints the time it took. Exits
 * non-zero on any failure, so meson runs it as a test too.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/gst.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fake-instagram.h"
#include "fake-media.h"
#include "ig-test-files.h"
#include "ig-test-window.h"

#define N_ELEMENTS 50
/* Tight enough that elements must wait: 20 GraphQL requests per 4 s. */
#define LIMITS \
  "graphql=200/660,graphql-total=20/4,mobile=199/1800," \
  "other=1000/600,jitter=0"
#define WINDOW_S 4
#define WINDOW_COUNT 20

typedef struct
{
  GstElement *pipeline;
  char *path;
  gboolean ok;
} Element;

static gint rate_waits;

static GstBusSyncReply
count_waits (GstBus *bus, GstMessage *msg, gpointer data)
{
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT
      && gst_message_has_name (msg, "instagram-rate-limit"))
    g_atomic_int_inc (&rate_waits);
  return GST_BUS_PASS;
}

static void
start_element (Element *e, guint i, const char *dir, const char *state)
{
  g_autofree char *code = fake_instagram_crowd_shortcode (i);
  g_autofree char *launch = NULL;

  e->path = g_strdup_printf ("%s/%u.mp4", dir, i);
  launch = g_strdup_printf ("instagramsrc uri=https://www.instagram.com/p/%s/ "
                            "rate-limits=\"" LIMITS
                            "\" rate-limit-state=\"%s\" ! filesink "
                            "location=\"%s\"",
      code, state, e->path);
  e->pipeline = gst_parse_launch (launch, NULL);
  g_assert (e->pipeline != NULL);
  gst_bus_set_sync_handler (GST_ELEMENT_BUS (e->pipeline), count_waits, NULL,
      NULL);
  gst_element_set_state (e->pipeline, GST_STATE_PLAYING);
}

static gboolean
finish_element (Element *e, const char *expected)
{
  GstMessage *msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (e->pipeline),
      120 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_autofree char *got = NULL, *want = NULL;
  gsize got_len = 0, want_len = 0;

  e->ok = msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
  if (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;

    gst_message_parse_error (msg, &error, &debug);
    g_printerr ("%s: %s (%s)\n", e->path, error->message, debug);
  }
  if (msg != NULL)
    gst_message_unref (msg);
  gst_element_set_state (e->pipeline, GST_STATE_NULL);
  gst_object_unref (e->pipeline);
  e->ok = e->ok && g_file_get_contents (e->path, &got, &got_len, NULL)
      && g_file_get_contents (expected, &want, &want_len, NULL)
      && got_len == want_len && memcmp (got, want, got_len) == 0;
  g_unlink (e->path);
  g_free (e->path);
  return e->ok;
}

/* Polaris requests the fake saw: how many, how many distinct bodies, and
 * the most that arrived in any window (arrivals trail the limiter's stamps
 * by the send time, so this is for information). */
static void
check_log (FakeInstagram *fake, guint *posts, guint *distinct, guint *peak)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autoptr (GHashTable) bodies =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (!g_str_has_prefix (req->path, "/api/graphql"))
      continue;
    g_hash_table_add (bodies,
        g_strndup (g_bytes_get_data (req->body, NULL),
            g_bytes_get_size (req->body)));
    g_array_append_val (times, req->time_us);
  }
  *posts = times->len;
  *distinct = g_hash_table_size (bodies);
  *peak = ig_test_peak_in_window (times, WINDOW_S * G_USEC_PER_SEC);
}

/* The GraphQL stamps the limiter granted, from its state file: the exact
 * record of when each request was let go. */
static guint
peak_in_state_file (const char *state)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i;

  if (!g_file_get_contents (state, &text, NULL, NULL))
    return G_MAXUINT;
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i] != NULL; i++) {
    gint64 t;

    if (g_str_has_prefix (lines[i], "S graphql ")
        && (t = g_ascii_strtoll (strrchr (lines[i], ' ') + 1, NULL, 10)) > 0)
      g_array_append_val (times, t);
  }
  return times->len == N_ELEMENTS
      ? ig_test_peak_in_window (times, WINDOW_S * G_USEC_PER_SEC)
      : G_MAXUINT;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL, *state = NULL;
  FakeInstagram *fake;
  Element elements[N_ELEMENTS];
  guint i, ok = 0, posts, distinct, peak, granted_peak;
  gint64 start;
  gdouble seconds;

  gst_init (&argc, &argv);
  fake = fake_instagram_new (NULL, &error);
  g_assert_no_error (error);
  g_setenv ("GST_INSTAGRAM_WWW_BASE", fake_instagram_get_base (fake), TRUE);
  g_setenv ("GST_INSTAGRAM_MOBILE_BASE", fake_instagram_get_base (fake), TRUE);
  dir = g_dir_make_tmp ("igbench-XXXXXX", NULL);
  state = g_build_filename (dir, "rate-limit", NULL);
  start = g_get_monotonic_time ();
  for (i = 0; i < N_ELEMENTS; i++)
    start_element (&elements[i], i, dir, state);
  for (i = 0; i < N_ELEMENTS; i++)
    ok += finish_element (&elements[i],
        fake_instagram_get_media_path (fake, FAKE_MEDIA_VIDEO));
  seconds = (g_get_monotonic_time () - start) / 1e6;
  check_log (fake, &posts, &distinct, &peak);
  granted_peak = peak_in_state_file (state);
  g_print ("%u elements, %u posts: %u byte-identical, %u Polaris requests "
           "(%u distinct); at most %u granted in any %d s (limit %d; at the "
           "server, at most %u arrived in such a window), %d rate-limit waits, "
           "%.2f s\n",
      N_ELEMENTS, N_ELEMENTS, ok, posts, distinct, granted_peak, WINDOW_S,
      WINDOW_COUNT, peak, g_atomic_int_get (&rate_waits), seconds);
  ig_test_remove_tree (dir);
  fake_instagram_free (fake);
  return ok == N_ELEMENTS && posts == N_ELEMENTS && distinct == N_ELEMENTS
          && granted_peak <= WINDOW_COUNT
      ? 0
      : 1;
}
