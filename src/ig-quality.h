/* gst-instagram: choosing the item and the file to stream.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-model.h"
#include "ig-size-cap.h"

G_BEGIN_DECLS

/* The item to stream: @media_index >= 0 picks that 0-based item; -1 picks
 * @uri_index if >= 0 (the item the URI named), else the first.
 * IG_ERROR_OUT_OF_RANGE naming the item count otherwise; IG_ERROR_NO_MEDIA
 * naming the item (1-based, as in img_index) and why when it is unusable. */
const IgItem *ig_post_pick_item (const IgPost *post, gint media_index,
    gint uri_index, guint *picked_index, GError **error);

/* The index of the item whose pk is @pk, usable or not, or -1. */
gint ig_post_find_item (const IgPost *post, guint64 pk);

/* The largest video by width x height (then bandwidth), never by type, among
 * those @cap allows (NULL = no cap: see ig-size-cap.h). When it allows none,
 * the smallest one. NULL when @item has no video. */
const IgVariant *ig_item_choose_video (const IgItem *item,
    const IgSizeCap *cap);

/* The largest image candidate by width x height under the same cap rule:
 * an image item's picture, a video item's cover. */
const IgVariant *ig_item_choose_image (const IgItem *item,
    const IgSizeCap *cap);

/* The variant to stream for @item: its video if a VIDEO, else its image.
 * IG_ERROR_NO_MEDIA when none. */
const IgVariant *ig_item_choose (const IgItem *item, const IgSizeCap *cap,
    GError **error);

G_END_DECLS
