/* Unit tests: JSON -> IgPost, both shapes.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-error.h"
#include "ig-model.h"
#include "ig-quality.h"

#include <math.h>
#include <string.h>

#define CDN "https://scontent.cdninstagram.com/v/t51.2885-15/"
#define FB "https://instagram.fxxx.fna.fbcdn.net/o1/v/t16/f2/"

/* Parses tests/unit/data/@name and follows @path, a NULL-terminated list
 * of member names (the wrapper the resolver would unwrap). */
static JsonNode *
load (const char *name, const char *const *path)
{
  g_autofree char *file = g_build_filename (IG_TEST_DATA_DIR, name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  json_parser_load_from_file (parser, file, &error);
  g_assert_no_error (error);
  node = json_parser_get_root (parser);
  for (; path != NULL && *path != NULL; path++)
    node = json_object_get_member (json_node_get_object (node), *path);
  g_assert_nonnull (node);
  return json_node_copy (node);
}

static IgPost *
load_post_at (gboolean graphql, const char *name, const char *const *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = load (name, path);
  IgPost *post;

  post = graphql ? ig_post_from_graphql (node, &error)
                 : ig_post_from_rest (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  return post;
}

static IgPost *
load_post (gboolean graphql, const char *name)
{
  return load_post_at (graphql, name, NULL);
}

static void
assert_variant (GPtrArray *array, guint i, const char *url, gint w, gint h,
    gint64 bandwidth, const char *id, gint type)
{
  const IgVariant *v;

  g_assert_cmpuint (i, <, array->len);
  v = g_ptr_array_index (array, i);
  g_assert_cmpstr (v->url, ==, url);
  g_assert_cmpint (v->width, ==, w);
  g_assert_cmpint (v->height, ==, h);
  g_assert_cmpint (v->bandwidth, ==, bandwidth);
  g_assert_cmpstr (v->id, ==, id);
  g_assert_cmpint (v->type, ==, type);
}

static const IgItem *
item_at (const IgPost *post, guint i)
{
  g_assert_cmpuint (i, <, post->items->len);
  return g_ptr_array_index (post->items, i);
}

static void
assert_item (const IgItem *item, IgMediaType type, guint64 pk, gint w, gint h,
    gdouble duration, gboolean has_audio, guint n_videos, guint n_images,
    const char *dash_error)
{
  g_assert_cmpint (item->type, ==, type);
  g_assert_cmpuint (item->pk, ==, pk);
  g_assert_cmpint (item->width, ==, w);
  g_assert_cmpint (item->height, ==, h);
  g_assert_cmpfloat_with_epsilon (item->duration, duration, 1e-9);
  g_assert_cmpint (item->has_audio, ==, has_audio);
  g_assert_cmpuint (item->videos->len, ==, n_videos);
  g_assert_cmpuint (item->images->len, ==, n_images);
  /* no fixture's manifest has a usable video */
  g_assert_null (item->dash);
  if (dash_error == NULL)
    g_assert_null (item->dash_error);
  else
    g_assert_true (g_str_has_prefix (item->dash_error, dash_error));
}

#define NO_DASH_VIDEO \
  "the DASH manifest has no video representation with an http(s) BaseURL"

static void
assert_counts (const IgPost *post, gint64 likes, gint64 comments, gint64 views)
{
  g_assert_cmpint (post->like_count, ==, likes);
  g_assert_cmpint (post->comment_count, ==, comments);
  g_assert_cmpint (post->view_count, ==, views);
}

static void
assert_title (const IgPost *post, const char *expected)
{
  g_autofree char *title = ig_post_dup_title (post);

  g_assert_cmpstr (title, ==, expected);
}

static void
test_rest_image (void)
{
  g_autoptr (IgPost) post = load_post (FALSE, "rest-image.json");
  const IgItem *item;

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3657076607422114209));
  g_assert_cmpstr (post->shortcode, ==, "DLAi8xlySmh");
  g_assert_cmpint (post->type, ==, IG_MEDIA_IMAGE);
  g_assert_cmpstr (post->product_type, ==, "feed");
  g_assert_cmpstr (post->owner_username, ==, "fakeuser");
  g_assert_cmpstr (post->owner_full_name, ==, "Fake User \xc3\x89t\xc3\xa9");
  g_assert_cmpstr (post->caption, ==,
      "\n  Hello #world  \r\nsecond line\n#tags");
  assert_title (post, "Hello #world");
  g_assert_cmpint (post->taken_at, ==, 1750177529);
  g_assert_cmpint (post->expiring_at, ==, 0);
  g_assert_cmpstr (post->location_name, ==, "Z\xc3\xbcrich, Switzerland");
  assert_counts (post, 42, 3, -1);
  g_assert_cmpuint (post->items->len, ==, 1);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_IMAGE, G_GUINT64_CONSTANT (3657076607422114209),
      1440, 1800, 0, FALSE, 0, 3, NULL);
  assert_variant (item->images, 0,
      CDN "1_n.jpg?stp=dst-jpg_e35_tt6&oh=00_Af1&oe=6860C02C", 1440, 1800, 0,
      NULL, 0);
  assert_variant (item->images, 1,
      CDN "1_n.jpg?stp=dst-jpg_e35_p1080x1080&oh=00_Af2&oe=6860C02C", 1080,
      1350, 0, NULL, 0);
  assert_variant (item->images, 2,
      CDN "1_n.jpg?stp=dst-jpg_e35_p640x640&oh=00_Af3&oe=6860C02C", 640, 800, 0,
      NULL, 0);
}

static void
test_rest_video (void)
{
  g_autoptr (IgPost) post = load_post (FALSE, "rest-video.json");
  const IgItem *item;

  /* An integer pk above 2^53 must survive exactly. */
  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (2913440072144448240));
  g_assert_cmpstr (post->shortcode, ==, "Chunk8-jurw");
  g_assert_cmpint (post->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpstr (post->product_type, ==, "clips");
  g_assert_cmpstr (post->owner_username, ==, "instagram");
  g_assert_cmpstr (post->owner_full_name, ==, "Instagram");
  g_assert_cmpstr (post->caption, ==, "Gingerton");
  assert_title (post, "Gingerton");
  g_assert_cmpint (post->taken_at, ==, 1661529231);
  g_assert_null (post->location_name);
  /* comment_count came as a string, the view count from play_count. */
  assert_counts (post, 10, 3, 12345);
  g_assert_cmpuint (post->items->len, ==, 1);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_VIDEO, G_GUINT64_CONSTANT (2913440072144448240),
      720, 1280, 5.016, TRUE, 3, 1, NO_DASH_VIDEO);
  assert_variant (item->videos, 0,
      FB "m69/AQN.mp4?stp=dst-mp4&efg=e30&oh=00_AfM&oe=6860C515", 720, 1280,
      1571482, "640663742349101v", 101);
  assert_variant (item->videos, 1, FB "m69/AQO.mp4?oh=00_AfN&oe=6860C515", 480,
      853, 901234, "687298224136466v", 102);
  assert_variant (item->videos, 2,
      "http://instagram.fxxx.fna.fbcdn.net/o1/v/t16/f2/m69/AQP.mp4", 480, 853,
      0, NULL, 103);
  assert_variant (item->images, 0, CDN "thumb.jpg?oh=x&oe=6860C02C", 720, 1280,
      0, NULL, 0);
}

static void
test_rest_carousel (void)
{
  g_autoptr (IgPost) post = load_post (FALSE, "rest-carousel.json");
  const IgItem *item;

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (1875629777499953996));
  g_assert_cmpstr (post->shortcode, ==, "BoHk1haB5tM");
  g_assert_cmpint (post->type, ==, IG_MEDIA_CAROUSEL);
  g_assert_cmpstr (post->product_type, ==, "carousel_container");
  g_assert_null (post->caption);
  assert_title (post, NULL);
  g_assert_cmpint (post->taken_at, ==, 1538000000);
  assert_counts (post, 100, 0, -1);
  /* Children 3 (no candidates) and 4 (file: video) keep their place. */
  g_assert_cmpuint (post->items->len, ==, 5);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_IMAGE, G_GUINT64_CONSTANT (1875629770000000001),
      1080, 1080, 0, FALSE, 0, 1, NULL);
  assert_variant (item->images, 0, CDN "c1.jpg?oe=6860C02C", 1080, 1080, 0,
      NULL, 0);
  item = item_at (post, 1);
  assert_item (item, IG_MEDIA_VIDEO, G_GUINT64_CONSTANT (1875629770000000002),
      720, 900, 9.5, FALSE, 1, 1, NO_DASH_VIDEO);
  assert_variant (item->videos, 0, FB "m69/c2.mp4?oe=6860C515", 720, 900, 0,
      NULL, 101);
  g_assert_null (item_at (post, 0)->unusable);
  g_assert_null (item->unusable);
  item = item_at (post, 2);
  assert_item (item, IG_MEDIA_IMAGE, G_GUINT64_CONSTANT (1875629770000000003),
      0, 0, 0, FALSE, 0, 0, NULL);
  g_assert_cmpstr (item->unusable, ==,
      "the image has no candidate with an http(s) URL");
  item = item_at (post, 3);
  assert_item (item, IG_MEDIA_VIDEO, G_GUINT64_CONSTANT (1875629770000000004),
      0, 0, 0, FALSE, 0, 1, NULL);
  g_assert_cmpstr (item->unusable, ==,
      "the video has no file with an http(s) URL");
  item = item_at (post, 4);
  g_assert_null (item->unusable);
  assert_item (item, IG_MEDIA_IMAGE, G_GUINT64_CONSTANT (1875629770000000005),
      1080, 1350, 0, FALSE, 0, 2, NULL);
  assert_variant (item->images, 0, CDN "c5_640.jpg", 640, 800, 0, NULL, 0);
  assert_variant (item->images, 1, CDN "c5_1080.jpg", 1080, 1350, 0, NULL, 0);
}

static void
test_polaris_item (void)
{
  static const char *const path[] = { "data", "xig_polaris_media",
    "if_not_gated_logged_out", NULL };
  g_autoptr (IgPost) post = load_post_at (FALSE, "polaris.json", path);
  const IgItem *item;

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3657076607422114209));
  g_assert_cmpstr (post->shortcode, ==, "DLAi8xlySmh");
  g_assert_cmpint (post->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpstr (post->product_type, ==, "clips");
  g_assert_cmpstr (post->owner_username, ==, "fakeuser");
  g_assert_null (post->owner_full_name);
  g_assert_cmpstr (post->caption, ==, "Reel caption");
  g_assert_cmpint (post->taken_at, ==, 1750177529);
  /* view_count wins over play_count. */
  assert_counts (post, 7, 1, 999);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_VIDEO, G_GUINT64_CONSTANT (3657076607422114209),
      1080, 1920, 12, FALSE, 1, 1, NULL);
  assert_variant (item->videos, 0, FB "m86/r.mp4?oe=6860C515", 1080, 1920,
      2500000, "1v", 101);
}

static void
test_rest_story (void)
{
  g_autoptr (IgPost) post = load_post (FALSE, "rest-story.json");

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3870193736105885141));
  g_assert_cmpstr (post->shortcode, ==, "DW1sLKkiH3V");
  g_assert_cmpstr (post->product_type, ==, "story");
  g_assert_cmpint (post->taken_at, ==, 1775583063);
  g_assert_cmpint (post->expiring_at, ==, 1775669463);
  g_assert_cmpstr (post->owner_username, ==, "natgeo");
  assert_counts (post, -1, -1, -1);
  /* has_audio as the integer 1. */
  assert_item (item_at (post, 0), IG_MEDIA_VIDEO,
      G_GUINT64_CONSTANT (3870193736105885141), 1080, 1920, 14.8, TRUE, 1, 1,
      "the DASH manifest is not XML: ");
}

static void
test_graph_image (void)
{
  g_autoptr (IgPost) post = load_post (TRUE, "graphql-image.json");
  const IgItem *item;

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (1922949326347663701));
  g_assert_cmpstr (post->shortcode, ==, "BqvsDleB3lV");
  g_assert_cmpint (post->type, ==, IG_MEDIA_IMAGE);
  g_assert_cmpstr (post->product_type, ==, "feed");
  g_assert_cmpstr (post->owner_username, ==, "instagram");
  g_assert_cmpstr (post->owner_full_name, ==, "Instagram");
  g_assert_cmpstr (post->caption, ==, "Line one\nLine two");
  assert_title (post, "Line one");
  g_assert_cmpint (post->taken_at, ==, 1543453444);
  g_assert_cmpstr (post->location_name, ==, "Paris");
  /* The fallback edges, and a count above 32 bits. */
  assert_counts (post, G_GINT64_CONSTANT (5000000000), 12, -1);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_IMAGE, G_GUINT64_CONSTANT (1922949326347663701),
      1080, 1350, 0, FALSE, 0, 3, NULL);
  assert_variant (item->images, 0, CDN "e35/s640x640/b.jpg", 640, 800, 0, NULL,
      0);
  assert_variant (item->images, 1, CDN "e35/s750x750/b.jpg", 750, 937, 0, NULL,
      0);
  assert_variant (item->images, 2, CDN "e35/b.jpg", 1080, 1350, 0, NULL, 0);
}

static void
test_graph_video (void)
{
  g_autoptr (IgPost) post = load_post (TRUE, "graphql-video.json");
  const IgItem *item;

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (482584233761418119));
  g_assert_cmpstr (post->shortcode, ==, "aye83DjauH");
  g_assert_cmpint (post->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpstr (post->product_type, ==, "igtv");
  g_assert_cmpstr (post->owner_username, ==, "instagram");
  g_assert_null (post->owner_full_name);
  g_assert_null (post->caption);
  assert_title (post, NULL);
  g_assert_cmpint (post->taken_at, ==, 1400000000);
  g_assert_null (post->location_name);
  /* The preferred edges win over the fallbacks. */
  assert_counts (post, 9, 4, 77);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_VIDEO, G_GUINT64_CONSTANT (482584233761418119),
      1080, 1920, 30.5, TRUE, 1, 1, NO_DASH_VIDEO);
  assert_variant (item->videos, 0,
      "https://scontent.cdninstagram.com/v/t50.2886-16/v.mp4?oe=6860C515", 1080,
      1920, 0, NULL, 0);
  assert_variant (item->images, 0, CDN "e35/v.jpg", 1080, 1920, 0, NULL, 0);
}

static void
test_graph_sidecar (void)
{
  static const char *const path[] = { "data", "shortcode_media", NULL };
  g_autoptr (IgPost) post = load_post_at (TRUE, "graphql-sidecar.json", path);
  const IgItem *item;

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (1875629777499953996));
  g_assert_cmpstr (post->shortcode, ==, "BoHk1haB5tM");
  g_assert_cmpint (post->type, ==, IG_MEDIA_CAROUSEL);
  g_assert_cmpstr (post->product_type, ==, "carousel_container");
  g_assert_cmpstr (post->owner_full_name, ==, "Instagram");
  g_assert_cmpstr (post->caption, ==, "caption text");
  g_assert_cmpint (post->taken_at, ==, 1538000000);
  assert_counts (post, 100, 0, -1);
  g_assert_cmpuint (post->items->len, ==, 2);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_IMAGE, G_GUINT64_CONSTANT (1875629770000000001),
      1080, 1080, 0, FALSE, 0, 1, NULL);
  assert_variant (item->images, 0, "https://scontent.cdninstagram.com/c1.jpg",
      1080, 1080, 0, NULL, 0);
  item = item_at (post, 1);
  assert_item (item, IG_MEDIA_VIDEO, G_GUINT64_CONSTANT (1875629770000000002),
      720, 900, 0, FALSE, 1, 1, NULL);
  assert_variant (item->videos, 0,
      "https://scontent.cdninstagram.com/v/t50.2886-16/c2.mp4", 720, 900, 0,
      NULL, 0);
  assert_variant (item->images, 0, "https://scontent.cdninstagram.com/c2.jpg",
      720, 900, 0, NULL, 0);
}

static void
test_xdt_video (void)
{
  static const char *const path[] = { "data", "xdt_shortcode_media", NULL };
  g_autoptr (IgPost) post = load_post_at (TRUE, "xdt-video.json", path);
  const IgItem *item;

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3679002956306686062));
  g_assert_cmpstr (post->shortcode, ==, "DMOcbJSRaBu");
  g_assert_cmpint (post->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpstr (post->product_type, ==, "clips");
  g_assert_cmpstr (post->owner_username, ==, "xdt.user");
  g_assert_cmpstr (post->owner_full_name, ==, "X D T");
  g_assert_cmpstr (post->caption, ==, "   ");
  assert_title (post, NULL);
  g_assert_cmpint (post->taken_at, ==, 1752000000);
  assert_counts (post, 8, 2, 31337);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_VIDEO, G_GUINT64_CONSTANT (3679002956306686062),
      720, 1280, 7.25, FALSE, 1, 1, NULL);
  assert_variant (item->videos, 0, FB "m86/x.mp4?oe=6860C515", 720, 1280, 0,
      NULL, 0);
  /* display_resources is empty: display_url stands in. */
  assert_variant (item->images, 0, CDN "x.jpg", 720, 1280, 0, NULL, 0);
}

/* Bad inputs */

#define IMG_V2 \
  "\"image_versions2\":{\"candidates\":[{\"url\":\"https://a.b/c.jpg\"}]}"
#define IMG_OK "{\"pk\":\"1\",\"media_type\":1," IMG_V2 "}"
#define VIDEO_WITH(url) \
  "{\"media_type\":2,\"video_versions\":[{\"url\":\"" url "\"}]}"
#define GRAPH_IMG "\"display_url\":\"https://a.b/c.jpg\""
#define CHILD_EDGES(node) \
  "{\"__typename\":\"GraphSidecar\",\"id\":\"1\",\"edge_sidecar_to_children\":" \
  "{\"edges\":[{\"node\":" node "}]}}"

typedef struct
{
  gboolean graphql;
  const char *json;
  IgError code;
  const char *in_message; /* NULL: not checked */
} BadRow;

static const BadRow bad[] = {
  { FALSE, "[]", IG_ERROR_BAD_RESPONSE, "an array, expected an object" },
  { FALSE, "\"item\"", IG_ERROR_BAD_RESPONSE, NULL },
  { FALSE, "{}", IG_ERROR_BAD_RESPONSE, "'media_type' is missing" },
  { FALSE, "{\"media_type\":\"1\"," IMG_V2 "}", IG_ERROR_BAD_RESPONSE,
      "field 'media_type' is a string, expected an integer" },
  { FALSE, "{\"media_type\":3," IMG_V2 "}", IG_ERROR_BAD_RESPONSE, NULL },
  { FALSE, "{\"media_type\":2,\"video_versions\":\"x\"}", IG_ERROR_BAD_RESPONSE,
      "field 'video_versions' is a string, expected an array" },
  { FALSE, "{\"media_type\":2,\"video_versions\":[1]}", IG_ERROR_BAD_RESPONSE,
      "field 'video_versions[0]' is an integer, expected an object" },
  { FALSE, VIDEO_WITH ("javascript:x"), IG_ERROR_NO_MEDIA, NULL },
  { FALSE, VIDEO_WITH ("file:///etc/passwd"), IG_ERROR_NO_MEDIA, NULL },
  { FALSE, VIDEO_WITH ("/relative/v.mp4"), IG_ERROR_NO_MEDIA, NULL },
  { FALSE, VIDEO_WITH ("https://"), IG_ERROR_NO_MEDIA, NULL },
  { FALSE, "{\"media_type\":2," IMG_V2 "}", IG_ERROR_NO_MEDIA, NULL },
  { FALSE,
      "{\"media_type\":1,\"image_versions2\":{\"candidates\":"
      "[{\"url\":\"https://a.b/c.jpg\",\"width\":\"1080\"}]}}",
      IG_ERROR_BAD_RESPONSE, "field 'width' is a string, expected an integer" },
  { FALSE,
      "{\"media_type\":1,\"image_versions2\":{\"candidates\":"
      "[{\"url\":\"https://a.b/c.jpg\",\"height\":-1}]}}",
      IG_ERROR_BAD_RESPONSE, "out of range" },
  { FALSE, "{\"pk\":1.5e18,\"media_type\":1," IMG_V2 "}", IG_ERROR_BAD_RESPONSE,
      "field 'pk' is a float beyond 2^53" },
  { FALSE, "{\"pk\":-5,\"media_type\":1," IMG_V2 "}", IG_ERROR_BAD_RESPONSE,
      "negative" },
  { FALSE, "{\"pk\":\"-5\",\"media_type\":1," IMG_V2 "}", IG_ERROR_BAD_RESPONSE,
      NULL },
  { FALSE, "{\"pk\":\"12abc\",\"media_type\":1," IMG_V2 "}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { FALSE, "{\"pk\":\"18446744073709551616\",\"media_type\":1," IMG_V2 "}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { FALSE, "{\"caption\":[\"hi\"],\"media_type\":1," IMG_V2 "}",
      IG_ERROR_BAD_RESPONSE,
      "field 'caption' is an array, expected an object" },
  { FALSE, "{\"pk\":\"x_1\",\"media_type\":1," IMG_V2 "}",
      IG_ERROR_BAD_RESPONSE, "field 'pk' is not a media id" },
  { FALSE, "{\"pk\":\"1\"}", IG_ERROR_BAD_RESPONSE,
      "'media_type' is missing, and neither" },
  { FALSE, "{\"video_duration\":\"5\",\"media_type\":1," IMG_V2 "}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { FALSE, "{\"has_audio\":\"yes\",\"media_type\":1," IMG_V2 "}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { FALSE, "{\"like_count\":1.5,\"media_type\":1," IMG_V2 "}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { FALSE, "{\"media_type\":8,\"carousel_media\":[]}", IG_ERROR_NO_MEDIA,
      NULL },
  { FALSE, "{\"media_type\":8}", IG_ERROR_NO_MEDIA, NULL },
  { FALSE, "{\"media_type\":8,\"carousel_media\":{}}", IG_ERROR_BAD_RESPONSE,
      NULL },
  { FALSE, "{\"media_type\":8,\"carousel_media\":[\"x\"]}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { FALSE,
      "{\"media_type\":8,\"carousel_media\":[{\"media_type\":1}," VIDEO_WITH (
          "ftp://a.b/v.mp4") "]}",
      IG_ERROR_NO_MEDIA, NULL },
  { FALSE, "{\"media_type\":8,\"carousel_media\":[{\"media_type\":8}]}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { TRUE, "[]", IG_ERROR_BAD_RESPONSE, NULL },
  { TRUE, "{\"__typename\":\"GraphStory\"," GRAPH_IMG "}",
      IG_ERROR_BAD_RESPONSE, "__typename" },
  { TRUE, "{" GRAPH_IMG "}", IG_ERROR_BAD_RESPONSE, "__typename" },
  { TRUE, "{\"__typename\":7," GRAPH_IMG "}", IG_ERROR_BAD_RESPONSE, NULL },
  { TRUE, "{\"__typename\":\"GraphImage\",\"id\":1e18," GRAPH_IMG "}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { TRUE, "{\"__typename\":\"GraphImage\",\"display_url\":\"javascript:x\"}",
      IG_ERROR_NO_MEDIA, NULL },
  { TRUE, "{\"__typename\":\"GraphVideo\"," GRAPH_IMG "}", IG_ERROR_NO_MEDIA,
      NULL },
  { TRUE, "{\"__typename\":\"GraphImage\",\"dimensions\":[]," GRAPH_IMG "}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { TRUE,
      "{\"__typename\":\"GraphImage\",\"display_resources\":"
      "[{\"src\":\"https://a.b/c\",\"config_width\":\"1\"}]}",
      IG_ERROR_BAD_RESPONSE, NULL },
  { TRUE,
      "{\"__typename\":\"GraphImage\",\"edge_media_to_caption\":"
      "{\"edges\":[{\"node\":{\"text\":5}}]}," GRAPH_IMG "}",
      IG_ERROR_BAD_RESPONSE, "field 'text' is an integer" },
  { TRUE,
      "{\"__typename\":\"GraphSidecar\",\"edge_sidecar_to_children\":"
      "{\"edges\":[]}}",
      IG_ERROR_NO_MEDIA, NULL },
  { TRUE, "{\"__typename\":\"XDTGraphSidecar\"}", IG_ERROR_NO_MEDIA, NULL },
  { TRUE, CHILD_EDGES ("{\"__typename\":\"GraphVideo\"}"), IG_ERROR_NO_MEDIA,
      NULL },
  { TRUE, CHILD_EDGES ("{\"__typename\":\"GraphSidecar\"}"),
      IG_ERROR_BAD_RESPONSE, NULL },
  { TRUE, CHILD_EDGES ("5"), IG_ERROR_BAD_RESPONSE, NULL },
};

static void
test_bad_inputs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node = json_from_string (bad[i].json, &error);
    g_autoptr (IgPost) post = NULL;

    g_test_message ("%s", bad[i].json);
    g_assert_no_error (error);
    post = bad[i].graphql ? ig_post_from_graphql (node, &error)
                          : ig_post_from_rest (node, &error);
    g_assert_null (post);
    g_assert_error (error, IG_ERROR, (gint) bad[i].code);
    if (bad[i].in_message != NULL)
      g_assert_nonnull (strstr (error->message, bad[i].in_message));
  }
}

/* Numbers */

static IgPost *
parse (gboolean graphql, const char *json, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return graphql ? ig_post_from_graphql (node, error)
                 : ig_post_from_rest (node, error);
}

/* Integers sent as floats are read when they have no fraction. */
static void
test_rest_float_integers (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = parse (FALSE,
      "{\"pk\":12345.0,\"media_type\":2.0,\"original_width\":1080.0,"
      "\"original_height\":1.92e3,\"taken_at\":1.7e9,\"like_count\":42.0,"
      "\"comment_count\":9007199254740991.0,\"play_count\":-0.0,"
      "\"video_versions\":[{\"url\":\"https://a.b/v.mp4\",\"type\":101.0,"
      "\"width\":720.0,\"height\":1280.0,\"bandwidth\":1.5e6}]}",
      &error);
  const IgItem *item;

  g_assert_no_error (error);
  g_assert_cmpuint (post->pk, ==, 12345);
  g_assert_cmpint (post->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpint (post->taken_at, ==, 1700000000);
  /* 2^53 - 1, the largest float that is surely the integer meant */
  assert_counts (post, 42, G_GINT64_CONSTANT (9007199254740991), 0);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_VIDEO, 12345, 1080, 1920, 0, FALSE, 1, 0, NULL);
  assert_variant (item->videos, 0, "https://a.b/v.mp4", 720, 1280, 1500000,
      NULL, 101);
}

static void
test_graph_float_integers (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = parse (TRUE,
      "{\"__typename\":\"GraphImage\",\"id\":\"7\","
      "\"dimensions\":{\"width\":1080.0,\"height\":1.35e3},"
      "\"taken_at_timestamp\":1.7e9,\"video_view_count\":77.0,"
      "\"edge_media_preview_like\":{\"count\":5.0},"
      "\"edge_media_to_comment\":{\"count\":2e0},"
      "\"display_resources\":[{\"src\":\"https://a.b/c.jpg\","
      "\"config_width\":640.0,\"config_height\":800.0}]}",
      &error);
  const IgItem *item;

  g_assert_no_error (error);
  g_assert_cmpint (post->taken_at, ==, 1700000000);
  assert_counts (post, 5, 2, 77);
  item = item_at (post, 0);
  assert_item (item, IG_MEDIA_IMAGE, 7, 1080, 1350, 0, FALSE, 0, 1, NULL);
  assert_variant (item->images, 0, "https://a.b/c.jpg", 640, 800, 0, NULL, 0);
}

#define REST_IMG(members) "{\"media_type\":1," members "," IMG_V2 "}"
#define GRAPH_IMG_WITH(members) \
  "{\"__typename\":\"GraphImage\"," members "," GRAPH_IMG "}"
#define WITH_CANDIDATE(members) \
  "{\"media_type\":1,\"image_versions2\":{\"candidates\":" \
  "[{\"url\":\"https://a.b/c.jpg\"," members "}]}}"

/* Each message names the field and the value. */
static const BadRow bad_numbers[] = {
  { FALSE, REST_IMG ("\"pk\":1.5e18"), IG_ERROR_BAD_RESPONSE,
      "field 'pk' is a float beyond 2^53, which may have lost digits: "
      "1.5e+18" },
  { FALSE, REST_IMG ("\"pk\":-1.0"), IG_ERROR_BAD_RESPONSE,
      "field 'pk' is negative: -1" },
  { FALSE, REST_IMG ("\"pk\":3.5"), IG_ERROR_BAD_RESPONSE,
      "field 'pk' is not an integer: 3.5" },
  { FALSE, REST_IMG ("\"like_count\":9007199254740992.0"),
      IG_ERROR_BAD_RESPONSE,
      "field 'like_count' is a float beyond 2^53, which may have lost "
      "digits: 9007199254740992" },
  { FALSE, REST_IMG ("\"view_count\":1e300"), IG_ERROR_BAD_RESPONSE,
      "field 'view_count' is out of range "
      "-9223372036854775808..9223372036854775807: 1e+300" },
  { FALSE, REST_IMG ("\"taken_at\":1.5"), IG_ERROR_BAD_RESPONSE,
      "field 'taken_at' is not an integer: 1.5" },
  { FALSE, REST_IMG ("\"original_width\":-1"), IG_ERROR_BAD_RESPONSE,
      "field 'original_width' is out of range 0..2147483647: -1" },
  { FALSE, REST_IMG ("\"original_height\":1e300"), IG_ERROR_BAD_RESPONSE,
      "field 'original_height' is out of range 0..2147483647: 1e+300" },
  { FALSE, REST_IMG ("\"original_height\":-1.0"), IG_ERROR_BAD_RESPONSE,
      "field 'original_height' is out of range 0..2147483647: -1" },
  { FALSE, WITH_CANDIDATE ("\"width\":1080.5"), IG_ERROR_BAD_RESPONSE,
      "field 'width' is not an integer: 1080.5" },
  { FALSE, WITH_CANDIDATE ("\"height\":2147483648.0"), IG_ERROR_BAD_RESPONSE,
      "field 'height' is out of range 0..2147483647: 2147483648" },
  { FALSE, REST_IMG ("\"media_type\":1.5"), IG_ERROR_BAD_RESPONSE,
      "field 'media_type' is not an integer: 1.5" },
  { FALSE, REST_IMG ("\"video_duration\":-0.5"), IG_ERROR_BAD_RESPONSE,
      "field 'video_duration' is out of range 0..1e9: -0.5" },
  { TRUE, GRAPH_IMG_WITH ("\"id\":1.5e18"), IG_ERROR_BAD_RESPONSE,
      "field 'id' is a float beyond 2^53, which may have lost digits: "
      "1.5e+18" },
  { TRUE, GRAPH_IMG_WITH ("\"dimensions\":{\"height\":1e300}"),
      IG_ERROR_BAD_RESPONSE,
      "field 'height' is out of range 0..2147483647: 1e+300" },
  { TRUE, GRAPH_IMG_WITH ("\"dimensions\":{\"width\":-1}"),
      IG_ERROR_BAD_RESPONSE,
      "field 'width' is out of range 0..2147483647: -1" },
  { TRUE, GRAPH_IMG_WITH ("\"dimensions\":{\"width\":1080.5}"),
      IG_ERROR_BAD_RESPONSE, "field 'width' is not an integer: 1080.5" },
  { TRUE, GRAPH_IMG_WITH ("\"taken_at_timestamp\":1700000000.5"),
      IG_ERROR_BAD_RESPONSE,
      "field 'taken_at_timestamp' is not an integer: 1700000000.5" },
  { TRUE, GRAPH_IMG_WITH ("\"edge_media_preview_like\":{\"count\":2.5}"),
      IG_ERROR_BAD_RESPONSE, "field 'count' is not an integer: 2.5" },
  { TRUE, GRAPH_IMG_WITH ("\"video_view_count\":1e300"), IG_ERROR_BAD_RESPONSE,
      "field 'video_view_count' is out of range "
      "-9223372036854775808..9223372036854775807: 1e+300" },
};

static void
test_bad_numbers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_numbers); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (IgPost) post = NULL;

    g_test_message ("%s", bad_numbers[i].json);
    post = parse (bad_numbers[i].graphql, bad_numbers[i].json, &error);
    g_assert_null (post);
    g_assert_error (error, IG_ERROR, (gint) bad_numbers[i].code);
    g_assert_cmpstr (strstr (error->message, "field"), ==,
        bad_numbers[i].in_message);
  }
}

/* json-glib never reads NaN or infinities, so set them by hand. */
static void
assert_refused_double (const char *name, gdouble value, const char *message)
{
  g_autoptr (JsonNode) node = json_from_string (IMG_OK, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = NULL;

  json_object_set_double_member (json_node_get_object (node), name, value);
  post = ig_post_from_rest (node, &error);
  g_assert_null (post);
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
  g_assert_cmpstr (strstr (error->message, "field"), ==, message);
}

static void
test_non_finite_numbers (void)
{
  assert_refused_double ("original_width", NAN,
      "field 'original_width' is not an integer: nan");
  assert_refused_double ("like_count", INFINITY,
      "field 'like_count' is not an integer: inf");
  assert_refused_double ("pk", -INFINITY, "field 'pk' is negative: -inf");
  assert_refused_double ("video_duration", NAN,
      "field 'video_duration' is not a finite number: nan");
  assert_refused_double ("video_duration", INFINITY,
      "field 'video_duration' is not a finite number: inf");
}

/* Carousel numbering */

#define REST_CHILD(pk, candidates) \
  "{\"pk\":\"" pk \
  "\",\"media_type\":1,\"image_versions2\":{\"candidates\":" candidates "}}"
#define GRAPH_CHILD(id, url) \
  "{\"node\":{\"__typename\":\"GraphImage\",\"id\":\"" id "\"," \
  "\"display_url\":\"" url "\"}}"

/* The 2nd child has no usable media: it keeps its place, and choosing it
 * says so; the 3rd child is still the 3rd. */
static void
assert_second_child_unusable (gboolean graphql, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = parse (graphql, json, &error);
  guint picked = 99;
  const IgItem *item;

  g_assert_no_error (error);
  g_assert_cmpuint (post->items->len, ==, 3);
  g_assert_null (item_at (post, 0)->unusable);
  g_assert_cmpstr (item_at (post, 1)->unusable, ==,
      "the image has no candidate with an http(s) URL");
  g_assert_cmpuint (item_at (post, 1)->pk, ==, 2);
  g_assert_null (ig_post_pick_item (post, -1, 1, &picked, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NO_MEDIA);
  g_assert_cmpstr (error->message, ==,
      "carousel item 2 of 3 has no usable media: the image has no candidate "
      "with an http(s) URL");
  g_assert_cmpuint (picked, ==, 99);
  item = ig_post_pick_item (post, -1, 2, &picked, NULL);
  g_assert_nonnull (item);
  g_assert_cmpuint (picked, ==, 2);
  g_assert_cmpuint (item->pk, ==, 3);
  g_assert_cmpstr (ig_item_choose (item, NULL, NULL)->url, ==,
      "https://a.b/3.jpg");
}

static void
test_carousel_numbering (void)
{
  assert_second_child_unusable (FALSE,
      "{\"pk\":\"9\",\"media_type\":8,\"carousel_media\":[" REST_CHILD ("1",
          "[{\"url\":\"https://a.b/1.jpg\"}]") "," REST_CHILD ("2",
          "[]") "," REST_CHILD ("3", "[{\"url\":\"https://a.b/3.jpg\"}]") "]}");
  assert_second_child_unusable (TRUE,
      "{\"__typename\":\"GraphSidecar\",\"id\":\"9\","
      "\"edge_sidecar_to_children\":{\"edges\":[" GRAPH_CHILD ("1",
          "https://a.b/1.jpg") "," GRAPH_CHILD ("2",
          "javascript:x") "," GRAPH_CHILD ("3", "https://a.b/3.jpg") "]}}");
}

/* The manifest is parsed once, with the model. */

#define MPD \
  "<MPD><Period><AdaptationSet contentType='video'><Representation id='v' " \
  "width='1080' height='1920'><BaseURL>https://a.b/d.mp4</BaseURL>" \
  "</Representation></AdaptationSet></Period></MPD>"
#define REST_DASH(manifest) \
  "{\"media_type\":2,\"video_versions\":[{\"url\":\"https://a.b/v.mp4\"}]," \
  "\"video_dash_manifest\":\"" manifest "\"}"
#define GRAPH_DASH(manifest) \
  "{\"__typename\":\"GraphVideo\",\"video_url\":\"https://a.b/v.mp4\"," \
  "\"dash_info\":{\"video_dash_manifest\":\"" manifest "\"}}"

static void
assert_dash (gboolean graphql, const char *json, const char *dash_error)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = parse (graphql, json, &error);
  const IgItem *item;
  GPtrArray *reps;

  g_assert_no_error (error);
  item = item_at (post, 0);
  g_assert_cmpstr (item->dash_error, ==, dash_error);
  if (dash_error != NULL) {
    g_assert_null (item->dash);
    return;
  }
  reps = ig_dash_manifest_get_representations (item->dash);
  g_assert_cmpuint (reps->len, ==, 1);
  g_assert_cmpstr (((IgDashRepresentation *) g_ptr_array_index (reps, 0))->id,
      ==, "v");
}

static void
test_dash_parsed (void)
{
  assert_dash (FALSE, REST_DASH (MPD), NULL);
  assert_dash (TRUE, GRAPH_DASH (MPD), NULL);
  /* an unusable manifest never fails the post */
  assert_dash (FALSE, REST_DASH (""),
      "the DASH manifest is not XML: Document is empty");
  assert_dash (TRUE, GRAPH_DASH ("<MPD/>"), NO_DASH_VIDEO);
}

static void
test_null_node (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (ig_post_from_rest (NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_assert_null (ig_post_from_graphql (NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
}

/* json-glib refuses invalid UTF-8 in text, so build the node by hand. */
static void
test_invalid_utf8 (void)
{
  g_autoptr (JsonNode) node = json_from_string (IMG_OK, NULL);
  g_autoptr (JsonObject) caption = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = NULL;

  json_object_set_string_member (caption, "text", "bad \xed\xa0\x80 text");
  json_object_set_object_member (json_node_get_object (node), "caption",
      json_object_ref (caption));
  post = ig_post_from_rest (node, &error);
  g_assert_null (post);
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "'text'"));
}

/* {"a":[{"a":[...]}]} @depth objects deep, built without the parser:
 * JSON-GLib 1.10 refuses text nested deeper than 1024 levels, 1.6 reads
 * it; a tree this deep is what the model must survive on both. */
static JsonNode *
deep_tree (guint depth)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());
  for (guint i = 0; i < depth; i++) {
    JsonObject *object = json_object_new ();
    JsonArray *array = json_array_new ();

    json_object_set_member (object, "a", node);
    json_array_add_object_element (array, object);
    node = json_node_new (JSON_NODE_ARRAY);
    json_node_take_array (node, array);
  }
  return node;
}

/* The model reads fixed paths: deep nesting elsewhere must not matter. */
static void
test_deep_nesting (void)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (IgPost) post = NULL;
  g_autoptr (GError) error = NULL;

  node = json_from_string ("{\"pk\":\"1\",\"media_type\":1," IMG_V2 "}",
      &error);
  g_assert_no_error (error);
  json_object_set_member (json_node_get_object (node), "junk",
      deep_tree (2000));
  post = ig_post_from_rest (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (post->items->len, ==, 1);
}

/* Without pk, the pk part of "<pk>_<owner pk>" is used. */
static void
test_pk_from_id (void)
{
  g_autoptr (JsonNode) node = json_from_string (
      "{\"id\":\"3657076607422114209_14041886518\",\"media_type\":1," IMG_V2
      "}",
      NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = ig_post_from_rest (node, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3657076607422114209));
  g_assert_cmpuint (item_at (post, 0)->pk, ==,
      G_GUINT64_CONSTANT (3657076607422114209));
  assert_counts (post, -1, -1, -1);
  /* no code: the one Instagram derives from the pk */
  g_assert_cmpstr (post->shortcode, ==, "DLAi8xlySmh");
  g_assert_null (post->caption);
}

static IgPost *
rest_post_from (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  IgPost *post;

  g_assert_nonnull (node);
  post = ig_post_from_rest (node, &error);
  g_assert_no_error (error);
  return post;
}

/* Items as 2026 clients see them (instagram-2026-12.md 6.1, 6.3): pk above
 * 2^53 as a JSON number or "PK_OWNER", only an id, no code, no media_type,
 * caption a string, taken_at_timestamp, a user with only an id. */
static void
test_rest_2026_variants (void)
{
  g_autoptr (IgPost) video = rest_post_from (
      "{\"pk\":3776832898280228145,\"video_versions\":[{\"url\":"
      "\"https://a.b/v.mp4\",\"width\":720,\"height\":1280}]," IMG_V2
      ",\"caption\":\"A 2026 reel\\n#av1\",\"taken_at_timestamp\":"
      "1775600000,\"user\":{\"id\":\"7766554433\"}}");
  g_autoptr (IgPost) underscore =
      rest_post_from ("{\"pk\":\"3776832898280228145_7766554433\"," IMG_V2 "}");
  g_autoptr (IgPost) only_id =
      rest_post_from ("{\"id\":\"3776832898280228145\"," IMG_V2 "}");

  g_assert_cmpint (video->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpuint (video->pk, ==, G_GUINT64_CONSTANT (3776832898280228145));
  g_assert_cmpstr (video->shortcode, ==, "DRqAYKuAIUx");
  g_assert_cmpstr (video->caption, ==, "A 2026 reel\n#av1");
  g_assert_cmpint (video->taken_at, ==, 1775600000);
  g_assert_null (video->owner_username);
  g_assert_cmpint (item_at (video, 0)->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpint (underscore->type, ==, IG_MEDIA_IMAGE);
  g_assert_cmpuint (underscore->pk, ==,
      G_GUINT64_CONSTANT (3776832898280228145));
  g_assert_cmpstr (underscore->shortcode, ==, "DRqAYKuAIUx");
  g_assert_cmpuint (only_id->pk, ==, G_GUINT64_CONSTANT (3776832898280228145));
}

/* A carousel without media_type, whose carousel_media_count says 10 and
 * whose array holds 3 children, themselves without media_type: the array
 * is what Instagram has. */
static void
test_rest_2026_carousel (void)
{
  g_autoptr (IgPost) post = rest_post_from (
      "{\"pk\":\"3776832898280228147\",\"carousel_media_count\":10,"
      "\"carousel_media\":[{\"pk\":\"11_2\"," IMG_V2 "},"
      "{\"pk\":12,\"video_versions\":[{\"url\":\"https://a.b/v.mp4\"}]},"
      "{\"id\":\"13_2\"," IMG_V2 "}]}");

  g_assert_cmpint (post->type, ==, IG_MEDIA_CAROUSEL);
  g_assert_cmpuint (post->items->len, ==, 3);
  g_assert_cmpint (item_at (post, 0)->type, ==, IG_MEDIA_IMAGE);
  g_assert_cmpuint (item_at (post, 0)->pk, ==, 11);
  g_assert_cmpint (item_at (post, 1)->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpuint (item_at (post, 1)->pk, ==, 12);
  g_assert_cmpint (item_at (post, 2)->type, ==, IG_MEDIA_IMAGE);
  g_assert_cmpuint (item_at (post, 2)->pk, ==, 13);
}

static void
test_title (void)
{
  g_autoptr (IgPost) post = load_post (FALSE, "rest-video.json");

  g_free (post->caption);
  post->caption = g_strdup ("\r\n\t first \t\nsecond");
  assert_title (post, "first");
  g_free (post->caption);
  post->caption = g_strdup ("");
  assert_title (post, NULL);
  g_free (post->caption);
  post->caption = g_strdup ("one line");
  assert_title (post, "one line");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/rest-image", test_rest_image);
  g_test_add_func ("/model/rest-video", test_rest_video);
  g_test_add_func ("/model/rest-carousel", test_rest_carousel);
  g_test_add_func ("/model/polaris-item", test_polaris_item);
  g_test_add_func ("/model/rest-story", test_rest_story);
  g_test_add_func ("/model/graph-image", test_graph_image);
  g_test_add_func ("/model/graph-video", test_graph_video);
  g_test_add_func ("/model/graph-sidecar", test_graph_sidecar);
  g_test_add_func ("/model/xdt-video", test_xdt_video);
  g_test_add_func ("/model/bad-inputs", test_bad_inputs);
  g_test_add_func ("/model/rest-float-integers", test_rest_float_integers);
  g_test_add_func ("/model/graph-float-integers", test_graph_float_integers);
  g_test_add_func ("/model/bad-numbers", test_bad_numbers);
  g_test_add_func ("/model/non-finite-numbers", test_non_finite_numbers);
  g_test_add_func ("/model/carousel-numbering", test_carousel_numbering);
  g_test_add_func ("/model/dash-parsed", test_dash_parsed);
  g_test_add_func ("/model/null-node", test_null_node);
  g_test_add_func ("/model/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/model/deep-nesting", test_deep_nesting);
  g_test_add_func ("/model/pk-from-id", test_pk_from_id);
  g_test_add_func ("/model/title", test_title);
  g_test_add_func ("/model/rest-2026-variants", test_rest_2026_variants);
  g_test_add_func ("/model/rest-2026-carousel", test_rest_2026_carousel);
  return g_test_run ();
}
