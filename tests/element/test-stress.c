/* Teardown stress: hundreds of start / PLAYING / stop cycles of
 * instagramsrc against the fake, in separate processes, setting the
 * pipeline to NULL while it resolves, while the body flows, right after
 * EOS, and after flushing seeks (unlock / unlock_stop while a request is
 * open). A process that aborts (a GLib assertion such as GLib 2.77+'s on a
 * cancellable reset while in use), logs a GLib critical or warning (fatal
 * here), hangs or ends a cycle in an unexpected ERROR fails the test.
 *
 * The processes reach the fake by a host name, as a player reaches
 * Instagram, so that every connection runs a GResolver lookup with the
 * element's cancellable (the abort needs one: with 127.0.0.1 nothing is
 * looked up). The name is in an /etc/hosts of their own, bind-mounted in a
 * private mount namespace (unshare(1); as root, else in a user namespace);
 * where neither can be made the test is skipped and says why. They use the
 * default GIO proxy resolver, as a player does (the other tests force the
 * dummy one).
 *
 *   test-stress                      the test: every mode, 4 processes each
 *   IG_STRESS_CYCLES=N test-stress   N cycles per process (default 40)
 *   test-stress --child MODE CYCLES  one process (run by the test)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-media.h"
#include "ig-test-utils.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define PROCESSES 4 /* per mode, two at a time */
#define FAKE_HOST "fake-instagram.test"
#define DEFAULT_CYCLES 40 /* per process */
#define CYCLE_TIMEOUT_S 30

typedef enum
{
  MODE_RESOLVING, /* NULL at a random instant of the first 20 ms */
  MODE_BODY, /* NULL after the first buffer */
  MODE_EOS, /* NULL right after EOS */
  MODE_SEEK, /* three flushing seeks, then EOS, then NULL */
  N_MODES
} Mode;

static const char *const mode_names[] = { "resolving", "body", "eos",
  "seek" };

/* Posts of every shape: image, carousel (the post of the Debian 13 report),
 * progressive reel, DASH reel, feed video. */
static const char *const uris[] = {
  "https://www.instagram.com/p/" FAKE_SC_CAROUSEL "/",
  "https://www.instagram.com/reel/" FAKE_SC_REEL "/",
  "https://www.instagram.com/p/" FAKE_SC_IMAGE "/",
  "https://www.instagram.com/reel/" FAKE_SC_DASH "/",
  "https://www.instagram.com/p/" FAKE_SC_VIDEO "/",
};

/* ---- one child process -------------------------------------------------- */

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean got_buffer;
} FirstBuffer;

static GstPadProbeReturn
on_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  FirstBuffer *first = data;

  g_mutex_lock (&first->lock);
  first->got_buffer = TRUE;
  g_cond_signal (&first->cond);
  g_mutex_unlock (&first->lock);
  return GST_PAD_PROBE_REMOVE;
}

static gboolean
wait_first_buffer (FirstBuffer *first)
{
  gint64 end = g_get_monotonic_time () + CYCLE_TIMEOUT_S * G_USEC_PER_SEC;
  gboolean got;

  g_mutex_lock (&first->lock);
  while (!first->got_buffer && g_cond_wait_until (&first->cond, &first->lock,
             end))
    ;
  got = first->got_buffer;
  g_mutex_unlock (&first->lock);
  return got;
}

/* EOS, or FALSE on an ERROR or a timeout (said on stderr). */
static gboolean
wait_eos (GstElement *pipeline, const char *uri)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) msg = gst_bus_timed_pop_filtered (bus,
      CYCLE_TIMEOUT_S * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_autoptr (GError) error = NULL;

  if (msg == NULL) {
    g_printerr ("%s: no EOS within %d s\n", uri, CYCLE_TIMEOUT_S);
    return FALSE;
  }
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS)
    return TRUE;
  gst_message_parse_error (msg, &error, NULL);
  g_printerr ("%s: ERROR %s\n", uri, error->message);
  return FALSE;
}

/* Three flushing seeks: basesrc's unlock () then unlock_stop () each time,
 * with a request open. */
static gboolean
seek_around (GstElement *pipeline)
{
  static const gint64 offsets[] = { 4096, 0, 65536 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++) {
    if (!gst_element_seek_simple (pipeline, GST_FORMAT_BYTES,
            GST_SEEK_FLAG_FLUSH, offsets[i]))
      return TRUE; /* an image may not seek that far: not this test's point */
  }
  return TRUE;
}

static gboolean
cycle (Mode mode, const char *uri)
{
  g_autofree char *desc = g_strdup_printf (
      "instagramsrc uri=%s ! fakesink name=sink sync=false", uri);
  GstElement *pipeline = gst_parse_launch (desc, NULL);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  GstPad *pad = gst_element_get_static_pad (sink, "sink");
  FirstBuffer first = { 0 };
  gboolean ok = TRUE;

  g_mutex_init (&first.lock);
  g_cond_init (&first.cond);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_buffer, &first, NULL);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  if (mode == MODE_RESOLVING)
    g_usleep (g_random_int_range (0, 20000));
  else if (mode == MODE_BODY)
    ok = wait_first_buffer (&first);
  else if (mode == MODE_EOS)
    ok = wait_eos (pipeline, uri);
  else if (mode == MODE_SEEK)
    ok = wait_first_buffer (&first) && seek_around (pipeline)
        && wait_eos (pipeline, uri);
  if (!ok && mode == MODE_BODY)
    g_printerr ("%s: no buffer within %d s\n", uri, CYCLE_TIMEOUT_S);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  g_mutex_clear (&first.lock);
  g_cond_clear (&first.cond);
  return ok;
}

static int
child_main (const char *mode_name, guint cycles)
{
  Mode mode = N_MODES;

  for (guint m = 0; m < N_MODES; m++) {
    if (strcmp (mode_names[m], mode_name) == 0)
      mode = m;
  }
  if (mode == N_MODES)
    return 2;
  /* A critical or a warning is a failure, like an abort. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL
      | G_LOG_LEVEL_WARNING);
  for (guint i = 0; i < cycles; i++) {
    if (!cycle (mode, uris[(i + getpid ()) % G_N_ELEMENTS (uris)]))
      return 1;
  }
  return 0;
}

/* ---- the test: children per mode -------------------------------------- */

typedef struct
{
  guint passed, failed, aborted;
} Tally;

static void
tally_status (Tally *tally, gint status)
{
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    tally->passed++;
  else if (WIFSIGNALED (status))
    tally->aborted++;
  else
    tally->failed++;
}

/* The command that runs "@hosts is /etc/hosts, then COMMAND ARGS" in a
 * private mount namespace; @user_ns: in a new user namespace too (for a
 * user who is not root). */
static GPtrArray *
namespace_argv (const char *hosts, gboolean user_ns)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "unshare");
  if (user_ns)
    g_ptr_array_add (argv, (char *) "--map-root-user");
  g_ptr_array_add (argv, (char *) "--mount");
  g_ptr_array_add (argv, (char *) "--propagation=private");
  g_ptr_array_add (argv, (char *) "/bin/sh");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, (char *) "mount --bind \"$0\" /etc/hosts && exec \"$@\"");
  g_ptr_array_add (argv, (char *) hosts);
  return argv;
}

/* TRUE when FAKE_HOST resolves to 127.0.0.1 inside such a namespace. */
static gboolean
namespace_works (const char *hosts, gboolean user_ns)
{
  GPtrArray *argv = namespace_argv (hosts, user_ns);
  g_autofree char *out = NULL;
  gint status = -1;

  g_ptr_array_add (argv, (char *) "getent");
  g_ptr_array_add (argv, (char *) "hosts");
  g_ptr_array_add (argv, (char *) FAKE_HOST);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
      G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
      NULL, &status, NULL);
  g_ptr_array_unref (argv);
  return status == 0 && out != NULL && g_str_has_prefix (out, "127.0.0.1");
}

/* Runs PROCESSES children of @mode in @prefix's namespace, two at a time. */
static void
run_mode (GPtrArray *prefix, const char *self, Mode mode, guint cycles,
    Tally *tally)
{
  g_autofree char *count = g_strdup_printf ("%u", cycles);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_extend (argv, prefix, NULL, NULL);
  g_ptr_array_add (argv, (char *) self);
  g_ptr_array_add (argv, (char *) "--child");
  g_ptr_array_add (argv, (char *) mode_names[mode]);
  g_ptr_array_add (argv, count);
  g_ptr_array_add (argv, NULL);

  for (guint started = 0; started < PROCESSES; started += 2) {
    GPid pids[2];
    gint status;

    for (guint j = 0; j < 2; j++) {
      g_autoptr (GError) error = NULL;

      fail_unless (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                       G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH, NULL,
                       NULL, &pids[j], &error),
          "spawn: %s", error ? error->message : "?");
    }
    for (guint j = 0; j < 2; j++) {
      fail_unless (waitpid (pids[j], &status, 0) == pids[j]);
      tally_status (tally, status);
    }
  }
}

static char *self_path;
static guint n_cycles = DEFAULT_CYCLES;
static GPtrArray *namespace_prefix; /* runs a child with FAKE_HOST */

/* The children's /etc/hosts, FAKE_HOST for the loopback address, in a new
 * temporary directory. */
static char *
write_hosts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("igstress-XXXXXX", NULL);
  char *path = g_build_filename (dir, "hosts", NULL);

  if (!g_file_set_contents (path,
          "127.0.0.1 localhost\n127.0.0.1 " FAKE_HOST "\n::1 localhost\n", -1,
          NULL))
    g_error ("cannot write %s", path);
  return path;
}

static void
remove_hosts (char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
}

/* The fake's base with FAKE_HOST for 127.0.0.1, for the element. */
static void
point_at_host (FakeInstagram *fake)
{
  g_autoptr (GUri) uri = g_uri_parse (fake_instagram_get_base (fake),
      G_URI_FLAGS_NONE, NULL);
  g_autofree char *base = g_strdup_printf ("http://" FAKE_HOST ":%d",
      g_uri_get_port (uri));

  g_setenv ("GST_INSTAGRAM_WWW_BASE", base, TRUE);
  g_setenv ("GST_INSTAGRAM_MOBILE_BASE", base, TRUE);
}

GST_START_TEST (test_teardown_cycles)
{
  FakeInstagram *fake = ig_test_start_fake ();
  Tally tallies[N_MODES] = { { 0 } };
  guint bad = 0;

  point_at_host (fake);
  /* as a player runs: the default proxy resolver */
  g_unsetenv ("GIO_USE_PROXY_RESOLVER");
  for (guint m = 0; m < N_MODES; m++) {
    run_mode (namespace_prefix, self_path, m, n_cycles, &tallies[m]);
    g_print ("teardown stress: %-9s %u processes x %u cycles: %u passed, "
             "%u aborted, %u failed\n",
        mode_names[m], PROCESSES, n_cycles, tallies[m].passed,
        tallies[m].aborted, tallies[m].failed);
    bad += tallies[m].aborted + tallies[m].failed;
  }
  ig_test_stop_fake (fake);
  fail_unless (bad == 0, "%u of %u processes aborted or failed", bad,
      PROCESSES * N_MODES);
}
GST_END_TEST;

static Suite *
stress_suite (void)
{
  Suite *s = suite_create ("stress");
  TCase *tc = tcase_create ("teardown");

  tcase_set_timeout (tc, 900);
  tcase_add_test (tc, test_teardown_cycles);
  suite_add_tcase (s, tc);
  return s;
}

int
main (int argc, char **argv)
{
  char *hosts;
  int status;

  if (argc == 4 && strcmp (argv[1], "--child") == 0) {
    gst_init (NULL, NULL);
    return child_main (argv[2], (guint) atoi (argv[3]));
  }
  self_path = g_canonicalize_filename (argv[0], NULL);
  if (g_getenv ("IG_STRESS_CYCLES") != NULL)
    n_cycles = (guint) atoi (g_getenv ("IG_STRESS_CYCLES"));
  /* fewer under the sanitizers, whose children are several times slower */
  else if (ig_test_under_memory_checker ())
    n_cycles = 10;
  hosts = write_hosts ();
  if (namespace_works (hosts, FALSE))
    namespace_prefix = namespace_argv (hosts, FALSE);
  else if (namespace_works (hosts, TRUE))
    namespace_prefix = namespace_argv (hosts, TRUE);
  if (namespace_prefix == NULL) {
    g_print ("SKIP: no private mount namespace here (unshare --mount, as "
             "root or in a user namespace), so no host name for the fake\n");
    remove_hosts (hosts);
    return 77;
  }
  gst_check_init (&argc, &argv);
  status = gst_check_run_suite (stress_suite (), "stress", __FILE__);
  g_ptr_array_unref (namespace_prefix);
  remove_hosts (hosts);
  g_free (self_path);
  return status;
}
