/* gst-instagram tests: a fake Instagram (www, i., CDN) on 127.0.0.1.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>
#include <stdio.h>

G_BEGIN_DECLS

/* The value of the sessionid cookie the fake treats as logged in. */
#define FAKE_SESSION_ID "4242424242%3AfakeSession%3A17%3Afake"
/* The user the fake session belongs to. */
#define FAKE_SESSION_USER_PK "4242424242"

/* Resolver generations that can be switched off one by one, so tests can
 * check that the client falls back to the next one. */
typedef enum
{
  FAKE_GEN_POLARIS = 1 << 0, /* POST /api/graphql, doc_id 27130156389949648 */
  FAKE_GEN_PAGE = 1 << 1, /* data-sjs cache in /p/SC/ */
  FAKE_GEN_XDT = 1 << 2, /* /graphql/query doc_id 8845758582119845 */
  FAKE_GEN_QUERY_HASH = 1 << 3, /* /graphql/query/?query_hash=9f88… */
  FAKE_GEN_ALL = 0xf
} FakeGeneration;

/* Instagram as of December 2026 (../shared/instagram-2026-12.md §1): what
 * changed, each part switchable on its own. None is on by default, so the
 * fake answers exactly as before until a test asks;
 * fake_instagram_set_era (fi, FAKE_ERA_2026_12) turns all of them on. */
typedef enum
{
  /* POST /graphql/query doc_id 27128499623469141 (PolarisPostRootQuery),
   * {"shortcode":SC,…} → data.xdt_api__v1__media__shortcode__web_info
   * .items[0] (the REST item); needs X-CSRFToken == the csrftoken cookie. */
  FAKE_2026_POST_ROOT = 1 << 0,
  /* doc_id 8845758582119845 answers {"data":{"xdt_shortcode_media":null},
   * "status":"ok"} for every post: the query is dead. */
  FAKE_2026_XDT_NULL = 1 << 1,
  /* / and /p/SC/ embed expectedPreloaders:[{queryID:"…",variables:{…},
   * queryName:"…"}] naming the post queries' current doc_ids. */
  FAKE_2026_PRELOADERS = 1 << 2,
  /* A sessionid cookie that is not (or no longer) a valid session gets
   * 302 /auth_platform/?apc=… on the web API (media info, stories) instead
   * of /accounts/login/ (no sessionid at all: /accounts/login/ still);
   * /auth_platform/ serves a login page. The app API (iOS or Android
   * X-IG-App-ID) answers a request without a valid session with 403
   * {"message":"login_required","status":"fail"} instead of a redirect. */
  FAKE_2026_AUTH_PLATFORM = 1 << 3,
  /* Stories and highlights (web_profile_info, feed/reels_media) answer only
   * the app API (X-IG-App-ID of the iOS or Android app, what
   * i.instagram.com gets; the fake serves both hosts on one port): the web
   * app id is redirected: a valid session with 302 to the homepage, a
   * stale one as FAKE_2026_AUTH_PLATFORM says, none to /accounts/login/. */
  FAKE_2026_APP_STORIES = 1 << 4,
  FAKE_2026_ALL = 0x1f
} Fake2026Feature;

typedef enum
{
  FAKE_ERA_2026_06, /* the June 2026 picture: no Fake2026Feature */
  FAKE_ERA_2026_12, /* December 2026: FAKE_2026_ALL */
} FakeEra;

/* The doc_ids of the two post queries before any rotation. */
#define FAKE_POLARIS_DOC_ID "27130156389949648"
#define FAKE_POLARIS_QUERY_NAME "PolarisLoggedOutDesktopWWWPostRootContentQuery"
#define FAKE_POST_ROOT_DOC_ID "27128499623469141"
#define FAKE_POST_ROOT_QUERY_NAME "PolarisPostRootQuery"

/* One request as the fake saw it. Everything is owned by the record. */
typedef struct
{
  char *method;
  char *path;
  char *query; /* raw query string or NULL */
  char *range; /* Range header or NULL */
  char *cookie; /* Cookie header or NULL */
  SoupMessageHeaders *headers; /* copy of all request headers */
  GBytes *body; /* request body (maybe empty) */
  guint status; /* 0 until the answer has been sent */
  gint64 time_us; /* when it arrived, g_get_real_time () */
} FakeRequest;

void fake_request_free (FakeRequest *req);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeRequest, fake_request_free)

typedef struct _FakeInstagram FakeInstagram;

/* Starts the server in its own thread, on a random port of 127.0.0.1.
 * media_dir holds the files from make-media.sh; NULL means the build's
 * tests/fake/media. */
FakeInstagram *fake_instagram_new (const char *media_dir, GError **error);
FakeInstagram *fake_instagram_new_on_port (const char *media_dir, guint16 port,
    GError **error);
/* The same over https with a certificate and key in PEM files (clients
 * must accept the certificate: the benchmark uses a self-signed one). */
FakeInstagram *fake_instagram_new_tls (const char *media_dir, guint16 port,
    const char *cert_file, const char *key_file, GError **error);
/* The next @count CDN GETs without a Range header announce the whole file
 * but the connection is closed after @after_bytes bytes of it, as a network
 * that drops a download does. @count 0 removes the rule. */
void fake_instagram_set_cdn_drop (FakeInstagram *fi, guint64 after_bytes,
    guint count);
/* The next @count CDN GETs (with or without Range) announce what they ask
 * for, send @after_bytes bytes of it and then nothing more, holding the
 * connection open (until the client closes it or the fake stops). @count 0
 * removes the rule; each of these three calls replaces the others' rule. */
void fake_instagram_set_cdn_stall (FakeInstagram *fi, guint64 after_bytes,
    guint count);
/* The same GETs get what they ask for, @bytes_per_s bytes at a time, one
 * write a second (the first at once). */
void fake_instagram_set_cdn_trickle (FakeInstagram *fi, guint bytes_per_s,
    guint count);

/* Instagram forgets every LSD token and csrftoken it issued so far, as when
 * a cached anonymous session goes stale: from now on a request carrying
 * an old csrftoken gets 403 "CSRF token missing or incorrect", an old LSD
 * 400 "Invalid LSD token", and the homepage issues fresh ones. */
void fake_instagram_rotate_tokens (FakeInstagram *fi);

/* The next @count requests whose path starts with @path_prefix lose their
 * connection before any answer (it is closed under them), as a network or
 * an overloaded front end does. @count 0 removes the rule. */
void fake_instagram_set_hangup (FakeInstagram *fi, const char *path_prefix,
    guint count);

/* The shortcode of crowd post @i (see fake-media.h). */
char *fake_instagram_crowd_shortcode (guint i);
/* The shortcode of post @i (0 = newest) of a profile of fake-media.h's
 * Profiles (FAKE_GRID_USER, FAKE_THREE_USER, FAKE_PRIVATE_USER), or NULL. */
char *fake_instagram_profile_shortcode (const char *username, guint i);

/* Stops the server, joins its thread, frees everything. */
void fake_instagram_free (FakeInstagram *fi);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeInstagram, fake_instagram_free)

/* "http://127.0.0.1:PORT", no trailing slash. */
const char *fake_instagram_get_base (FakeInstagram *fi);
guint16 fake_instagram_get_port (FakeInstagram *fi);

/* A mask of FakeGeneration: the generations that answer with data. */
void fake_instagram_set_generation (FakeInstagram *fi, guint enabled_mask);
guint fake_instagram_get_generation (FakeInstagram *fi);

/* Sets the Fake2026Feature mask of @era (the other switches below stay as
 * they are). */
void fake_instagram_set_era (FakeInstagram *fi, FakeEra era);
/* A mask of Fake2026Feature, for tests of one change at a time. */
void fake_instagram_set_2026_features (FakeInstagram *fi, guint mask);
guint fake_instagram_get_2026_features (FakeInstagram *fi);

/* Every JSON answer of /api/graphql and /graphql/query (data, errors, 401,
 * 403...) is sent as "for (;;);" + the JSON, with Content-Type
 * "text/javascript; charset=utf-8", status unchanged. */
void fake_instagram_set_js_prefix (FakeInstagram *fi, gboolean prefix);

/* The wall a client without a browser's TLS fingerprint meets: every request
 * to /api/graphql and /graphql/query gets HTTP 200 with an HTML login page
 * (text/html, a few KB, no JSON), whatever it asks; the post pages with
 * their data-sjs cache keep working. */
void fake_instagram_set_graphql_wall (FakeInstagram *fi, gboolean wall);

/* A revoked doc_id: every GraphQL request (/api/graphql or /graphql/query,
 * GET or POST) naming @doc_id gets 401 {"message":"Please wait a few
 * minutes before you try again.","require_login":true,"status":"fail"},
 * every time, although nothing is throttled. @retired FALSE takes it back. */
void fake_instagram_retire_doc_id (FakeInstagram *fi, const char *doc_id,
    gboolean retired);

/* Instagram rotates the doc_id of query @query_name
 * (FAKE_POLARIS_QUERY_NAME or FAKE_POST_ROOT_QUERY_NAME) to @doc_id: only
 * that id is served for the query, the default one is revoked (the 401 of
 * fake_instagram_retire_doc_id), and the new id appears nowhere but in the
 * expectedPreloaders of / and /p/SC/ (which a rotation turns on). @doc_id
 * NULL undoes the rotation. */
void fake_instagram_rotate_doc_id (FakeInstagram *fi, const char *query_name,
    const char *doc_id);
/* The doc_id served for @query_name now; free with g_free. */
char *fake_instagram_dup_doc_id (FakeInstagram *fi, const char *query_name);

/* FAKE_SESSION_ID no longer logs in, as when the user's browser cookies are
 * stale: it is answered like any unknown sessionid (with
 * FAKE_2026_AUTH_PLATFORM: 302 /auth_platform/?apc=…). */
void fake_instagram_set_session_stale (FakeInstagram *fi, gboolean stale);

/* Requests seen so far whose method (NULL = any) and path prefix (NULL =
 * any) match. */
guint fake_instagram_count (FakeInstagram *fi, const char *method_or_null,
    const char *path_prefix);
/* A copy of the log, oldest first; free with g_ptr_array_unref. */
GPtrArray *fake_instagram_dup_log (FakeInstagram *fi);
void fake_instagram_reset_log (FakeInstagram *fi);
/* Also writes each request to @out (NULL stops; the caller keeps it open)
 * once its status is known, one line flushed at once, for a process that
 * watches the fake from outside (fake-instagram --log):
 *   TIME_US STATUS METHOD PATH[?QUERY]
 * TIME_US is when it arrived (g_get_real_time ()); lines come in the order
 * the answers were sent. */
void fake_instagram_set_log_stream (FakeInstagram *fi, FILE *out);

/* Answers to requests whose path starts with path_prefix are held back
 * for the given time (the server thread keeps serving others).
 * seconds = 0 removes the rule. */
void fake_instagram_set_stall (FakeInstagram *fi, const char *path_prefix,
    guint seconds);
/* Same, in milliseconds, for fast tests. */
void fake_instagram_set_stall_ms (FakeInstagram *fi, const char *path_prefix,
    guint milliseconds);

/* Every request whose path starts with @path_prefix gets this answer
 * instead of the real one, for bad-input tests; @body NULL removes it. */
void fake_instagram_set_answer (FakeInstagram *fi, const char *path_prefix,
    guint status, const char *content_type, GBytes *body);

/* The next @count requests whose path starts with @path_prefix are answered
 * with @status: like Instagram throttles for 429 (an HTML body) and 401 ({"message":
 * "Please wait a few minutes before you try again.", "require_login":true,
 * "status":"fail"}), with an HTML error page for any other status (500...),
 * with "Retry-After: @retry_after_s" when it is >= 0. @count 0 removes the
 * rule. */
void fake_instagram_set_throttle (FakeInstagram *fi, const char *path_prefix,
    guint status, guint count, gint retry_after_s);

/* The next @count requests whose path starts with @path_prefix get HTTP
 * 400 with Instagram's body for @kind: "checkpoint_required",
 * "challenge_required" or "feedback_required" (instagram-api.md §6.1).
 * They are logged like all others. @count 0 removes the rule. */
void fake_instagram_set_checkpoint (FakeInstagram *fi, const char *path_prefix,
    const char *kind, guint count);

/* Which top-level forms GET /api/v1/feed/reels_media/ answers with: the
 * "reels" dict keyed by reel id and the "reels_media" list. Both by
 * default. */
void fake_instagram_set_reels_forms (FakeInstagram *fi, gboolean reels_dict,
    gboolean reels_media_list);

/* CDN URLs issued from now on carry oe = now + seconds (default three
 * days). A negative value makes them expired at once, so the CDN answers
 * 403 to them. */
void fake_instagram_set_cdn_expiry (FakeInstagram *fi, gint64 seconds);

/* A signed CDN URL for a media file name, valid for the current expiry. */
char *fake_instagram_dup_cdn_url (FakeInstagram *fi, const char *name);

/* The local file behind a CDN name (e.g. "reel-720x1280.mp4"), so tests
 * can compare bytes. */
const char *fake_instagram_get_media_path (FakeInstagram *fi, const char *name);

/* The byte ranges of DASH file @name (a dashinit MP4: ftyp, moov, sidx,
 * then moof+mdat pairs) that the manifest's SegmentBase gives: the
 * Initialization range is 0..@init_end and the indexRange, the sidx box,
 * @index_start..@index_end, all inclusive. FALSE when the file does not
 * have that layout. */
gboolean fake_instagram_dash_ranges (FakeInstagram *fi, const char *name,
    guint64 *init_end, guint64 *index_start, guint64 *index_end);

G_END_DECLS
