/* gst-instagram benchmark: what the URI handler costs the elements a DASH
 * demuxer creates for every segment URL (gst_element_make_from_uri), with
 * and without instagramsrc in the registry. Run by bench-make-from-uri.sh,
 * which calls it once with the plugin and once without.
 *
 *   bench-make-from-uri N   prints "<factory> <microseconds per element>"
 *                           for a CDN URL and then for an Instagram URL
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/gst.h>
#include <stdlib.h>

static void
measure (const char *uri, guint n)
{
  gint64 t0 = g_get_monotonic_time ();
  char *factory = NULL;

  for (guint i = 0; i < n; i++) {
    GstElement *e = gst_element_make_from_uri (GST_URI_SRC, uri, NULL, NULL);

    if (e == NULL) {
      g_printerr ("no element for %s\n", uri);
      exit (1);
    }
    if (factory == NULL)
      factory = g_strdup (GST_OBJECT_NAME (gst_element_get_factory (e)));
    gst_object_unref (e);
  }
  g_print ("%s %.2f\n", factory, (g_get_monotonic_time () - t0) / (double) n);
  g_free (factory);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 5000;

  gst_init (&argc, &argv);
  /* warm-up: the first lookup loads the plugins */
  measure ("https://scontent-lhr8-1.cdninstagram.com/v/t51.2885-15/1_n.jpg",
      10);
  measure ("https://instagram.fmad3-1.fna.fbcdn.net/o1/v/t16/f2/m69/AQ.mp4"
           "?strext=1&oh=00_AfD1&oe=6860B517",
      n);
  measure ("https://www.instagram.com/reel/DASHreel4sQ/", n);
  return 0;
}
