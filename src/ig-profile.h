/* gst-instagram: a profile's posts grid or reels tab as a playlist.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-api.h"
#include "ig-playlist.h"

G_BEGIN_DECLS

/* Items asked for per feed page: gallery-dl's count (instagram-2026-12.md
 * §4.1); Instagram may send fewer. */
#define IG_PROFILE_PAGE_SIZE 30
/* Pages one list may take: with IG_PLAYLIST_MAX_ENTRIES the bound of a
 * list whose pages keep coming. */
#define IG_PROFILE_MAX_PAGES 400

/* Lists the posts of ref->username (IG_REF_PROFILE), or its clips
 * (IG_REF_REELS_TAB), in Instagram's order, at most @max_items (0: no
 * limit but IG_PLAYLIST_MAX_ENTRIES).
 *
 * web_profile_info first (the user's id, privacy and, anonymously, the
 * first page of the grid: about 12 posts; paging past it is refused to
 * anonymous clients in 2026, so the list is then incomplete and one
 * warning says a session lists the rest). With a session in @api, the
 * mobile feed api/v1/feed/user/ID/ by next_max_id (a reels tab: POST
 * api/v1/clips/user/ by max_id, Instagram's tab with its own pins and the
 * reels the grid does not show), one page per request through the rate
 * limiter; a repeated cursor, an empty page, a page of
 * nothing new or of more than IG_PLAYLIST_MAX_PAGE_ITEMS entries ends the
 * list (incomplete, with the reason). A failure after the first page ends
 * the list too, with a warning; cancellation is an error.
 *
 * Errors: NOT_FOUND (no such user), LOGIN_REQUIRED (a private profile the
 * viewer may not see, a refused session), BAD_RESPONSE, and the
 * transport's. */
IgPlaylist *ig_profile_list (IgApi *api, const IgMediaRef *ref,
    const char *uri, guint max_items, GCancellable *cancellable,
    GError **error);

/* One page of any shape the lister reads (a web_profile_info answer, a
 * feed/user or clips/user page) into @list; the next cursor in @cursor
 * (or NULL) and whether more exist. Pure: the fuzz target's entry. */
gboolean ig_profile_read_page (IgPlaylist *list, JsonNode *root,
    gboolean clips_only, char **cursor, gboolean *more, IgPageStats *stats);

G_END_DECLS
