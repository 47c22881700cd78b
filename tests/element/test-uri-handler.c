/* instagramsrc as a URI handler: Instagram URIs go to instagramsrc, every
 * other https URI still to souphttpsrc.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>

static gchar *
factory_for (const char *uri)
{
  g_autoptr (GError) error = NULL;
  GstElement *element =
      gst_element_make_from_uri (GST_URI_SRC, uri, NULL, &error);
  gchar *name;

  if (element == NULL)
    return NULL;
  name = g_strdup (GST_OBJECT_NAME (gst_element_get_factory (element)));
  gst_object_unref (element);
  return name;
}

static void
assert_factory (const char *uri, const char *expected)
{
  g_autofree gchar *name = factory_for (uri);

  fail_unless_equals_string (name, expected);
}

GST_START_TEST (test_instagram_uris_pick_instagramsrc)
{
  assert_factory ("https://www.instagram.com/reel/Chunk8-jurw/",
      "instagramsrc");
  assert_factory ("https://www.instagram.com/p/DLAi8xlySmh/?img_index=2",
      "instagramsrc");
  assert_factory ("http://instagram.com/tv/aye83DjauH", "instagramsrc");
  assert_factory ("https://instagr.am/p/DLAi8xlySmh/", "instagramsrc");
  assert_factory ("instagram://media?id=3657076607422114209", "instagramsrc");
  assert_factory ("instagram://reel/Chunk8-jurw", "instagramsrc");
  /* lists: a profile, its reels tab */
  assert_factory ("https://www.instagram.com/natgeo/", "instagramsrc");
  assert_factory ("https://www.instagram.com/natgeo/reels/", "instagramsrc");
  assert_factory ("instagram://user?username=natgeo", "instagramsrc");
}
GST_END_TEST;

GST_START_TEST (test_other_uris_keep_souphttpsrc)
{
  assert_factory ("https://example.com/x", "souphttpsrc");
  assert_factory ("http://127.0.0.1:9/video.mp4", "souphttpsrc");
  /* Demuxers fetch CDN fragments through make_from_uri too. */
  assert_factory ("https://scontent.cdninstagram.com/v/t51/1_n.jpg?oe=68",
      "souphttpsrc");
  assert_factory ("https://instagram.fxxx.fna.fbcdn.net/o1/v/t16/a.mp4",
      "souphttpsrc");
  assert_factory ("https://www.instagram.com/explore/", "souphttpsrc");
  assert_factory ("https://www.instagram.com/accounts/login/", "souphttpsrc");
  assert_factory ("https://www.instagram.com/direct/inbox/", "souphttpsrc");
  assert_factory ("https://www.instagram.com/natgeo/tagged/", "souphttpsrc");
}
GST_END_TEST;

GST_START_TEST (test_set_uri_rejects_with_bad_uri)
{
  GstElement *src = gst_element_factory_make ("instagramsrc", NULL);
  g_autoptr (GError) error = NULL;

  fail_unless (src != NULL);
  fail_if (gst_uri_handler_set_uri (GST_URI_HANDLER (src),
      "https://example.com/p/Chunk8-jurw/", &error));
  fail_unless (g_error_matches (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI));
  fail_unless (strstr (error->message, "https://example.com/p/Chunk8-jurw/")
          != NULL,
      "%s", error->message);
  fail_unless (strstr (error->message, "Accepted forms") != NULL, "%s",
      error->message);
  g_clear_error (&error);
  fail_unless (gst_uri_handler_set_uri (GST_URI_HANDLER (src),
      "https://www.instagram.com/reel/Chunk8-jurw/", &error));
  fail_unless (error == NULL);
  gst_object_unref (src);
}
GST_END_TEST;

GST_START_TEST (test_uri_property_round_trip)
{
  GstElement *src = gst_element_factory_make ("instagramsrc", NULL);
  g_autofree gchar *uri = NULL;

  g_object_set (src, "uri", "https://www.instagram.com/p/DLAi8xlySmh/", NULL);
  g_object_get (src, "uri", &uri, NULL);
  fail_unless_equals_string (uri, "https://www.instagram.com/p/DLAi8xlySmh/");
  gst_object_unref (src);
}
GST_END_TEST;

GST_START_TEST (test_properties_refused_while_running)
{
  GstElement *pipeline = gst_parse_launch (
      "instagramsrc name=src uri=https://www.instagram.com/p/DLAi8xlySmh/ "
      "timeout=1 ! fakesink",
      NULL);
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_autoptr (GError) error = NULL;
  gint max_height = -1;

  /* Point the element at a closed port so nothing leaves the machine. */
  g_setenv ("GST_INSTAGRAM_WWW_BASE", "http://127.0.0.1:9", TRUE);
  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  g_object_set (src, "max-height", 720, NULL);
  g_object_get (src, "max-height", &max_height, NULL);
  fail_unless_equals_int (max_height, 0);
  fail_if (gst_uri_handler_set_uri (GST_URI_HANDLER (src),
      "https://www.instagram.com/reel/Chunk8-jurw/", &error));
  fail_unless (g_error_matches (error, GST_URI_ERROR, GST_URI_ERROR_BAD_STATE));
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_object_set (src, "max-height", 720, NULL);
  g_object_get (src, "max-height", &max_height, NULL);
  fail_unless_equals_int (max_height, 720);
  g_unsetenv ("GST_INSTAGRAM_WWW_BASE");
  gst_object_unref (src);
  gst_object_unref (pipeline);
}
GST_END_TEST;

static Suite *
uri_handler_suite (void)
{
  Suite *s = suite_create ("instagramsrc-uri-handler");
  TCase *tc = tcase_create ("routing");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_instagram_uris_pick_instagramsrc);
  tcase_add_test (tc, test_other_uris_keep_souphttpsrc);
  tcase_add_test (tc, test_set_uri_rejects_with_bad_uri);
  tcase_add_test (tc, test_uri_property_round_trip);
  tcase_add_test (tc, test_properties_refused_while_running);
  return s;
}

GST_CHECK_MAIN (uri_handler);
