/* Unit tests: reading, choosing from and rewriting DASH manifests, and the
 * progressive/DASH decision.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <string.h>

#include "ig-dash.h"
#include "ig-delivery.h"
#include "ig-error.h"

#define ID_1080_H264 "1208848227306498v"
#define ID_720_H264 "1171066044567002v"
#define ID_1080_VP9 "958384342561129vd"
#define ID_360_VP9 "446538584828375vd"
#define ID_AUDIO "596117759750924ad"

static char *
read_data (const char *name)
{
  g_autofree char *path = g_build_filename (IG_TEST_DATA_DIR, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static IgDashManifest *
instagram_manifest (void)
{
  g_autofree char *xml = read_data ("dash-instagram.mpd");
  g_autoptr (GError) error = NULL;
  IgDashManifest *m = ig_dash_manifest_parse (xml, &error);

  g_assert_no_error (error);
  return m;
}

static void
test_parse_instagram_shape (void)
{
  g_autoptr (IgDashManifest) m = instagram_manifest ();
  GPtrArray *reps = ig_dash_manifest_get_representations (m);
  IgDashRepresentation *r;

  /* the 2160p one has a relative BaseURL: left out */
  g_assert_cmpuint (reps->len, ==, 5);
  r = g_ptr_array_index (reps, 0);
  g_assert_cmpstr (r->id, ==, ID_1080_H264);
  g_assert_cmpint (r->kind, ==, IG_DASH_VIDEO);
  g_assert_cmpint (r->width, ==, 1080);
  g_assert_cmpint (r->height, ==, 1920);
  g_assert_cmpint (r->bandwidth, ==, 3010520);
  g_assert_cmpstr (r->codecs, ==, "avc1.640028");
  g_assert_cmpint (r->codec, ==, IG_CODEC_H264);
  /* &amp; unescaped */
  g_assert_cmpstr (r->url, ==,
      "https://instagram.fmad3-1.fna.fbcdn.net/o1/v/t16/f2/m69/AQOgB.mp4"
      "?strext=1&_nc_cat=104&efg=eyJ2ZW5jb2RlX3RhZyI6&oh=00_AfD1&oe=6860B517");
  r = g_ptr_array_index (reps, 2);
  g_assert_cmpint (r->codec, ==, IG_CODEC_VP9);
  r = g_ptr_array_index (reps, 4);
  g_assert_cmpstr (r->id, ==, ID_AUDIO);
  g_assert_cmpint (r->kind, ==, IG_DASH_AUDIO);
  g_assert_cmpint (r->width, ==, 0);
  g_assert_cmpint (r->bandwidth, ==, 53184);
}

static void
assert_choice (IgDashManifest *m, gint max_height, IgVideoCodec codec,
    const char *id)
{
  const IgDashRepresentation *r = ig_dash_manifest_choose_video (m,
      &(IgSizeCap){ .max_height = max_height }, codec, NULL);

  g_assert_nonnull (r);
  g_assert_cmpstr (r->id, ==, id);
}

static void
test_choose_video (void)
{
  g_autoptr (IgDashManifest) m = instagram_manifest ();

  /* 1080p in both codecs: VP9 wins the tie, like yt-dlp */
  assert_choice (m, 0, IG_CODEC_ANY, ID_1080_VP9);
  assert_choice (m, 0, IG_CODEC_H264, ID_1080_H264);
  assert_choice (m, 0, IG_CODEC_VP9, ID_1080_VP9);
  assert_choice (m, 1280, IG_CODEC_ANY, ID_720_H264);
  assert_choice (m, 1280, IG_CODEC_H264, ID_720_H264);
  /* VP9 only has 360p under the cap: the preference holds */
  assert_choice (m, 1280, IG_CODEC_VP9, ID_360_VP9);
  assert_choice (m, 1919, IG_CODEC_VP9, ID_360_VP9);
  /* everything taller than the cap: the smallest */
  assert_choice (m, 100, IG_CODEC_ANY, ID_360_VP9);
  assert_choice (m, 100, IG_CODEC_H264, ID_720_H264);
}

static void
test_codec_preference_not_offered (void)
{
  g_autofree char *xml = read_data ("dash-instagram.mpd");
  g_autoptr (GError) error = NULL;
  g_autoptr (IgDashManifest) m = NULL;
  char *p;

  /* make every VP9 representation H.264: a vp9 preference then has no
   * effect rather than leaving nothing to play */
  while ((p = strstr (xml, "vp09.")) != NULL)
    memcpy (p, "avc1.", 5);
  m = ig_dash_manifest_parse (xml, &error);
  g_assert_no_error (error);
  assert_choice (m, 0, IG_CODEC_VP9, ID_1080_H264);
}

/* The representations a rendered manifest still has, as "id,id,...". */
static char *
ids_of (GBytes *rendered)
{
  g_autofree char *xml = g_strndup (g_bytes_get_data (rendered, NULL),
      g_bytes_get_size (rendered));
  g_autoptr (GError) error = NULL;
  g_autoptr (IgDashManifest) m = ig_dash_manifest_parse (xml, &error);
  GPtrArray *reps;
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);
  reps = ig_dash_manifest_get_representations (m);
  for (guint i = 0; i < reps->len; i++) {
    IgDashRepresentation *r = g_ptr_array_index (reps, i);
    g_string_append_printf (ids, "%s%s", i ? "," : "", r->id);
  }
  return g_string_free (ids, FALSE);
}

static void
test_render (void)
{
  g_autoptr (IgDashManifest) m = instagram_manifest ();
  const IgDashRepresentation *v = ig_dash_manifest_choose_video (m,
      &(IgSizeCap){ .max_height = 1280 }, IG_CODEC_ANY, NULL);
  const IgDashRepresentation *a = ig_dash_manifest_choose_audio (m, NULL);
  g_autoptr (GBytes) out = ig_dash_manifest_render (m, v, a, NULL, NULL);
  g_autofree char *xml =
      g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  g_autofree char *ids = ids_of (out);

  g_assert_cmpstr (ids, ==, ID_720_H264 "," ID_AUDIO);
  /* the relative one is gone too, and the profile is isoff-main */
  g_assert_null (strstr (xml, "v2160.mp4"));
  g_assert_nonnull (
      strstr (xml, "profiles=\"urn:mpeg:dash:profile:isoff-main:2011\""));
  g_assert_null (strstr (xml, "isoff-on-demand"));
  /* what the demuxer needs is kept as written */
  g_assert_nonnull (strstr (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  g_assert_nonnull (strstr (xml, "AQN720.mp4?strext=1&amp;oh=00_AfB2&amp;"));
  g_assert_nonnull (strstr (xml,
      "<SegmentBase indexRange=\"887-1050\" timescale=\"15360\">"
      "<Initialization range=\"0-886\"/></SegmentBase>"));
  g_assert_nonnull (strstr (xml, "mediaPresentationDuration=\"PT53.066666S\""));
  g_assert_nonnull (strstr (xml, "<AudioChannelConfiguration"));
  /* rendering again gives the same bytes (no state kept between calls) */
  {
    g_autoptr (GBytes) again = ig_dash_manifest_render (m, v, a, NULL, NULL);
    g_assert_true (g_bytes_equal (out, again));
  }
  /* without an audio representation, the video alone */
  {
    g_autoptr (GBytes) mute = ig_dash_manifest_render (m, v, NULL, NULL, NULL);
    g_autofree char *mute_ids = ids_of (mute);

    g_assert_cmpstr (mute_ids, ==, ID_720_H264);
  }
}

static void
test_render_without_audio (void)
{
  const char *xml =
      "<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\" "
      "profiles=\"urn:mpeg:dash:profile:isoff-on-demand:2011\"><Period>"
      "<AdaptationSet mimeType=\"video/mp4\">"
      "<Representation id=\"a\" width=\"640\" height=\"360\" codecs=\"avc1\">"
      "<BaseURL>http://cdn.example/a.mp4</BaseURL></Representation>"
      "<Representation id=\"b\" width=\"1280\" height=\"720\" codecs=\"avc1\">"
      "<BaseURL>http://cdn.example/b.mp4</BaseURL></Representation>"
      "</AdaptationSet>"
      "<AdaptationSet contentType=\"audio\">"
      "<Representation id=\"rel\"><BaseURL>a.mp4</BaseURL></Representation>"
      "</AdaptationSet></Period></MPD>";
  g_autoptr (GError) error = NULL;
  g_autoptr (IgDashManifest) m = ig_dash_manifest_parse (xml, &error);
  g_autoptr (GBytes) out = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_null (ig_dash_manifest_choose_audio (m, NULL));
  out = ig_dash_manifest_render (m,
      ig_dash_manifest_choose_video (m, NULL, IG_CODEC_ANY, NULL), NULL, NULL,
      NULL);
  ids = ids_of (out);
  g_assert_cmpstr (ids, ==, "b");
  text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  /* the audio set lost its only (unusable) representation: removed */
  g_assert_null (strstr (text, "audio"));
}

/* Bad manifests: each one IG_ERROR_BAD_RESPONSE with a telling message. */
static void
test_bad_manifests (void)
{
  static const struct
  {
    const char *xml;
    const char *message_part;
  } cases[] = {
    { "", "not XML" },
    { "not xml at all", "not XML" },
    { "{\"MPD\": 1}", "not XML" },
    { "<MPD><Period>", "not XML" },
    { "<MPD></mpd>", "not XML" },
    { "<html><body>Login</body></html>", "not an MPD" },
    { "<?xml version=\"1.0\"?><!DOCTYPE MPD [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><MPD>&b;</MPD>",
        "DTD" },
    { "<?xml version=\"1.0\"?><!DOCTYPE MPD SYSTEM \"file:///etc/passwd\">"
      "<MPD/>",
        "DTD" },
    { "<MPD/>", "no video" },
    { "<MPD><Period><AdaptationSet contentType=\"audio\"><Representation>"
      "<BaseURL>https://cdn.example/a.mp4</BaseURL></Representation>"
      "</AdaptationSet></Period></MPD>",
        "no video" },
    { "<MPD><Period><AdaptationSet contentType=\"video\"><Representation>"
      "<BaseURL>javascript:alert(1)</BaseURL></Representation>"
      "</AdaptationSet></Period></MPD>",
        "no video" },
    { "<MPD><Period><AdaptationSet contentType=\"video\"><Representation>"
      "<BaseURL>file:///etc/passwd</BaseURL></Representation>"
      "</AdaptationSet></Period></MPD>",
        "no video" },
    { "<MPD><Period><AdaptationSet contentType=\"video\"><Representation>"
      "<BaseURL>https://</BaseURL></Representation>"
      "</AdaptationSet></Period></MPD>",
        "no video" },
    { "<MPD><Period><AdaptationSet contentType=\"text\"><Representation>"
      "<BaseURL>https://cdn.example/t.vtt</BaseURL></Representation>"
      "</AdaptationSet></Period></MPD>",
        "no video" },
    { "<MPD><Period><AdaptationSet><Representation>"
      "<BaseURL>https://cdn.example/unknown.mp4</BaseURL></Representation>"
      "</AdaptationSet></Period></MPD>",
        "no video" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    IgDashManifest *m = ig_dash_manifest_parse (cases[i].xml, &error);

    g_test_message ("case %u: %s", i, cases[i].xml);
    g_assert_null (m);
    g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
    g_assert_nonnull (strstr (error->message, cases[i].message_part));
  }
}

static void
test_huge_manifest_refused (void)
{
  gsize n = IG_DASH_MAX_MANIFEST + 1;
  g_autofree char *xml = g_malloc (n + 1);
  g_autoptr (GError) error = NULL;

  memset (xml, ' ', n);
  memcpy (xml, "<MPD>", 5);
  xml[n] = '\0';
  g_assert_null (ig_dash_manifest_parse (xml, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "larger than"));
}

static void
test_odd_numbers_ignored (void)
{
  const char *xml =
      "<MPD><Period><AdaptationSet contentType=\"video\">"
      "<Representation id=\"x\" width=\"-1\" height=\"1e300\" "
      "bandwidth=\"99999999999999999999\">"
      "<BaseURL>https://cdn.example/x.mp4</BaseURL></Representation>"
      "</AdaptationSet></Period></MPD>";
  g_autoptr (GError) error = NULL;
  g_autoptr (IgDashManifest) m = ig_dash_manifest_parse (xml, &error);
  IgDashRepresentation *r;

  g_assert_no_error (error);
  r = g_ptr_array_index (ig_dash_manifest_get_representations (m), 0);
  g_assert_cmpint (r->width, ==, 0);
  g_assert_cmpint (r->height, ==, 0);
  g_assert_cmpint (r->bandwidth, ==, 0);
  g_assert_cmpint (r->codec, ==, IG_CODEC_OTHER);
}

/* ---- segment index ------------------------------------------------------ */

static void
put32 (GByteArray *b, guint32 v)
{
  guint8 bytes[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (b, bytes, 4);
}

/* A version-0 sidx box: timescale 3000, first_offset @gap, one reference
 * per @sizes entry, each 1 s long. */
static GByteArray *
make_sidx (guint32 gap, const guint32 *sizes, guint n, gboolean hierarchical)
{
  GByteArray *b = g_byte_array_new ();

  put32 (b, 32 + 12 * n);
  g_byte_array_append (b, (const guint8 *) "sidx", 4);
  put32 (b, 0); /* version 0, flags */
  put32 (b, 1); /* reference_ID */
  put32 (b, 3000); /* timescale */
  put32 (b, 0); /* earliest_presentation_time */
  put32 (b, gap); /* first_offset */
  put32 (b, n); /* reserved 0, reference_count n */
  for (guint i = 0; i < n; i++) {
    put32 (b, sizes[i] | (hierarchical ? 0x80000000u : 0));
    put32 (b, 3000);
    put32 (b, 0x90000000u); /* starts with SAP, type 1 */
  }
  return b;
}

static void
test_sidx_parse (void)
{
  static const guint32 sizes[] = { 1000, 2000, 1500 };
  g_autoptr (GByteArray) box = make_sidx (10, sizes, 3, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (IgSidx) sidx = ig_sidx_parse (box->data, box->len, 900, &error);
  const IgSidxReference *r;

  g_assert_no_error (error);
  g_assert_cmpuint (sidx->timescale, ==, 3000);
  g_assert_cmpuint (sidx->references->len, ==, 3);
  /* the first subsegment starts after the box (900 + 68) and the gap */
  r = &g_array_index (sidx->references, IgSidxReference, 0);
  g_assert_cmpuint (r->first, ==, 900 + 68 + 10);
  g_assert_cmpuint (r->last, ==, 900 + 68 + 10 + 999);
  r = &g_array_index (sidx->references, IgSidxReference, 2);
  g_assert_cmpuint (r->first, ==, 978 + 3000);
  g_assert_cmpuint (r->last, ==, 978 + 4499);
  g_assert_cmpuint (r->duration, ==, 3000);
}

static void
test_sidx_bad (void)
{
  static const guint32 sizes[] = { 1000, 2000 };
  static const guint32 empty[] = { 1000, 0 };
  g_autoptr (GByteArray) good = make_sidx (0, sizes, 2, FALSE);
  g_autoptr (GByteArray) tree = make_sidx (0, sizes, 2, TRUE);
  g_autoptr (GByteArray) hole = make_sidx (0, empty, 2, FALSE);
  g_autoptr (GByteArray) none = make_sidx (0, sizes, 0, FALSE);
  g_autoptr (GByteArray) moof = make_sidx (0, sizes, 2, FALSE);
  g_autoptr (GByteArray) big = make_sidx (0, sizes, 2, FALSE);
  const struct
  {
    const guint8 *data;
    gsize len;
    const char *why;
  } cases[] = {
    { good->data, 0, "truncated box header" },
    { good->data, 7, "truncated box header" },
    { good->data, 20, "box size out of range" },
    { good->data, good->len - 1, "box size out of range" },
    { tree->data, tree->len, "hierarchical" },
    { hole->data, hole->len, "empty subsegment" },
    { none->data, none->len, "no reference" },
    { moof->data, moof->len, "not a sidx box" },
    { big->data, big->len, "truncated reference" },
  };

  memcpy (moof->data + 4, "moof", 4);
  big->data[31] = 200; /* 200 references announced, 2 present */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;

    g_test_message ("case %u: %s", i, cases[i].why);
    g_assert_null (ig_sidx_parse (cases[i].data, cases[i].len, 0, &error));
    g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
    g_assert_nonnull (strstr (error->message, cases[i].why));
  }
}

static void
test_render_segment_list (void)
{
  static const guint32 sizes[] = { 1000, 2000, 1500 };
  g_autoptr (IgDashManifest) m = instagram_manifest ();
  const IgDashRepresentation *v = ig_dash_manifest_choose_video (m,
      &(IgSizeCap){ .max_height = 1280 }, IG_CODEC_ANY, NULL);
  g_autoptr (GByteArray) box = make_sidx (0, sizes, 3, FALSE);
  g_autoptr (IgSidx) sidx = NULL;
  g_autoptr (GBytes) out = NULL;
  g_autofree char *xml = NULL;

  g_assert_true (v->has_index);
  g_assert_cmpuint (v->index_first, ==, 887);
  g_assert_cmpuint (v->index_last, ==, 1050);
  g_assert_cmpuint (v->init_last, ==, 886);
  sidx = ig_sidx_parse (box->data, box->len, v->index_first, NULL);
  out = ig_dash_manifest_render (m, v, ig_dash_manifest_choose_audio (m, NULL),
      sidx, NULL);
  xml = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  g_assert_nonnull (strstr (xml,
      "<SegmentList timescale=\"3000\"><Initialization range=\"0-886\"/>"
      "<SegmentTimeline><S t=\"0\" d=\"3000\"/><S t=\"3000\" "
      "d=\"3000\"/><S t=\"6000\" d=\"3000\"/></SegmentTimeline>"
      "<SegmentURL mediaRange=\"955-1954\"/>"
      "<SegmentURL mediaRange=\"1955-3954\"/>"
      "<SegmentURL mediaRange=\"3955-5454\"/></SegmentList>"));
  /* the audio had no index given: its SegmentBase stays */
  g_assert_nonnull (strstr (xml, "<SegmentBase indexRange=\"824-1179\""));
}

/* ---- delivery ----------------------------------------------------------- */

static void
add_variant (GPtrArray *array, const char *url, gint w, gint h)
{
  IgVariant *v = g_new0 (IgVariant, 1);

  v->url = g_strdup (url);
  v->width = w;
  v->height = h;
  g_ptr_array_add (array, v);
}

static IgItem *
video_item (const char *manifest_file, gint prog_width, gint prog_height)
{
  IgItem *item = g_new0 (IgItem, 1);

  item->type = IG_MEDIA_VIDEO;
  item->videos =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_variant_free);
  item->images =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_variant_free);
  if (prog_width > 0)
    add_variant (item->videos, "https://cdn.example/prog.mp4", prog_width,
        prog_height);
  add_variant (item->images, "https://cdn.example/poster.jpg", 1080, 1920);
  if (manifest_file != NULL) {
    g_autofree char *xml = read_data (manifest_file);

    ig_item_set_dash (item, xml);
  }
  return item;
}

static void
assert_delivery (IgItem *item, IgDelivery mode, gint max_height,
    IgVideoCodec codec, const char *expect_dash_id, const char *note_part)
{
  IgDeliveryPrefs prefs = { .mode = mode,
    .cap = { .max_height = max_height },
    .codec = codec };
  IgDeliveryChoice choice;
  g_autoptr (GError) error = NULL;

  g_assert_true (ig_delivery_choose (item, &prefs, &choice, &error));
  g_assert_no_error (error);
  g_test_message ("%s", choice.note);
  g_assert_nonnull (strstr (choice.note, note_part));
  /* choosing renders nothing */
  g_assert_null (choice.manifest);
  if (expect_dash_id != NULL) {
    g_assert_null (choice.variant);
    g_assert_true (choice.dash == item->dash);
    g_assert_cmpstr (choice.video->id, ==, expect_dash_id);
    g_assert_cmpstr (choice.audio->id, ==, ID_AUDIO);
  } else {
    g_assert_nonnull (choice.variant);
    g_assert_null (choice.dash);
    g_assert_null (choice.video);
    g_assert_null (choice.audio);
  }
  ig_delivery_choice_clear (&choice);
}

static void
test_delivery_modes (void)
{
  IgItem *item = video_item ("dash-instagram.mpd", 720, 1280);

  assert_delivery (item, IG_DELIVERY_PROGRESSIVE, 0, IG_CODEC_ANY, NULL,
      "progressive 720x1280 (delivery=progressive)");
  assert_delivery (item, IG_DELIVERY_DASH, 0, IG_CODEC_ANY, ID_1080_VP9,
      "delivery=dash");
  assert_delivery (item, IG_DELIVERY_DASH, 0, IG_CODEC_H264, ID_1080_H264,
      "DASH " ID_1080_H264 " 1080x1920 avc1.640028");
  /* auto: DASH only when larger than the progressive file */
  assert_delivery (item, IG_DELIVERY_AUTO, 0, IG_CODEC_ANY, ID_1080_VP9,
      "larger than every progressive file");
  assert_delivery (item, IG_DELIVERY_AUTO, 1280, IG_CODEC_ANY, NULL,
      "DASH representation is larger");
  /* dash under a cap still gives the capped representation */
  assert_delivery (item, IG_DELIVERY_DASH, 1280, IG_CODEC_ANY, ID_720_H264,
      "delivery=dash");
  ig_item_free (item);

  /* no progressive file at all: auto takes DASH */
  item = video_item ("dash-instagram.mpd", 0, 0);
  assert_delivery (item, IG_DELIVERY_AUTO, 0, IG_CODEC_H264, ID_1080_H264,
      "no progressive file");
  ig_item_free (item);
}

static void
test_delivery_fallbacks (void)
{
  IgItem *item = video_item (NULL, 640, 360);
  IgDeliveryChoice choice;
  g_autoptr (GError) error = NULL;

  assert_delivery (item, IG_DELIVERY_DASH, 0, IG_CODEC_ANY, NULL,
      "progressive 640x360 (the item has no DASH manifest)");
  assert_delivery (item, IG_DELIVERY_AUTO, 0, IG_CODEC_ANY, NULL,
      "no DASH manifest");
  ig_item_set_dash (item, "<html>not a manifest");
  g_assert_null (item->dash);
  g_assert_nonnull (item->dash_error);
  assert_delivery (item, IG_DELIVERY_DASH, 0, IG_CODEC_ANY, NULL,
      "the DASH manifest is not");
  ig_item_free (item);

  /* an image is its image in every mode */
  item = video_item ("dash-instagram.mpd", 0, 0);
  item->type = IG_MEDIA_IMAGE;
  assert_delivery (item, IG_DELIVERY_DASH, 0, IG_CODEC_ANY, NULL,
      "progressive 1080x1920 (an image)");
  ig_item_free (item);

  /* progressive requested, only DASH offered: a clear error */
  item = video_item ("dash-instagram.mpd", 0, 0);
  g_assert_false (ig_delivery_choose (item,
      &(IgDeliveryPrefs){ .mode = IG_DELIVERY_PROGRESSIVE }, &choice, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NO_MEDIA);
  g_assert_nonnull (strstr (error->message, "set delivery=dash or auto"));
  ig_delivery_choice_clear (&choice);
  ig_item_free (item);
}

/* @item's manifest with every BaseURL on a closed local port: each index
 * request fails at once, without the network. */
static IgItem *
unreachable_dash_item (void)
{
  IgItem *item = video_item (NULL, 720, 1280);
  g_autofree char *xml = read_data ("dash-instagram.mpd");
  GString *s = g_string_new (xml);

  g_string_replace (s, "https://instagram.fmad3-1.fna.fbcdn.net/",
      "http://127.0.0.1:1/", 0);
  ig_item_set_dash (item, s->str);
  g_string_free (s, TRUE);
  g_assert_nonnull (item->dash);
  return item;
}

/* Choosing picks the video and the audio and renders nothing; preparing
 * renders a manifest with exactly those two. */
static void
test_delivery_prepare (void)
{
  IgItem *item = unreachable_dash_item ();
  IgHttpOptions options = { NULL, 5, TRUE };
  IgDeliveryChoice choice;
  g_autoptr (GError) error = NULL;
  g_autofree char *ids = NULL;

  g_assert_true (ig_delivery_choose (item,
      &(IgDeliveryPrefs){ .mode = IG_DELIVERY_DASH, .codec = IG_CODEC_H264 },
      &choice, &error));
  g_assert_cmpstr (choice.video->id, ==, ID_1080_H264);
  g_assert_cmpstr (choice.audio->id, ==, ID_AUDIO);
  g_assert_null (choice.manifest);
  g_assert_true (
      ig_delivery_prepare_dash (&choice, "test", &options, NULL, &error));
  g_assert_no_error (error);
  ids = ids_of (choice.manifest);
  g_assert_cmpstr (ids, ==, ID_1080_H264 "," ID_AUDIO);
  /* the indexes could not be read: the SegmentBase stays, said in the note */
  g_test_message ("%s", choice.note);
  g_assert_nonnull (strstr (choice.note, "; segment lists: video "));
  g_assert_null (strstr (choice.note, "video yes"));
  g_assert_null (strstr (choice.note, "audio yes"));
  ig_delivery_choice_clear (&choice);

  /* a progressive choice has nothing to prepare */
  g_assert_true (ig_delivery_choose (item,
      &(IgDeliveryPrefs){ .mode = IG_DELIVERY_PROGRESSIVE }, &choice, NULL));
  g_assert_true (
      ig_delivery_prepare_dash (&choice, "test", &options, NULL, NULL));
  g_assert_null (choice.manifest);
  ig_delivery_choice_clear (&choice);
  ig_item_free (item);
}

/* max-resolution on representations: the shorter side, with max-height. */
static void
test_choose_video_max_resolution (void)
{
  g_autofree char *xml = read_data ("dash-instagram.mpd");
  g_autoptr (IgDashManifest) m = ig_dash_manifest_parse (xml, NULL);

  g_assert_cmpstr (ig_dash_manifest_choose_video (m,
                       &(IgSizeCap){ .max_resolution = 720 }, IG_CODEC_ANY,
                       NULL)
                       ->id,
      ==, ID_720_H264);
  g_assert_cmpstr (ig_dash_manifest_choose_video (m,
                       &(IgSizeCap){ .max_resolution = 1080 }, IG_CODEC_ANY,
                       NULL)
                       ->id,
      ==, ID_1080_VP9);
  /* both apply: 720x1280 is taller than 1000 */
  g_assert_cmpstr (ig_dash_manifest_choose_video (m, &(IgSizeCap){ 1000, 720 },
                       IG_CODEC_ANY, NULL)
                       ->id,
      ==, ID_360_VP9);
}

static gboolean
choose_kind (IgItem *item, IgMediaKind kind, guint max_resolution,
    IgDeliveryChoice *choice, GError **error)
{
  IgDeliveryPrefs prefs = { .mode = IG_DELIVERY_DASH,
    .kind = kind,
    .cap = { .max_resolution = max_resolution } };

  return ig_delivery_choose (item, &prefs, choice, error);
}

/* media-kind=audio: the DASH audio representation as one file. */
static void
test_delivery_audio (void)
{
  IgItem *item = video_item ("dash-instagram.mpd", 720, 1280);
  IgDeliveryChoice choice;

  g_assert_true (choose_kind (item, IG_MEDIA_KIND_AUDIO, 0, &choice, NULL));
  g_assert_cmpint (choice.kind, ==, IG_MEDIA_KIND_AUDIO);
  g_assert_cmpstr (choice.audio->id, ==, ID_AUDIO);
  g_assert_true (choice.url == choice.audio->url);
  g_assert_true (g_str_has_prefix (choice.url, "https://"));
  /* one file: no manifest, no video, no progressive variant */
  g_assert_null (choice.video);
  g_assert_null (choice.variant);
  g_assert_null (choice.manifest);
  ig_delivery_choice_clear (&choice);
  ig_item_free (item);
}

static void
assert_no_audio (IgItem *item, const char *why)
{
  IgDeliveryChoice choice;
  g_autoptr (GError) error = NULL;

  g_assert_false (choose_kind (item, IG_MEDIA_KIND_AUDIO, 0, &choice, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no separate audio"));
  g_assert_nonnull (strstr (error->message, why));
  g_assert_null (choice.url);
  ig_delivery_choice_clear (&choice);
}

/* No separate audio: an image, a video without a manifest, a manifest
 * whose audio BaseURL is relative, file:// or missing. */
static void
test_delivery_audio_missing (void)
{
  static const char *const hostile[] = { "<BaseURL>a.mp4</BaseURL>",
    "<BaseURL>file:///etc/passwd</BaseURL>", "" };
  g_autofree char *xml = read_data ("dash-instagram.mpd");
  const char *audio_base = strstr (xml,
      "<BaseURL>https://instagram.fmad3-1."
      "fna.fbcdn.net/o1/v/t16/f2/m69/AQMaud");
  IgItem *item = video_item ("dash-instagram.mpd", 720, 1280);

  item->type = IG_MEDIA_IMAGE;
  assert_no_audio (item, "it is an image");
  ig_item_free (item);
  item = video_item (NULL, 720, 1280);
  assert_no_audio (item, "qtdemux");
  ig_item_free (item);
  g_assert_nonnull (audio_base);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++) {
    const char *end = strstr (audio_base, "</BaseURL>") + strlen ("</BaseURL>");
    g_autofree char *head = g_strndup (xml, audio_base - xml);
    g_autofree char *bad = g_strconcat (head, hostile[i], end, NULL);

    item = video_item (NULL, 720, 1280);
    ig_item_set_dash (item, bad);
    g_assert_nonnull (item->dash);
    assert_no_audio (item, "no audio representation with an http(s) BaseURL");
    ig_item_free (item);
  }
}

/* media-kind=cover: the largest cover within the cap; an image item is its
 * image, reported as such. */
static void
test_delivery_cover (void)
{
  IgItem *item = video_item ("dash-instagram.mpd", 720, 1280);
  IgDeliveryChoice choice;

  add_variant (item->images, "https://cdn.example/cover-720.jpg", 720, 1280);
  g_assert_true (choose_kind (item, IG_MEDIA_KIND_COVER, 0, &choice, NULL));
  g_assert_cmpint (choice.kind, ==, IG_MEDIA_KIND_COVER);
  g_assert_cmpstr (choice.url, ==, "https://cdn.example/poster.jpg");
  g_assert_null (choice.video);
  ig_delivery_choice_clear (&choice);
  g_assert_true (choose_kind (item, IG_MEDIA_KIND_COVER, 720, &choice, NULL));
  g_assert_cmpstr (choice.url, ==, "https://cdn.example/cover-720.jpg");
  ig_delivery_choice_clear (&choice);
  item->type = IG_MEDIA_IMAGE;
  g_assert_true (choose_kind (item, IG_MEDIA_KIND_COVER, 0, &choice, NULL));
  g_assert_cmpint (choice.kind, ==, IG_MEDIA_KIND_AUTO);
  g_assert_cmpstr (choice.url, ==, "https://cdn.example/poster.jpg");
  ig_delivery_choice_clear (&choice);
  ig_item_free (item);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dash/parse-instagram-shape", test_parse_instagram_shape);
  g_test_add_func ("/dash/choose-video", test_choose_video);
  g_test_add_func ("/dash/codec-preference-not-offered",
      test_codec_preference_not_offered);
  g_test_add_func ("/dash/render", test_render);
  g_test_add_func ("/dash/render-without-audio", test_render_without_audio);
  g_test_add_func ("/dash/bad-manifests", test_bad_manifests);
  g_test_add_func ("/dash/huge-manifest-refused", test_huge_manifest_refused);
  g_test_add_func ("/dash/odd-numbers-ignored", test_odd_numbers_ignored);
  g_test_add_func ("/sidx/parse", test_sidx_parse);
  g_test_add_func ("/sidx/bad", test_sidx_bad);
  g_test_add_func ("/dash/render-segment-list", test_render_segment_list);
  g_test_add_func ("/delivery/modes", test_delivery_modes);
  g_test_add_func ("/delivery/fallbacks", test_delivery_fallbacks);
  g_test_add_func ("/delivery/prepare", test_delivery_prepare);
  g_test_add_func ("/dash/choose-video-max-resolution",
      test_choose_video_max_resolution);
  g_test_add_func ("/delivery/audio", test_delivery_audio);
  g_test_add_func ("/delivery/audio-missing", test_delivery_audio_missing);
  g_test_add_func ("/delivery/cover", test_delivery_cover);
  return g_test_run ();
}
