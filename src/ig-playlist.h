/* gst-instagram: many items as a list of lazy per-item URIs (text/uri-list,
 * RFC 2483), never CDN URLs, which expire. Pure: no I/O.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ig-model.h"
#include "ig-uri.h"

G_BEGIN_DECLS

/* Far above any real profile page (12 to 33 items), far below a hostile
 * one: a page with more ends the list there. */
#define IG_PLAYLIST_MAX_PAGE_ITEMS 200
/* The most entries a list ever holds, whatever max-items says. */
#define IG_PLAYLIST_MAX_ENTRIES 10000

typedef struct
{
  char *uri; /* one instagramsrc accepts and that streams exactly this item */
  char *shortcode; /* posts and carousel children; NULL for story items */
  guint64 pk; /* 0 when unknown */
  IgMediaType type;
  gint64 taken_at; /* unix seconds, 0 unknown */
  char *caption; /* the first line, or NULL */
} IgPlaylistEntry;

typedef struct
{
  char *uri; /* the list's URI as given */
  char *owner; /* username, or NULL */
  gboolean complete; /* FALSE: Instagram has more than was listed */
  char *reason; /* why incomplete (for the debug log), or NULL */
  guint max_items; /* 0: only IG_PLAYLIST_MAX_ENTRIES */
  GPtrArray *entries; /* IgPlaylistEntry*, in order */
  GHashTable *seen; /* "pk" or shortcode of every entry: no duplicate line */
} IgPlaylist;

IgPlaylist *ig_playlist_new (const char *uri, guint max_items);
void ig_playlist_free (IgPlaylist *list);
void ig_playlist_entry_free (IgPlaylistEntry *entry);

/* TRUE while the list takes more entries (max-items, the hard cap). */
gboolean ig_playlist_is_full (const IgPlaylist *list);

/* Marks the list incomplete with @reason (the first reason stays). */
void ig_playlist_set_incomplete (IgPlaylist *list, const char *reason);

/* Adds @entry (taken); FALSE (and freed) for a duplicate or a full list. */
gboolean ig_playlist_add (IgPlaylist *list, IgPlaylistEntry *entry);

/* What a page added: entries, skipped (not clips where only clips are
 * listed), dropped (items that name nothing playable: no usable code or
 * pk, a media type that is neither known nor inferable, wrong types), and
 * whether the page was cut at IG_PLAYLIST_MAX_PAGE_ITEMS. */
typedef struct
{
  guint added;
  guint skipped;
  guint dropped;
  guint duplicates;
  gboolean huge;
  gboolean cut; /* the list filled up before the page's end */
  gboolean bad_paging; /* a paging field of the wrong type (the lister's) */
} IgPageStats;

/* The entries of one page: an array of mobile items (feed/user items[],
 * or clips items[].media), or of web GraphQL edges ({node: {...}}). Nodes
 * without a usable code or pk, or with wrong types, are dropped; only
 * clips when @clips_only. Items as 2026 answers send them are read: no
 * media_type (carousel_media, video_versions and image_versions2 tell),
 * caption a string, taken_at_timestamp for taken_at, no code (the pk's).
 * FALSE when @array is not an array. */
gboolean ig_playlist_add_rest_items (IgPlaylist *list, JsonNode *array,
    gboolean clips_only, IgPageStats *stats);
gboolean ig_playlist_add_graphql_edges (IgPlaylist *list, JsonNode *array,
    gboolean clips_only, IgPageStats *stats);

/* The items of a resolved carousel, story or highlight named by @ref, in
 * the post's order. */
void ig_playlist_add_post_items (IgPlaylist *list, const IgMediaRef *ref,
    const IgPost *post);

/* The text/uri-list: one URI per line, CRLF, nothing else. */
GBytes *ig_playlist_render (const IgPlaylist *list);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgPlaylist, ig_playlist_free)

G_END_DECLS
