/* Unit tests: which item and which file get streamed.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-error.h"
#include "ig-quality.h"

static void
add_variant (GPtrArray *array, const char *url, gint w, gint h,
    gint64 bandwidth, gint type)
{
  IgVariant *v = g_new0 (IgVariant, 1);

  v->url = g_strdup (url);
  v->width = w;
  v->height = h;
  v->bandwidth = bandwidth;
  v->type = type;
  g_ptr_array_add (array, v);
}

static IgItem *
item_new (IgMediaType type)
{
  IgItem *item = g_new0 (IgItem, 1);

  item->type = type;
  item->videos =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_variant_free);
  item->images =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_variant_free);
  return item;
}

/* A video item with a small "type 101" first, then the real largest. */
static IgItem *
video_item (void)
{
  IgItem *item = item_new (IG_MEDIA_VIDEO);

  add_variant (item->videos, "v-small-101", 480, 853, 9000000, 101);
  add_variant (item->videos, "v-720p", 720, 1280, 1500000, 102);
  add_variant (item->videos, "v-360p", 360, 640, 500000, 103);
  add_variant (item->videos, "v-1080p", 1080, 1920, 3000000, 104);
  add_variant (item->images, "poster", 1080, 1920, 0, 0);
  return item;
}

static void
assert_pick_video (IgItem *item, gint cap, const char *url)
{
  const IgVariant *v = ig_item_choose_video (item, &(IgSizeCap){ .max_height = cap });

  g_assert_nonnull (v);
  g_assert_cmpstr (v->url, ==, url);
}

static void
test_area_not_type (void)
{
  IgItem *item = video_item ();

  assert_pick_video (item, 0, "v-1080p");
  ig_item_free (item);
}

static void
test_bandwidth_tie_break (void)
{
  IgItem *item = item_new (IG_MEDIA_VIDEO);

  add_variant (item->videos, "low", 720, 1280, 1000, 101);
  add_variant (item->videos, "high", 720, 1280, 2000, 102);
  add_variant (item->videos, "high-again", 720, 1280, 2000, 103);
  add_variant (item->videos, "narrow-but-fast", 700, 1280, 9000000, 101);
  /* Equal area: bandwidth decides; a full tie keeps the answer's order. */
  assert_pick_video (item, 0, "high");
  ig_item_free (item);
}

static void
test_max_height (void)
{
  IgItem *item = video_item ();

  assert_pick_video (item, 1920, "v-1080p");
  assert_pick_video (item, 1919, "v-720p");
  assert_pick_video (item, 1280, "v-720p");
  assert_pick_video (item, 900, "v-small-101");
  assert_pick_video (item, 640, "v-360p");
  /* Every version is taller than the cap: the smallest one. */
  assert_pick_video (item, 100, "v-360p");
  ig_item_free (item);
}

static void
test_landscape_cap (void)
{
  IgItem *item = item_new (IG_MEDIA_VIDEO);

  add_variant (item->videos, "1080p", 1920, 1080, 0, 101);
  add_variant (item->videos, "720p", 1280, 720, 0, 101);
  add_variant (item->videos, "480p", 854, 480, 0, 101);
  assert_pick_video (item, 720, "720p");
  assert_pick_video (item, 1080, "1080p");
  assert_pick_video (item, 240, "480p");
  ig_item_free (item);
}

static void
test_image_largest (void)
{
  IgItem *item = item_new (IG_MEDIA_IMAGE);
  const IgVariant *v;

  add_variant (item->images, "640", 640, 800, 0, 0);
  add_variant (item->images, "1440", 1440, 1800, 0, 0);
  add_variant (item->images, "1080", 1080, 1350, 0, 0);
  v = ig_item_choose_image (item, NULL);
  g_assert_cmpstr (v->url, ==, "1440");
  v = ig_item_choose_image (item, &(IgSizeCap){ .max_height = 1350 });
  g_assert_cmpstr (v->url, ==, "1080");
  g_assert_null (ig_item_choose_video (item, NULL));
  v = ig_item_choose (item, NULL, NULL);
  g_assert_cmpstr (v->url, ==, "1440");
  ig_item_free (item);
}

static void
test_choose (void)
{
  g_autoptr (GError) error = NULL;
  IgItem *item = video_item ();
  const IgVariant *v;

  v = ig_item_choose (item, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v->url, ==, "v-1080p");
  /* A video item without videos does not fall back to its poster. */
  g_ptr_array_set_size (item->videos, 0);
  g_assert_null (ig_item_choose (item, NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NO_MEDIA);
  ig_item_free (item);
}

static void
test_unknown_size (void)
{
  IgItem *item = item_new (IG_MEDIA_VIDEO);

  add_variant (item->videos, "unknown", 0, 0, 0, 0);
  assert_pick_video (item, 0, "unknown");
  assert_pick_video (item, 720, "unknown");
  add_variant (item->videos, "known", 640, 360, 0, 0);
  assert_pick_video (item, 0, "known");
  ig_item_free (item);
}

static IgPost *
post_with_items (guint n)
{
  IgPost *post = ig_post_new ();

  post->type = n > 1 ? IG_MEDIA_CAROUSEL : IG_MEDIA_IMAGE;
  for (guint i = 0; i < n; i++) {
    IgItem *item = item_new (IG_MEDIA_IMAGE);

    item->pk = 100 + i;
    g_ptr_array_add (post->items, item);
  }
  return post;
}

static void
assert_pick (const IgPost *post, gint media_index, gint uri_index,
    guint expected)
{
  g_autoptr (GError) error = NULL;
  guint picked = 999;
  const IgItem *item;

  item = ig_post_pick_item (post, media_index, uri_index, &picked, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpuint (picked, ==, expected);
  g_assert_cmpuint (item->pk, ==, 100 + expected);
}

static void
assert_out_of_range (const IgPost *post, gint media_index, gint uri_index,
    const char *message)
{
  g_autoptr (GError) error = NULL;
  guint picked = 999;

  g_assert_null (
      ig_post_pick_item (post, media_index, uri_index, &picked, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (picked, ==, 999);
}

static void
test_pick_item (void)
{
  g_autoptr (IgPost) post = post_with_items (3);
  g_autoptr (IgPost) single = post_with_items (1);

  assert_pick (post, -1, -1, 0);
  assert_pick (post, -1, 2, 2);
  assert_pick (post, 1, 2, 1);
  assert_pick (post, 0, 2, 0);
  g_assert_nonnull (ig_post_pick_item (post, 2, -1, NULL, NULL));
  assert_out_of_range (post, 5, -1,
      "media-index 5 is out of range: the post has 3 items");
  assert_out_of_range (post, 3, 1,
      "media-index 3 is out of range: the post has 3 items");
  assert_out_of_range (post, -1, 3,
      "img_index 4 is out of range: the post has 3 items");
  assert_pick (single, -1, -1, 0);
  assert_out_of_range (single, 1, -1,
      "media-index 1 is out of range: the post has 1 item");
}

/* An unusable child is picked by its number and refused, naming it. */
static void
test_pick_unusable (void)
{
  g_autoptr (IgPost) post = post_with_items (3);
  g_autoptr (GError) error = NULL;
  IgItem *second = g_ptr_array_index (post->items, 1);

  second->unusable = g_strdup ("the image has no candidate");
  g_assert_null (ig_post_pick_item (post, 1, -1, NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NO_MEDIA);
  g_assert_cmpstr (error->message, ==,
      "carousel item 2 of 3 has no usable media: the image has no candidate");
  g_clear_error (&error);
  g_assert_null (ig_post_pick_item (post, -1, 1, NULL, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_NO_MEDIA);
  assert_pick (post, -1, 2, 2);
  assert_pick (post, 2, -1, 2);
  assert_pick (post, -1, -1, 0);
  g_assert_cmpint (ig_post_find_item (post, 101), ==, 1);
}

/* A portrait reel's versions, in no order. */
static IgItem *
portrait_item (void)
{
  IgItem *item = item_new (IG_MEDIA_VIDEO);

  add_variant (item->videos, "v-720", 720, 1280, 1500000, 101);
  add_variant (item->videos, "v-1080", 1080, 1920, 3000000, 102);
  add_variant (item->videos, "v-480", 480, 854, 700000, 103);
  add_variant (item->images, "c-720", 720, 1280, 0, 0);
  add_variant (item->images, "c-1080", 1080, 1920, 0, 0);
  add_variant (item->images, "c-480", 480, 854, 0, 0);
  return item;
}

static const char *
choose_video_url (const IgItem *item, gint max_height, guint max_resolution)
{
  IgSizeCap cap = { max_height, max_resolution };

  return ig_item_choose_video (item, &cap)->url;
}

/* max-resolution counts the shorter side: "720p" of a portrait reel is
 * 720x1280, of a landscape video 1280x720. */
static void
test_max_resolution_shorter_side (void)
{
  IgItem *item = portrait_item ();
  IgItem *landscape = item_new (IG_MEDIA_VIDEO);

  g_assert_cmpstr (choose_video_url (item, 0, 0), ==, "v-1080");
  g_assert_cmpstr (choose_video_url (item, 0, 720), ==, "v-720");
  g_assert_cmpstr (choose_video_url (item, 0, 1080), ==, "v-1080");
  g_assert_cmpstr (choose_video_url (item, 0, 719), ==, "v-480");
  /* the literal height picks the smaller file for the same number */
  g_assert_cmpstr (choose_video_url (item, 720, 0), ==, "v-480");
  /* none fits: the smallest, as with max-height */
  g_assert_cmpstr (choose_video_url (item, 0, 100), ==, "v-480");
  add_variant (landscape->videos, "l-1080", 1920, 1080, 3000000, 101);
  add_variant (landscape->videos, "l-720", 1280, 720, 1500000, 102);
  g_assert_cmpstr (choose_video_url (landscape, 0, 720), ==, "l-720");
  g_assert_cmpstr (choose_video_url (landscape, 720, 0), ==, "l-720");
  ig_item_free (landscape);
  ig_item_free (item);
}

/* Both caps set: a version must keep both. */
static void
test_both_caps (void)
{
  IgItem *item = portrait_item ();

  g_assert_cmpstr (choose_video_url (item, 1000, 720), ==, "v-480");
  g_assert_cmpstr (choose_video_url (item, 1280, 720), ==, "v-720");
  g_assert_cmpstr (choose_video_url (item, 1920, 480), ==, "v-480");
  g_assert_cmpstr (choose_video_url (item, 400, 720), ==, "v-480");
  g_assert_true (ig_size_cap_allows (&(IgSizeCap){ 1280, 720 }, 720, 1280));
  g_assert_false (ig_size_cap_allows (&(IgSizeCap){ 1279, 720 }, 720, 1280));
  g_assert_false (ig_size_cap_allows (&(IgSizeCap){ 0, 719 }, 720, 1280));
  /* unknown sizes never exceed a cap */
  g_assert_true (ig_size_cap_allows (&(IgSizeCap){ 100, 100 }, 0, 0));
  g_assert_true (ig_size_cap_allows (NULL, 4000, 4000));
  ig_item_free (item);
}

/* Image candidates (pictures and covers) under the same rules. */
static void
test_image_candidates_capped (void)
{
  IgItem *item = portrait_item ();

  g_assert_cmpstr (ig_item_choose_image (item, NULL)->url, ==, "c-1080");
  g_assert_cmpstr (
      ig_item_choose_image (item, &(IgSizeCap){ 0, 720 })->url, ==, "c-720");
  g_assert_cmpstr (
      ig_item_choose_image (item, &(IgSizeCap){ 1000, 720 })->url, ==, "c-480");
  g_assert_cmpstr (
      ig_item_choose_image (item, &(IgSizeCap){ 0, 10 })->url, ==, "c-480");
  item->type = IG_MEDIA_IMAGE;
  g_assert_cmpstr (
      ig_item_choose (item, &(IgSizeCap){ 0, 720 }, NULL)->url, ==, "c-720");
  ig_item_free (item);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/quality/area-not-type", test_area_not_type);
  g_test_add_func ("/quality/bandwidth-tie-break", test_bandwidth_tie_break);
  g_test_add_func ("/quality/max-height", test_max_height);
  g_test_add_func ("/quality/landscape-cap", test_landscape_cap);
  g_test_add_func ("/quality/image-largest", test_image_largest);
  g_test_add_func ("/quality/choose", test_choose);
  g_test_add_func ("/quality/unknown-size", test_unknown_size);
  g_test_add_func ("/quality/pick-item", test_pick_item);
  g_test_add_func ("/quality/pick-unusable", test_pick_unusable);
  g_test_add_func ("/quality/max-resolution-shorter-side",
      test_max_resolution_shorter_side);
  g_test_add_func ("/quality/both-caps", test_both_caps);
  g_test_add_func ("/quality/image-candidates-capped",
      test_image_candidates_capped);
  return g_test_run ();
}
