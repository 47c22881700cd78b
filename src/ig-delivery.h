/* gst-instagram: progressive file or DASH manifest, and which one.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-dash.h"
#include "ig-http.h"
#include "ig-model.h"

G_BEGIN_DECLS

typedef enum
{
  IG_DELIVERY_PROGRESSIVE,
  IG_DELIVERY_DASH,
  IG_DELIVERY_AUTO
} IgDelivery;

/* What to stream for one item: exactly one of @variant and @video is set.
 * Only @manifest and @note are owned; the rest is borrowed from the item
 * (and its parsed manifest), so a choice must not outlive the post it was
 * made from. */
typedef struct
{
  const IgVariant *variant; /* progressive file (MP4 or image) */
  IgDashManifest *dash; /* DASH: the item's manifest */
  const IgDashRepresentation *video; /* DASH: the video representation */
  const IgDashRepresentation *audio; /* DASH: the audio one, NULL if none */
  GBytes *manifest; /* DASH: the MPD to push, from ig_delivery_prepare_dash */
  char *note; /* why this one, for the debug log; never NULL */
} IgDeliveryChoice;

/* Chooses for @item under @mode, without I/O or rendering:
 * - an image item is its image whatever the mode;
 * - progressive: the largest video_versions file (ig_item_choose ());
 * - dash: the manifest's best video representation (max_height, @codec)
 *   plus its audio; an item without a usable manifest falls back to
 *   progressive, saying why in @note;
 * - auto: dash when its chosen video is larger (width x height) than the
 *   chosen progressive file, else progressive.
 * IG_ERROR_NO_MEDIA when nothing can be streamed. */
gboolean ig_delivery_choose (const IgItem *item, IgDelivery mode,
    gint max_height, IgVideoCodec codec, IgDeliveryChoice *choice,
    GError **error);

/* For a DASH @choice: fetches the segment index (sidx) of the chosen video
 * and audio representations from the CDN, one small Range request each
 * over a cookie-less session, and renders @choice->manifest, once, with
 * SegmentLists (see ig_dash_manifest_render ()). An index that cannot be
 * fetched or read leaves that representation's SegmentBase, said in
 * @choice->note; only cancellation fails. Does nothing for progressive or
 * when the manifest is rendered already. */
gboolean ig_delivery_prepare_dash (IgDeliveryChoice *choice,
    const char *user_agent, const IgHttpOptions *options,
    GCancellable *cancellable, GError **error);

void ig_delivery_choice_clear (IgDeliveryChoice *choice);

G_END_DECLS
