/* gst-instagram tests: internals shared by the fake Instagram's files.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "fake-instagram.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The 401 of throttled and of revoked doc_ids (instagram-api.md §6.1). */
#define FAKE_PLEASE_WAIT_BODY \
  "{\"message\":\"Please wait a few minutes before you try again.\"," \
  "\"require_login\":true,\"status\":\"fail\"}"

/* fake-posts.c: the posts, loaded from the fixtures compiled in. */
typedef enum
{
  FAKE_POST_PRIVATE = 1 << 0, /* owner is private: login only */
} FakePostFlags;

typedef struct
{
  const char *shortcode;
  char code_buf[16]; /* crowd posts' shortcodes live here */
  guint64 pk;
  guint flags;
  JsonNode *item; /* REST item with @CDN:name@ placeholders */
} FakePost;

typedef struct _FakePosts FakePosts;

/* A user whose grid the fake serves (fake-media.h, Profiles). */
typedef struct
{
  const char *username;
  const char *pk;
  const char *full_name;
  gboolean is_private; /* followed by the fake session's account */
  guint64 pk_base; /* post i has pk pk_base + i */
  guint count;
  const guint *kinds; /* post i clones post_table[kinds[i % n_kinds]] */
  guint n_kinds;
  guint grid_count; /* posts on the grid (the rest: reels tab only); 0 all */
  const guint *tab; /* the reels tab's posts in order; NULL: the grid's clips */
  guint n_tab;
  gboolean shape_2026; /* feed and tab items as 2026 answers send them */
} FakeOwner;

/* The posts of @owner's grid. */
guint fake_owner_grid_count (const FakeOwner *owner);

FakePosts *fake_posts_load (GError **error);
void fake_posts_free (FakePosts *posts);
const FakePost *fake_posts_by_code (FakePosts *posts, const char *shortcode);
const FakePost *fake_posts_by_pk (FakePosts *posts, guint64 pk);
/* The owner named @username (or with that pk) and its grid's first post
 * (the others follow it in the array, newest first); NULL if none. */
const FakeOwner *fake_posts_owner (FakePosts *posts, const char *username,
    const FakePost **first);
/* Instagram's base-64 decoding; FALSE for an invalid or too long code. */
gboolean fake_shortcode_to_pk (const char *shortcode, guint64 *pk);

/* fake-graphql.c: REST item → web GraphQL node ("Graph" or "XDTGraph"). */
JsonNode *fake_graphql_from_item (JsonNode *item, const char *type_prefix);

/* The state of one server. */
struct _FakeInstagram
{
  char *media_dir;
  char *base;
  GTlsCertificate *tls; /* serve https when set */
  guint16 port;
  FakePosts *posts; /* read-only once started */
  char secret[17]; /* signs CDN URLs */

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  GHashTable *mapped; /* name → GMappedFile; server thread only */
  GList *stalled; /* GSource of held answers; server thread only */

  GMutex lock; /* guards everything below */
  GCond started;
  gboolean ready;
  GError *start_error;
  guint generation;
  gint64 cdn_expiry;
  GPtrArray *log;
  guint64 next_serial;
  GArray *log_serials; /* serial of each log entry */
  GHashTable *stalls; /* path prefix → ms */
  char *throttle_prefix; /* fake_instagram_set_throttle (), under lock */
  char *override_prefix; /* fake_instagram_set_answer (), under lock */
  guint override_status;
  char *override_type;
  GBytes *override_body;
  guint throttle_status;
  guint throttle_count;
  gint throttle_retry_after;
  guint cdn_fault; /* fake-cdn.c's rule of set_cdn_drop/stall/trickle */
  guint64 cdn_fault_bytes; /* where it cuts or stalls, or bytes per second */
  guint cdn_fault_count; /* answers it still applies to */
  GList *trickles; /* fake-cdn.c's trickling answers; server thread only */
  char *checkpoint_prefix; /* fake_instagram_set_checkpoint (), under lock */
  char *checkpoint_kind;
  guint checkpoint_count;
  gboolean reels_dict; /* fake_instagram_set_reels_forms () */
  gboolean reels_list;
  GHashTable *lsd_tokens; /* tokens issued by the homepage */
  GHashTable *csrf_tokens; /* csrftoken cookies issued */
  gboolean csrf_strict; /* refuse csrftokens not issued (after a rotation) */
  char *hangup_prefix; /* fake_instagram_set_hangup (), under lock */
  guint hangup_count;
  GHashTable *media_paths; /* name → path */
  FILE *log_stream; /* fake_instagram_set_log_stream (), under lock */
  /* fake-2026.c's switches, read and written through its locked helpers */
  guint features_2026; /* Fake2026Feature mask */
  guint js_prefix; /* booleans */
  guint graphql_wall;
  guint session_stale;
  GHashTable *retired_doc_ids; /* set of doc_ids */
  char *polaris_doc_id; /* rotated, or NULL for the default */
  char *post_root_doc_id;
};

/* fake-util.c: small answers and request helpers. */
void fake_respond_json (SoupServerMessage *msg, guint status, JsonNode *node);
void fake_respond_json_take (SoupServerMessage *msg, guint status,
    JsonNode *node);
void fake_respond_fail (SoupServerMessage *msg, guint status,
    const char *message);
void fake_respond_html (SoupServerMessage *msg, guint status, const char *html);
void fake_respond_redirect (SoupServerMessage *msg, const char *location);
void fake_respond_not_found (SoupServerMessage *msg);
char *fake_dup_cookie (SoupServerMessage *msg, const char *name);
/* Member @name as text: ids are strings in new answers, numbers in old
 * ones and in 2026's (above 2^53); NULL when absent or not a value. */
char *fake_dup_id_member (JsonObject *obj, const char *name);
void fake_set_cookie (SoupServerMessage *msg, const char *name,
    const char *value);
char *fake_random_hex (guint n_chars);
/* Answers 400 "useragent mismatch" and returns FALSE without X-IG-App-ID. */
gboolean fake_require_app_id (SoupServerMessage *msg);
/* The fake session, unless fake_instagram_set_session_stale () made it
 * stale. */
gboolean fake_is_logged_in (FakeInstagram *fi, SoupServerMessage *msg);
/* Sets csrftoken, mid and ig_did when the request has none. */
/* Answers a share link (/share/..., /s/...) with its redirect, or 404;
 * FALSE for other paths. */
gboolean fake_share_redirect (FakeInstagram *fi, SoupServerMessage *msg,
    const char *path);

void fake_ensure_anon_cookies (FakeInstagram *fi, SoupServerMessage *msg);
/* A new csrftoken cookie on @msg, remembered as issued. */
void fake_issue_csrf (FakeInstagram *fi, SoupServerMessage *msg);
/* FALSE when the token is one the fake forgot (fake_instagram_rotate_tokens). */
gboolean fake_csrf_valid (FakeInstagram *fi, const char *token);
/* A copy that shares nothing with @node (json_node_copy () shares objects
 * and arrays). */
JsonNode *fake_json_deep_copy (JsonNode *node);
/* Form fields of a POST body, or the query of a GET; never NULL. */
GHashTable *fake_dup_params (SoupServerMessage *msg, GHashTable *query);

/* fake-instagram.c: state shared with the handlers. */
gboolean fake_generation_enabled (FakeInstagram *fi, FakeGeneration gen);
char *fake_issue_lsd (FakeInstagram *fi);
gboolean fake_lsd_valid (FakeInstagram *fi, const char *token);
/* Copy of a post's item with its CDN placeholders replaced by signed URLs. */
JsonNode *fake_post_dup_item (FakeInstagram *fi, const FakePost *post);
/* fake-posts.c: replaces the CDN placeholders of @node in place. */
void fake_expand_cdn (FakeInstagram *fi, JsonNode *node);

/* fake-2026.c: the December 2026 switches. */
/* /api/graphql or /graphql/query, with or without the trailing slash. */
gboolean fake_is_graphql_path (const char *path);
gboolean fake_2026_enabled (FakeInstagram *fi, Fake2026Feature feature);
void fake_2026_free (FakeInstagram *fi);
/* Handles a request to a GraphQL endpoint when the wall or a revoked doc_id
 * answers it; FALSE lets the endpoint answer. */
gboolean fake_2026_graphql_gate (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *query);
/* Prefixes a JSON answer of a GraphQL @path with "for (;;);" when asked. */
void fake_2026_finish (FakeInstagram *fi, SoupServerMessage *msg,
    const char *path);
/* TRUE when @doc_id is the one served for @query_name now. */
gboolean fake_doc_id_is (FakeInstagram *fi, const char *query_name,
    const char *doc_id);
/* TRUE when any post query was rotated (its id must be found in pages). */
gboolean fake_2026_rotated (FakeInstagram *fi);
/* X-IG-App-ID of the iOS or Android app: the app API of i.instagram.com. */
gboolean fake_is_app_api (SoupServerMessage *msg);
/* The AV1 reel's item as the app gets it: its VP9 ladder. */
void fake_2026_client_ladder (FakeInstagram *fi, SoupServerMessage *msg,
    JsonNode *item);
/* The answer to a request of the web API without a valid session:
 * /auth_platform/?apc=… for a stale sessionid cookie in the 2026-12 era,
 * else a 302 to @login_location. */
void fake_respond_signed_out (FakeInstagram *fi, SoupServerMessage *msg,
    const char *login_location);
/* 403 {"message":"login_required","status":"fail"}: the app API's answer
 * without a valid session in the 2026-12 era. */
void fake_respond_login_required (SoupServerMessage *msg);

/* fake-post-root.c: /graphql/query with PolarisPostRootQuery's doc_id. */
void fake_api_post_root (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *params);

/* fake-preloaders.c: the <script> with expectedPreloaders for a page (@post
 * NULL for the homepage), or NULL when the page has none. */
char *fake_preloaders_script (FakeInstagram *fi, const FakePost *post);

/* fake-graphql.c: the edge_media_to_caption member for @item's caption. */
void fake_graphql_add_caption (JsonBuilder *b, JsonObject *item);

/* fake-graphql-api.c helpers shared with fake-post-root.c */
/* 200 {"errors":[{"message":"execution error","severity":"CRITICAL"}],
 * "data":null,"status":"ok"}: what an unknown doc_id gets. */
void fake_respond_execution_error (SoupServerMessage *msg);
/* One member of the "variables" JSON, as a string (numbers too). */
char *fake_graphql_variable (GHashTable *params, const char *name);
/* X-CSRFToken must equal the csrftoken cookie when sent (always when
 * @required), and the cookie must be one Instagram knows; else 403. */
gboolean fake_check_csrf (FakeInstagram *fi, SoupServerMessage *msg,
    gboolean required);

/* fake-cdn.c */
char *fake_cdn_sign (FakeInstagram *fi, const char *name, const char *oe);
char *fake_cdn_url (FakeInstagram *fi, const char *name);
void fake_cdn_handle (FakeInstagram *fi, SoupServerMessage *msg,
    const char *name, GHashTable *query);
void fake_cdn_release (FakeInstagram *fi);

/* fake-pages.c: HTML */
void fake_pages_home (FakeInstagram *fi, SoupServerMessage *msg);
void fake_pages_login (FakeInstagram *fi, SoupServerMessage *msg);
void fake_pages_generic (FakeInstagram *fi, SoupServerMessage *msg);
/* The HTML login page a walled GraphQL request gets (HTTP 200). */
void fake_pages_wall (FakeInstagram *fi, SoupServerMessage *msg);
/* Returns FALSE when path is not a post page. */
gboolean fake_pages_post (FakeInstagram *fi, SoupServerMessage *msg,
    const char *path);

/* fake-api.c: JSON endpoints */
void fake_api_ruling (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *query);
void fake_api_media_info (FakeInstagram *fi, SoupServerMessage *msg,
    const char *pk);
/* fake-graphql-api.c */
void fake_api_polaris (FakeInstagram *fi, SoupServerMessage *msg);
void fake_api_graphql_query (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *query);
JsonNode *fake_polaris_data (FakeInstagram *fi, const FakePost *post,
    gboolean logged_in);
/* fake-stories.c: the session may read a user's feeds and stories (FALSE:
 * answered with a login redirect, or in December 2026 with a redirect to
 * the homepage for the web path even logged in). */
gboolean fake_require_feed_access (FakeInstagram *fi, SoupServerMessage *msg);
/* fake-profiles.c: the data.user of web_profile_info for the users of
 * fake-media.h's Profiles, as @logged_in sees them; NULL when unknown. */
JsonNode *fake_profiles_user (FakeInstagram *fi, const char *username,
    gboolean logged_in);
/* GET /api/v1/feed/user/PK/ */
void fake_api_feed_user (FakeInstagram *fi, SoupServerMessage *msg,
    const char *pk, GHashTable *query);
/* fake-stories.c: stories login only, like media info; web_profile_info
 * for anyone with the web app id. */
void fake_api_web_profile_info (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *query);
void fake_api_reels_media (FakeInstagram *fi, SoupServerMessage *msg);
/* fake-reels-tab.c: POST /api/v1/clips/user/ (the reels tab), and items
 * reshaped as 2026 answers send them (instagram-2026-12.md 6.3). */
void fake_api_clips_user (FakeInstagram *fi, SoupServerMessage *msg);
/* fake-profiles.c: the feed page of hostile user @pk (the loop, huge,
 * empty, junk and bad-page feeds) from @cursor, or NULL for another user. */
JsonNode *fake_profiles_hostile_page (const char *pk, const char *cursor);
void fake_item_to_2026 (JsonNode *item);

/* fake-dash.c: the SegmentBase byte ranges of a dashinit MP4 (ftyp, moov,
 * sidx, moof+mdat...), all inclusive as in the MPD. */
typedef struct
{
  guint64 init_end; /* last byte of the moov */
  guint64 index_start; /* the sidx box */
  guint64 index_end;
  guint32 timescale; /* the sidx's, which is the track's */
} FakeDashRanges;

gboolean fake_dash_scan (const char *path, FakeDashRanges *out);
/* The <SegmentBase> element of media file @name. */
char *fake_dash_segment_base (FakeInstagram *fi, const char *name);

/* fake-checkpoint.c: the checkpoint kind for a request to @path when a rule
 * still has some (taking one), else NULL. */
char *fake_checkpoint_take (FakeInstagram *fi, const char *path);
void fake_respond_checkpoint (SoupServerMessage *msg, const char *kind);

G_END_DECLS
