/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-quality.h"

#include "ig-error.h"

static void
set_out_of_range (GError **error, const char *what, gint index, guint n)
{
  g_set_error (error, IG_ERROR, IG_ERROR_OUT_OF_RANGE,
      "%s %d is out of range: the post has %u item%s", what, index, n,
      n == 1 ? "" : "s");
}

/**
 * ig_post_pick_item:
 * An explicit @media_index wins over the URI's img_index.
 */
const IgItem *
ig_post_pick_item (const IgPost *post, gint media_index, gint uri_index,
    guint *picked_index, GError **error)
{
  guint n = post->items->len;
  gint index = media_index >= 0 ? media_index : MAX (uri_index, 0);
  const IgItem *item;

  if ((guint) index >= n) {
    if (media_index >= 0)
      set_out_of_range (error, "media-index", media_index, n);
    else /* img_index is 1-based in the URI: report it as the user wrote it */
      set_out_of_range (error, "img_index", uri_index + 1, n);
    return NULL;
  }
  item = g_ptr_array_index (post->items, index);
  if (item->unusable != NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_NO_MEDIA,
        "%s %d of %u has no usable media: %s",
        post->type == IG_MEDIA_CAROUSEL ? "carousel item" : "item", index + 1,
        n, item->unusable);
    return NULL;
  }
  if (picked_index != NULL)
    *picked_index = (guint) index;
  return item;
}

static gint64
area (const IgVariant *v)
{
  return (gint64) v->width * v->height;
}

/* TRUE when @a should be preferred to @b as the largest: area, then
 * bandwidth; on a full tie the earlier one (the answer's order) stays. */
static gboolean
is_larger (const IgVariant *a, const IgVariant *b)
{
  if (area (a) != area (b))
    return area (a) > area (b);
  return a->bandwidth > b->bandwidth;
}

/* The largest variant within the cap, else the smallest overall: the type
 * field is never looked at (its meaning is folklore). */
static const IgVariant *
choose (GPtrArray *variants, const IgSizeCap *cap)
{
  const IgVariant *best = NULL, *smallest = NULL;

  for (guint i = 0; variants != NULL && i < variants->len; i++) {
    const IgVariant *v = g_ptr_array_index (variants, i);

    if (smallest == NULL || is_larger (smallest, v))
      smallest = v;
    if (!ig_size_cap_allows (cap, v->width, v->height))
      continue;
    if (best == NULL || is_larger (v, best))
      best = v;
  }
  return best != NULL ? best : smallest;
}

/** ig_item_choose_video: see ig-quality.h. */
const IgVariant *
ig_item_choose_video (const IgItem *item, const IgSizeCap *cap)
{
  return choose (item->videos, cap);
}

/** ig_item_choose_image: see ig-quality.h. */
const IgVariant *
ig_item_choose_image (const IgItem *item, const IgSizeCap *cap)
{
  return choose (item->images, cap);
}

/**
 * ig_item_choose:
 * A video item never falls back to its poster image: that would play a
 * still picture where the user expects a video.
 */
const IgVariant *
ig_item_choose (const IgItem *item, const IgSizeCap *cap, GError **error)
{
  const IgVariant *v;

  if (item->type == IG_MEDIA_VIDEO)
    v = ig_item_choose_video (item, cap);
  else
    v = ig_item_choose_image (item, cap);
  if (v == NULL)
    g_set_error (error, IG_ERROR, IG_ERROR_NO_MEDIA,
        "The %s has no usable URL in Instagram's answer",
        item->type == IG_MEDIA_VIDEO ? "video" : "image");
  return v;
}

gint
ig_post_find_item (const IgPost *post, guint64 pk)
{
  guint i;

  for (i = 0; i < post->items->len; i++) {
    const IgItem *item = g_ptr_array_index (post->items, i);

    if (item->pk == pk)
      return (gint) i;
  }
  return -1;
}
