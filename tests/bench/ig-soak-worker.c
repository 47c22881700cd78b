/* gst-instagram soak (ig-soak.c): one of the processes. Resolves and
 * downloads crowd posts FIRST .. FIRST + COUNT - 1 of the fake Instagram
 * through the core (IgSource, the element's engine), with the settings and
 * the shared state the environment gives (GST_INSTAGRAM_WWW_BASE,
 * GST_INSTAGRAM_RATE_LIMITS, XDG_CACHE_HOME), each into OUT_DIR/N.mp4
 * (written as N.part, renamed when whole). It is linked with the core's
 * fault points (IG_TEST_HOOK), so the driver can also kill it in the
 * middle of a replace. Tells the driver, one line each, unbuffered:
 *   wait SECONDS        a rate-limit wait
 *   warning MESSAGE     a warning (the soak allows none)
 *   done N SECONDS      post N is saved, in that many seconds
 *   error N MESSAGE     post N failed (then exits 2)
 *
 *   ig-soak-worker FIRST COUNT OUT_DIR
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-instagram.h"
#include "ig-source.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* fake-media.h's crowd */
#define CROWD 64

static void tell (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
tell (const char *format, ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  /* one write: a kill never leaves half a line */
  if (write (STDOUT_FILENO, line, strlen (line)) < 0)
    exit (3);
}

static void
on_warning (gpointer data, const GError *warning)
{
  tell ("warning %s\n", warning->message);
}

static void
on_rate_wait (gpointer data, gdouble seconds, IgRateClass cls,
    gboolean instagram_asked)
{
  tell ("wait %.3f\n", seconds);
}

static const IgSourceListener listener = {
  .events = { .warning = on_warning, .rate_wait = on_rate_wait },
};

/* The media of @source into @path. */
static gboolean
download (IgSource *source, const char *path, GError **error)
{
  g_autofree guint8 *buf = g_malloc (128 * 1024);
  FILE *out;
  gssize n;

  if (!ig_source_open (source, NULL, error))
    return FALSE;
  out = fopen (path, "wb");
  if (out == NULL)
    g_error ("%s: cannot write", path);
  while ((n = ig_source_read (source, buf, 128 * 1024, NULL, error)) > 0)
    fwrite (buf, 1, (gsize) n, out);
  fclose (out);
  return n == 0;
}

static gboolean
resolve (guint n, const char *out_dir, GError **error)
{
  g_autofree char *code = fake_instagram_crowd_shortcode (n % CROWD);
  g_autofree char *part = g_strdup_printf ("%s/%u.part", out_dir, n);
  g_autofree char *done = g_strdup_printf ("%s/%u.mp4", out_dir, n);
  IgSourceOptions options;
  IgSource *source;
  gboolean ok;

  ig_source_options_init (&options);
  options.uri = g_strdup_printf ("https://www.instagram.com/p/%s/", code);
  source = ig_source_new (&options, &listener, NULL, error);
  ok = source != NULL && download (source, part, error)
      && g_rename (part, done) == 0;
  ig_source_free (source);
  ig_source_options_clear (&options);
  return ok;
}

int
main (int argc, char **argv)
{
  guint first, count;

  if (argc != 4)
    g_error ("usage: ig-soak-worker FIRST COUNT OUT_DIR");
  first = (guint) atoi (argv[1]);
  count = (guint) atoi (argv[2]);
  for (guint n = first; n < first + count; n++) {
    g_autoptr (GError) error = NULL;
    gint64 start = g_get_monotonic_time ();

    if (!resolve (n, argv[3], &error)) {
      tell ("error %u %s\n", n, error != NULL ? error->message : "?");
      return 2;
    }
    tell ("done %u %.3f\n", n, (g_get_monotonic_time () - start) / 1e6);
  }
  return 0;
}
