/* gst-instagram: Instagram URI -> IgMediaRef.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  IG_REF_POST, /* /p/, /reel/, /reels/, /tv/, instagram://p|reel */
  IG_REF_MEDIA_ID, /* instagram://media?id=PK */
  IG_REF_STORY_ITEM, /* /stories/USER/PK/, instagram://stories/USER/PK */
  IG_REF_STORY_USER, /* /stories/USER/, instagram://stories/USER */
  IG_REF_HIGHLIGHT, /* /stories/highlights/ID/[?story_media_id=PK] */
  IG_REF_PROFILE, /* /USER/, instagram://user?username=USER: the grid */
  IG_REF_REELS_TAB, /* /USER/reels/: the profile's clips */
  IG_REF_SHARE /* /share/X/, /share/p/X/, /share/reel/X/, /s/X: a redirect */
} IgRefKind;

/* What a URI names. Immutable once parsed. */
typedef struct
{
  IgRefKind kind;
  char *shortcode; /* POST: the 1..11 char code (private suffix cut) */
  guint64 media_pk; /* POST/MEDIA_ID: the media pk; STORY_ITEM: item pk;
                     * HIGHLIGHT: ?story_media_id=PK (one item), else 0 */
  char *username; /* STORY_*, PROFILE, REELS_TAB: owner; POST: optional
                   * /USER/p/ prefix */
  guint64 highlight_id; /* HIGHLIGHT */
  gint item_index; /* 0-based from ?img_index=N (1-based), else -1 */
  gboolean private_link; /* POST: the URI carried a 28-char private suffix */
  char *share_path; /* SHARE: "/share/reel/X", no trailing slash */
} IgMediaRef;

/* Parses @uri. Accepted: hosts instagram.com, www.instagram.com,
 * m.instagram.com, instagr.am over http(s); paths /p/SC, /reel/SC, /reels/SC,
 * /tv/SC, /USER/p/SC, /USER/reel/SC (trailing slash optional), story paths;
 * instagram://p/SC, instagram://reel/SC, instagram://media?id=PK,
 * instagram://stories/USER[/PK], the profile /USER/ and its reels tab
 * /USER/reels/, instagram://user?username=USER. Query and fragment are ignored except
 * img_index. Anything else: IG_ERROR_BAD_URI with a message that names the
 * URI and lists the accepted forms. */
IgMediaRef *ig_media_ref_parse (const char *uri, GError **error);

IgMediaRef *ig_media_ref_copy (const IgMediaRef *ref);
void ig_media_ref_free (IgMediaRef *ref);

/* TRUE when @ref names many items whatever the playlist setting: a
 * profile or its reels tab. */
gboolean ig_media_ref_is_list (const IgMediaRef *ref);

/* The canonical permalink, e.g. "https://www.instagram.com/p/SC/" for posts,
 * "https://www.instagram.com/stories/USER/PK/" for story items. */
char *ig_media_ref_to_permalink (const IgMediaRef *ref);

/* The shortcode of a post or media-id @ref (encoded from the pk when the
 * URI gave none). */
char *ig_media_ref_dup_shortcode (const IgMediaRef *ref);

/* The post page under @base (no trailing slash): "BASE/p/SC/". The one
 * place a post URL is built: permalinks, Referer headers, the page
 * strategy. */
char *ig_post_url (const char *base, const char *shortcode);

/* The accepted forms, one per line, for error messages and docs. */
const char *ig_media_ref_accepted_forms (void);

/* TRUE for an absolute http(s) URL with a host: the only URLs from an API
 * answer (media files, DASH BaseURLs) that may reach an HTTP client. */
gboolean ig_uri_is_http_url (const char *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgMediaRef, ig_media_ref_free)

G_END_DECLS
