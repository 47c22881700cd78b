/* gst-instagram tests: what a media file holds, for the README recipes'
 * test. Prints the container type, then one line per elementary stream
 * (as parsebin exposes it) with its caps name, size, rate and the number
 * of buffers (frames for video):
 *
 *   container video/x-matroska
 *   stream video/x-h264 width=720 height=1280 buffers=60
 *   stream audio/mpeg rate=44100 channels=2 buffers=87
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/base/gsttypefindhelper.h>
#include <gst/gst.h>

typedef struct
{
  GstPad *pad;
  GstCaps *caps; /* taken from the first buffer's pad */
  guint buffers;
} Stream;

static GPtrArray *streams;

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  Stream *stream = data;

  if (stream->caps == NULL)
    stream->caps = gst_pad_get_current_caps (pad);
  stream->buffers++;
  return GST_PAD_PROBE_OK;
}

static void
on_pad_added (GstElement *parsebin, GstPad *pad, GstElement *pipeline)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  GstPad *sinkpad;
  Stream *stream = g_new0 (Stream, 1);

  /* no preroll: one thread feeds every stream of a pulled file */
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (pipeline), sink);
  gst_element_sync_state_with_parent (sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_link (pad, sinkpad);
  stream->pad = sinkpad;
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer, stream,
      NULL);
  g_ptr_array_add (streams, stream);
}

static void
print_stream (Stream *stream)
{
  GstCaps *caps = stream->caps;
  GstStructure *s = caps ? gst_caps_get_structure (caps, 0) : NULL;
  gint a, b;

  g_print ("stream %s", s ? gst_structure_get_name (s) : "?");
  if (s && gst_structure_get_int (s, "width", &a)
      && gst_structure_get_int (s, "height", &b))
    g_print (" width=%d height=%d", a, b);
  if (s && gst_structure_get_int (s, "rate", &a))
    g_print (" rate=%d", a);
  if (s && gst_structure_get_int (s, "channels", &a))
    g_print (" channels=%d", a);
  g_print (" buffers=%u\n", stream->buffers);
}

static void
stream_free (gpointer data)
{
  Stream *stream = data;

  gst_clear_caps (&stream->caps);
  gst_object_unref (stream->pad);
  g_free (stream);
}

static void
print_container (const char *path)
{
  GstCaps *caps = NULL;
  gchar *data = NULL;
  gsize length = 0;

  if (g_file_get_contents (path, &data, &length, NULL))
    caps = gst_type_find_helper_for_data (NULL, (guint8 *) data, length, NULL);
  g_print ("container %s\n",
      caps ? gst_structure_get_name (gst_caps_get_structure (caps, 0)) : "?");
  if (caps)
    gst_caps_unref (caps);
  g_free (data);
}

int
main (int argc, char **argv)
{
  GstElement *pipeline, *src, *parse;
  GstMessage *msg;
  int status = 0;

  gst_init (&argc, &argv);
  if (argc != 2) {
    g_printerr ("usage: ig-probe FILE\n");
    return 2;
  }
  print_container (argv[1]);
  streams = g_ptr_array_new_with_free_func (stream_free);
  pipeline = gst_pipeline_new (NULL);
  src = gst_element_factory_make ("filesrc", NULL);
  parse = gst_element_factory_make ("parsebin", NULL);
  g_object_set (src, "location", argv[1], NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, parse, NULL);
  gst_element_link (src, parse);
  g_signal_connect (parse, "pad-added", G_CALLBACK (on_pad_added), pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipeline), 30 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (msg == NULL || GST_MESSAGE_TYPE (msg) != GST_MESSAGE_EOS) {
    g_autoptr (GError) error = NULL;

    if (msg != NULL)
      gst_message_parse_error (msg, &error, NULL);
    g_printerr ("ig-probe: %s did not play to the end: %s\n", argv[1],
        error ? error->message : "timeout");
    status = 1;
  }
  g_clear_pointer (&msg, gst_message_unref);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  for (guint i = 0; i < streams->len; i++)
    print_stream (g_ptr_array_index (streams, i));
  g_ptr_array_unref (streams);
  gst_object_unref (pipeline);
  return status;
}
