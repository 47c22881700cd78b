/* Micro-benchmark of the rate limiter: the cost of one
 * ig_rate_limiter_reserve() that is granted, in-process and with the state
 * file, as the median over batches. Limits are high enough never to wait;
 * a fake clock steps forward so the file holds a steady number of stamps
 * (the windows' stamps are what every call reads and rewrites).
 *
 *   bench-ratelimit [BATCHES]
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit.h"
#include "ig-test-files.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#define BATCH 100
#define HIGH "1000000000"

static gint64 fake_now;
static gint64 fake_step;

static gint64
stepping_clock (gpointer user_data)
{
  fake_now += fake_step;
  return fake_now;
}

static gint
cmp_double (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

static void
one_request (IgRateLimiter *rl, const IgRateLimits *limits, guint i)
{
  static const char *const keys[] = { "27130156389949648", "8845758582119845" };
  IgRateClass cls = i % 4 == 3 ? IG_RATE_CLASS_MOBILE
      : i % 4 == 2             ? IG_RATE_CLASS_OTHER
                               : IG_RATE_CLASS_GRAPHQL;

  if (ig_rate_limiter_reserve (rl, limits, cls, keys[i % 2], NULL) != 0)
    g_error ("the benchmark's limits made a request wait");
}

/* Median microseconds per call over @batches batches of BATCH calls,
 * alternating between @a and @b (two "processes"; pass @a twice for one);
 * the mean of all batches in *mean. */
static gdouble
measure (IgRateLimiter *a, IgRateLimiter *b, const IgRateLimits *limits,
    guint batches, gdouble *mean)
{
  g_autofree gdouble *per_call = g_new (gdouble, batches);
  guint n = 0;

  *mean = 0;
  for (guint k = 0; k < batches; k++) {
    gint64 start = g_get_monotonic_time ();

    for (guint i = 0; i < BATCH; i++, n++)
      one_request (n % 2 ? b : a, limits, n);
    per_call[k] = (gdouble) (g_get_monotonic_time () - start) / BATCH;
    *mean += per_call[k] / batches;
  }
  qsort (per_call, batches, sizeof (gdouble), cmp_double);
  return per_call[batches / 2];
}

static IgRateLimits
high_limits (void)
{
  IgRateLimits limits;

  ig_rate_limits_init (&limits);
  if (!ig_rate_limits_parse ("graphql=" HIGH "/660,graphql-total=" HIGH
                             "/600,mobile=" HIGH "/1800,other=" HIGH
                             "/660,jitter=0",
          &limits, NULL))
    g_error ("bad limits");
  return limits;
}

static void
bench_in_process (guint batches)
{
  IgRateLimits limits = high_limits ();
  IgRateLimiter *rl = ig_rate_limiter_new (NULL, NULL, NULL);
  gdouble mean, median = measure (rl, rl, &limits, batches, &mean);

  g_print ("in-process (real clock, %u calls):  median %.3f us/reserve, "
           "mean %.3f\n",
      batches * BATCH, median, mean);
  ig_rate_limiter_free (rl);
}

/* With the state file; the clock steps so that about @stamps stamps stay
 * within the longest window (1800 s + 18 s). */
static void
bench_file (const char *dir, guint stamps, gboolean two, guint batches)
{
  IgRateLimits limits = high_limits ();
  g_autofree char *path = g_build_filename (dir, "rate-limit", NULL);
  IgRateLimiter *a, *b;
  GStatBuf st = { 0 };
  gdouble median, mean;

  g_unlink (path);
  fake_now = g_get_real_time () - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  fake_step = (gint64) 1818 * G_USEC_PER_SEC / stamps;
  a = ig_rate_limiter_new (path, stepping_clock, NULL);
  b = two ? ig_rate_limiter_new (path, stepping_clock, NULL) : a;
  for (guint i = 0; i < stamps + 10; i++) /* fill to the steady state */
    one_request (a, &limits, i);
  median = measure (a, b, &limits, batches, &mean);
  g_stat (path, &st);
  g_print ("state file, ~%4u stamps, %s:  median %.3f us/reserve, mean "
           "%.3f  [file %ld bytes]\n",
      stamps, two ? "2 limiters alternating" : "1 limiter             ", median,
      mean, (long) st.st_size);
  if (two)
    ig_rate_limiter_free (b);
  ig_rate_limiter_free (a);
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  guint batches = argc > 1 ? (guint) atoi (argv[1]) : 501;
  g_autofree char *dir = g_dir_make_tmp ("bench-ratelimit-XXXXXX", NULL);
  const guint sizes[] = { 10, 100, 550, 1200 };

  if (batches == 0 || dir == NULL)
    return 1;
  bench_in_process (batches);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++) {
    bench_file (dir, sizes[i], FALSE, MAX (batches / 5, 3));
    bench_file (dir, sizes[i], TRUE, MAX (batches / 5, 3));
  }
  ig_test_remove_tree (dir);
  return 0;
}
