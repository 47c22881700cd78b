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

/* What of a video item to stream (an image item is always its image). */
typedef enum
{
  IG_MEDIA_KIND_AUTO, /* the video (under the delivery mode) or the image */
  IG_MEDIA_KIND_AUDIO, /* the DASH audio representation, as its own file */
  IG_MEDIA_KIND_COVER /* the cover image (an image item: the image) */
} IgMediaKind;

/* The user's settings that choose what to stream. */
typedef struct
{
  IgDelivery mode;
  IgMediaKind kind;
  IgSizeCap cap; /* for progressive files, representations and images */
  IgVideoCodec codec; /* preferred DASH video codec */
  const IgDecoders *decoders; /* what this machine decodes; NULL: all */
} IgDeliveryPrefs;

/* What to stream for one item: either one file, read from @url by Range
 * (a progressive MP4, an image, a cover or the DASH audio file), or a DASH
 * manifest (@video set, @url NULL). Only @manifest and @note are owned; the
 * rest is borrowed from the item (and its parsed manifest), so a choice
 * must not outlive the post it was made from. */
typedef struct
{
  IgMediaKind kind; /* AUTO: the video or image; AUDIO; COVER: a video's */
  const char *url; /* the one file to read; NULL for a DASH manifest */
  const IgVariant *variant; /* the file when it is a progressive MP4 or an
                             * image (a cover included), else NULL */
  IgDashManifest *dash; /* DASH or AUDIO: the item's manifest */
  const IgDashRepresentation *video; /* DASH: the video representation */
  const IgDashRepresentation *audio; /* DASH: the audio one, NULL if none;
                                      * AUDIO: the file streamed */
  GBytes *manifest; /* DASH: the MPD to push, from ig_delivery_prepare_dash */
  char *note; /* why this one, for the debug log; never NULL */
  /* IG_ERROR_NO_DECODER when what is handed out cannot be decoded here
   * (naming the codec and what would decode it), for one warning; NULL */
  GError *warning;
} IgDeliveryChoice;

/* Chooses for @item under @prefs, without I/O or rendering:
 * - an image item is its image whatever the mode and kind (but AUDIO:
 *   IG_ERROR_NOT_FOUND, an image has no sound);
 * - kind AUDIO: the manifest's audio representation (the highest
 *   bandwidth @prefs->decoders decodes, else the highest: then with a
 *   warning); IG_ERROR_NOT_FOUND saying what to do instead when the item
 *   has no manifest or the manifest no audio with an http(s) BaseURL;
 * - kind COVER: the largest cover within the cap (ig_item_choose_image ());
 * - progressive: the largest video_versions file (ig_item_choose ());
 * - dash: the manifest's best video representation (cap, codec), or a
 *   decodable one of near-equal size (at most a tenth fewer pixels) when
 *   the best is not decodable, plus the best decodable audio (else the
 *   best, with a warning); an item without a usable manifest falls back to
 *   progressive, saying why in @note;
 * - auto: dash when its best decodable video is larger (width x height)
 *   than the chosen progressive file and its audio, if it has any, is
 *   decodable too; else progressive (Instagram's progressive files are
 *   H.264 and AAC, which every GStreamer install decodes).
 * IG_ERROR_NO_MEDIA when nothing can be streamed. */
gboolean ig_delivery_choose (const IgItem *item, const IgDeliveryPrefs *prefs,
    IgDeliveryChoice *choice, GError **error);

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
