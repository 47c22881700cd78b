/* gst-instagram soak: PROCESSES worker processes (ig-soak-worker.c) each
 * resolve and download RESOLUTIONS posts of one fake Instagram, sharing
 * one rate-limit state and resolver cache (one XDG_CACHE_HOME), under
 * limits tight enough that they wait, while this driver SIGKILLs random
 * workers at random times and some workers are told to die at a random
 * step of a replace (IG_TEST_HOOK=STEP:kill:N). A killed worker is started
 * again from its first unfinished post. It fails (exit 1) when a worker
 * makes no progress for BOUND seconds (a deadlock), any window of the
 * fake's request log holds more requests than the limit, a finished file
 * differs from the post's media, or any worker warned (a corrupt state
 * file is a warning). Prints its figures either way.
 *
 *   ig-soak [--processes 8] [--resolutions 6] [--kills 6] ...
 *
 * The suite runs a short soak; tests/bench/bench-soak.sh the long one.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-instagram.h"
#include "fake-media.h"
#include "ig-test-files.h"
#include "ig-test-window.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  gint processes, resolutions, kills, self_kill_percent;
  gint graphql, other, window_s; /* the limits: N per window_s */
  gint bound_s; /* longest time a worker may go without finishing a post */
} Settings;

typedef struct
{
  guint next, end; /* the posts left: next .. end - 1 */
  GPid pid; /* 0: not running */
  int out; /* its stdout */
  GString *line; /* what came of the current line */
  gint64 progress_us; /* started, or finished a post */
  gboolean killed; /* by the driver */
} Worker;

typedef struct
{
  Settings set;
  char *dir, *out_dir;
  char **env;
  const char *expected; /* the crowd's media file */
  guint done, identical, spawns, kills, self_kills, warnings, failures;
  gdouble longest_wait, longest_resolution;
  gboolean deadlock;
} Soak;

/* The steps of a replace (ig-locked-file.c) a worker may be killed at. */
static const char *const steps[] = { "locked", "temp-open", "temp-half",
  "temp-written", "temp-synced", "renamed", "dir-synced" };

static void
spawn (Soak *s, Worker *w)
{
  g_autofree char *first = g_strdup_printf ("%u", w->next);
  g_autofree char *count = g_strdup_printf ("%u", w->end - w->next);
  g_auto (GStrv) env = g_strdupv (s->env);
  const char *argv[] = { IG_SOAK_WORKER, first, count, s->out_dir, NULL };
  g_autoptr (GError) error = NULL;

  /* each post passes each step about twice (a stamp, the cache): most of
   * these die before their last post */
  if (g_random_int_range (0, 100) < s->set.self_kill_percent) {
    g_autofree char *hook = g_strdup_printf ("%s:kill:%d",
        steps[g_random_int_range (0, G_N_ELEMENTS (steps))],
        g_random_int_range (1, 2 * (gint) (w->end - w->next) + 1));

    env = g_environ_setenv (env, "IG_TEST_HOOK", hook, TRUE);
  }
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, env,
          G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &w->pid, NULL, &w->out, NULL,
          &error))
    g_error ("%s", error->message);
  g_unix_set_fd_nonblocking (w->out, TRUE, NULL);
  g_string_truncate (w->line, 0);
  w->progress_us = g_get_monotonic_time ();
  w->killed = FALSE;
  s->spawns++;
}

/* One line of a worker (ig-soak-worker.c says which). */
static void
heard (Soak *s, Worker *w, const char *line)
{
  guint n;
  gdouble t;

  if (sscanf (line, "wait %lf", &t) == 1) {
    s->longest_wait = MAX (s->longest_wait, t);
  } else if (sscanf (line, "done %u %lf", &n, &t) == 2) {
    g_autofree char *path = g_strdup_printf ("%s/%u.mp4", s->out_dir, n);

    s->done++;
    s->identical += ig_test_files_equal (path, s->expected);
    s->longest_resolution = MAX (s->longest_resolution, t);
    w->next = n + 1;
    w->progress_us = g_get_monotonic_time ();
  } else {
    g_printerr ("worker %d: %s\n", (int) w->pid, line);
    s->warnings += g_str_has_prefix (line, "warning ");
    s->failures += !g_str_has_prefix (line, "warning ");
  }
}

static void
drain (Soak *s, Worker *w)
{
  char buf[4096];
  ssize_t n;

  while ((n = read (w->out, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] != '\n') {
        g_string_append_c (w->line, buf[i]);
        continue;
      }
      heard (s, w, w->line->str);
      g_string_truncate (w->line, 0);
    }
  }
}

/* Collects a worker that ended; starts it again when it was killed. */
static void
ended (Soak *s, Worker *w, int status)
{
  drain (s, w);
  close (w->out);
  w->pid = 0;
  if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL) {
    s->self_kills += !w->killed;
    if (w->next < w->end)
      spawn (s, w);
  } else if (!WIFEXITED (status) || WEXITSTATUS (status) != 0
      || w->next < w->end) {
    g_printerr ("worker ended with status %d\n", status);
    s->failures++;
  }
}

/* Kills a random running worker. */
static void
kill_one (Soak *s, Worker *workers)
{
  Worker *w = &workers[g_random_int_range (0, s->set.processes)];

  if (w->pid == 0)
    return;
  kill (w->pid, SIGKILL);
  w->killed = TRUE;
  s->kills++;
}

/* Runs the workers until all are done (or one is stuck). */
static void
run (Soak *s, Worker *workers)
{
  gint64 next_kill = g_get_monotonic_time () + G_USEC_PER_SEC;
  guint running;

  do {
    gint64 now = g_get_monotonic_time ();
    int status;

    g_usleep (20000);
    running = 0;
    for (gint i = 0; i < s->set.processes; i++) {
      Worker *w = &workers[i];

      if (w->pid == 0)
        continue;
      drain (s, w);
      if (waitpid (w->pid, &status, WNOHANG) == w->pid)
        ended (s, w, status);
      if (w->pid != 0
          && now - w->progress_us > s->set.bound_s * G_USEC_PER_SEC) {
        g_printerr ("worker %d: no post finished in %d s\n", (int) w->pid,
            s->set.bound_s);
        s->deadlock = TRUE;
      }
      running += w->pid != 0;
    }
    if ((gint) s->kills < s->set.kills && now > next_kill) {
      kill_one (s, workers);
      next_kill = now + g_random_int_range (200, 1500) * 1000;
    }
  } while (running > 0 && !s->deadlock);
}

/* The peaks of the GraphQL and the other API requests in the log. */
static guint
peaks (FakeInstagram *fake, gint window_s, guint *graphql, guint *other)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autoptr (GArray) g = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) o = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (g_str_has_prefix (req->path, "/cdn/"))
      continue;
    if (g_str_has_prefix (req->path, "/api/graphql")
        || g_str_has_prefix (req->path, "/graphql/query"))
      g_array_append_val (g, req->time_us);
    else
      g_array_append_val (o, req->time_us);
  }
  /* 50 ms less: a request is stamped just before it is sent */
  *graphql = ig_test_peak_in_window (g, window_s * G_USEC_PER_SEC - 50000);
  *other = ig_test_peak_in_window (o, window_s * G_USEC_PER_SEC - 50000);
  return g->len + o->len;
}

static gboolean
parse_settings (int *argc, char ***argv, Settings *set, GError **error)
{
  const GOptionEntry entries[] = {
    { "processes", 0, 0, G_OPTION_ARG_INT, &set->processes,
        "Worker processes at once", "N" },
    { "resolutions", 0, 0, G_OPTION_ARG_INT, &set->resolutions,
        "Posts each process resolves and downloads", "N" },
    { "kills", 0, 0, G_OPTION_ARG_INT, &set->kills,
        "Workers the driver SIGKILLs at random times", "N" },
    { "self-kill-percent", 0, 0, G_OPTION_ARG_INT, &set->self_kill_percent,
        "Share of started workers that die at a random replace step", "P" },
    { "graphql", 0, 0, G_OPTION_ARG_INT, &set->graphql,
        "GraphQL requests allowed per window", "N" },
    { "other", 0, 0, G_OPTION_ARG_INT, &set->other,
        "Other API requests allowed per window", "N" },
    { "window", 0, 0, G_OPTION_ARG_INT, &set->window_s, "The window", "S" },
    { "bound", 0, 0, G_OPTION_ARG_INT, &set->bound_s,
        "Longest time a worker may go without finishing a post", "S" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

/* The workers' environment: the fake, the limits, one cache. */
static char **
worker_env (const Settings *set, FakeInstagram *fake, const char *dir)
{
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *limits = g_strdup_printf ("graphql=100000/600,"
                                             "graphql-total=%d/%d,"
                                             "mobile=100/600,other=%d/%d,"
                                             "jitter=0",
      set->graphql, set->window_s, set->other, set->window_s);
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "GST_INSTAGRAM_WWW_BASE",
      fake_instagram_get_base (fake), TRUE);
  env = g_environ_setenv (env, "GST_INSTAGRAM_MOBILE_BASE",
      fake_instagram_get_base (fake), TRUE);
  env = g_environ_setenv (env, "GST_INSTAGRAM_RATE_LIMITS", limits, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  env = g_environ_unsetenv (env, "GST_INSTAGRAM_CACHE_DIR");
  return g_environ_unsetenv (env, "IG_TEST_HOOK");
}

static gboolean
report (Soak *s, FakeInstagram *fake, gdouble seconds)
{
  const Settings *set = &s->set;
  guint total = (guint) (set->processes * set->resolutions), graphql, other;
  guint requests = peaks (fake, set->window_s, &graphql, &other);

  g_print ("soak: %d processes x %d resolutions: %u finished, %u "
           "byte-identical; %u processes started, %u killed by the driver, "
           "%u at a replace step; longest rate-limit wait %.2f s, longest "
           "resolution %.2f s; most requests in any %d s window: GraphQL %u "
           "(limit %d), other %u (limit %d); %u API requests; %u warnings, "
           "%u failures%s; %.1f s\n",
      set->processes, set->resolutions, s->done, s->identical, s->spawns,
      s->kills, s->self_kills, s->longest_wait, s->longest_resolution,
      set->window_s, graphql, set->graphql, other, set->other, requests,
      s->warnings, s->failures, s->deadlock ? ", STUCK" : "", seconds);
  return s->done == total && s->identical == total && !s->deadlock
      && s->warnings == 0 && s->failures == 0 && graphql <= (guint) set->graphql
      && other <= (guint) set->other;
}

int
main (int argc, char **argv)
{
  Soak s = { .set = { 8, 6, 10, 60, 8, 8, 2, 60 } };
  g_autoptr (GError) error = NULL;
  FakeInstagram *fake;
  Worker *workers;
  gint64 start;
  gboolean ok;

  if (!parse_settings (&argc, &argv, &s.set, &error))
    g_error ("%s", error->message);
  fake = fake_instagram_new (NULL, &error);
  g_assert_no_error (error);
  s.dir = g_dir_make_tmp ("ig-soak-XXXXXX", NULL);
  s.out_dir = g_build_filename (s.dir, "out", NULL);
  g_mkdir (s.out_dir, 0700);
  s.env = worker_env (&s.set, fake, s.dir);
  s.expected = fake_instagram_get_media_path (fake, FAKE_MEDIA_VIDEO);
  workers = g_new0 (Worker, s.set.processes);
  start = g_get_monotonic_time ();
  for (gint i = 0; i < s.set.processes; i++) {
    workers[i].next = (guint) (i * s.set.resolutions);
    workers[i].end = workers[i].next + (guint) s.set.resolutions;
    workers[i].line = g_string_new (NULL);
    spawn (&s, &workers[i]);
  }
  run (&s, workers);
  ok = report (&s, fake, (g_get_monotonic_time () - start) / 1e6);
  for (gint i = 0; i < s.set.processes; i++) {
    if (workers[i].pid != 0) /* stuck: do not leave it behind */
      kill (workers[i].pid, SIGKILL);
    g_string_free (workers[i].line, TRUE);
  }
  g_free (workers);
  fake_instagram_free (fake);
  ig_test_remove_tree (s.dir);
  g_free (s.dir);
  g_free (s.out_dir);
  g_strfreev (s.env);
  return ok ? 0 : 1;
}
