/* gst-instagram: the doc_ids a page names in its preloader manifest,
 *   expectedPreloaders:[{queryID:"…",variables:{…},queryName:"…"},…]
 * (instagram-2026-12.md §1.2), so a rotated doc_id costs no release.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many bytes after each "expectedPreloaders" are read. */
#define IG_PRELOADERS_MAX_SPAN (64 * 1024)

/* queryName -> queryID (both strings) of every well-formed entry of every
 * expectedPreloaders list in @html, keys quoted or not. Entries whose id is
 * not 1..24 digits or whose name is not 1..128 of [A-Za-z0-9_] are left
 * out; the first entry of a name wins. Never NULL. Pure, for tests and
 * fuzzing. */
GHashTable *ig_preloaders_parse (const char *html, gsize len);

G_END_DECLS
