/* gst-instagram benchmark helper: runs one source pipeline into fakesink
 * and reports the time to the first buffer, the bytes and the wall time,
 * as one JSON line.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/gst.h>

typedef struct
{
  gint64 start;
  gint64 first;
  gint64 resolved; /* instagram-media posted: API work done */
  guint64 bytes;
} Stats;

static GstBusSyncReply
on_message (GstBus *bus, GstMessage *msg, gpointer data)
{
  Stats *stats = data;

  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT
      && gst_message_has_name (msg, "instagram-media") && !stats->resolved)
    stats->resolved = g_get_monotonic_time ();
  return GST_BUS_PASS;
}

static void
on_handoff (GstElement *sink, GstBuffer *buf, GstPad *pad, Stats *stats)
{
  if (stats->first == 0)
    stats->first = g_get_monotonic_time ();
  stats->bytes += gst_buffer_get_size (buf);
}

static int
run (const char *source, Stats *stats)
{
  g_autofree char *launch = g_strdup_printf (
      "%s ! fakesink name=sink sync=false signal-handoffs=true", source);
  g_autoptr (GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (launch, &error);
  GstElement *sink;
  GstMessage *msg;
  int rc;

  if (pipeline == NULL) {
    g_printerr ("%s: %s\n", launch, error->message);
    return 2;
  }
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), stats);
  gst_bus_set_sync_handler (GST_ELEMENT_BUS (pipeline), on_message, stats,
      NULL);
  stats->start = g_get_monotonic_time ();
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipeline),
      600 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  rc = msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS ? 0 : 1;
  if (msg != NULL)
    gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return rc;
}

int
main (int argc, char **argv)
{
  Stats stats = {
    0,
  };
  gint64 end;
  int rc;

  gst_init (&argc, &argv);
  if (argc != 2) {
    g_printerr ("usage: %s 'SOURCE-ELEMENT props...'\n", argv[0]);
    return 2;
  }
  rc = run (argv[1], &stats);
  end = g_get_monotonic_time ();
  g_print ("{\"ok\": %s, \"bytes\": %" G_GUINT64_FORMAT
           ", \"first_buffer_ms\": %.3f, \"resolved_ms\": %.3f"
           ", \"wall_s\": %.4f}\n",
      rc == 0 ? "true" : "false", stats.bytes,
      (stats.first - stats.start) / 1000.0,
      stats.resolved ? (stats.resolved - stats.start) / 1000.0 : 0.0,
      (end - stats.start) / 1e6);
  return rc;
}
