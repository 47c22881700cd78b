/* gst-instagram: the instagram-playlist element message.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/gst.h>

#include "ig-playlist.h"

G_BEGIN_DECLS

/* "instagram-playlist": uri, owner, complete, count, and entries, a
 * GstValueArray of "instagram-playlist-entry" structures with uri,
 * shortcode (posts) or pk (story items, as a string), media-type
 * (image/video/carousel), taken-at (gint64 unix seconds, 0 unknown) and
 * caption (the first line, "" when none). */
GstStructure *gst_instagram_playlist_structure (const IgPlaylist *list);

G_END_DECLS
