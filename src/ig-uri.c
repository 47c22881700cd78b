/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-uri.h"

#include "ig-error.h"
#include "ig-shortcode.h"

#include <string.h>

/* Longer URIs are rejected before parsing: no real permalink comes close. */
#define MAX_URI_LEN 2048
/* Longest username Instagram allows. */
#define MAX_USERNAME_LEN 30
/* At most USER/p/CODE/embed/captioned. */
#define MAX_SEGMENTS 5

static const char *const web_hosts[] = { "instagram.com", "www.instagram.com",
  "m.instagram.com", "instagr.am", NULL };

/* First path segments that are Instagram pages, never usernames. */
static const char *const reserved_names[] = { "p", "reel", "reels", "tv",
  "stories", "share", "explore", "accounts", "direct", "s", "about", "legal",
  "developer", "api", "graphql", "web", "challenge", "auth_platform",
  "emails", "session", "privacy", "terms", "directory", "topics",
  "locations", "oauth", "static", "data", "ajax", "press", "popular", "lite",
  "download", "igtv", "create", "saved", "nametag", "ar", "music", "your_activity",
  NULL };

/** ig_media_ref_accepted_forms: a static string, one form per line. */
const char *
ig_media_ref_accepted_forms (void)
{
  return "https://www.instagram.com/p/SHORTCODE/\n"
         "https://www.instagram.com/reel/SHORTCODE/ (also /reels/ and /tv/)\n"
         "https://www.instagram.com/USERNAME/p/SHORTCODE/ (also /USERNAME/reel/)\n"
         "https://www.instagram.com/stories/USERNAME/ and "
         "/stories/USERNAME/STORY_ID/\n"
         "https://www.instagram.com/stories/highlights/HIGHLIGHT_ID/\n"
         "https://www.instagram.com/USERNAME/ (the profile's posts) and "
         "/USERNAME/reels/ (its reels)\n"
         "share links: https://www.instagram.com/share/ID/ (also /share/p/, "
         "/share/reel/) and /s/ID\n"
         "instagram://p/SHORTCODE, instagram://reel/SHORTCODE, "
         "instagram://media?id=MEDIA_ID, instagram://stories/USERNAME[/STORY_ID], "
         "instagram://user?username=USERNAME\n"
         "Hosts: instagram.com, www.instagram.com, m.instagram.com, "
         "instagr.am; ?img_index=N selects a carousel item.";
}

/* The URI as it may appear in a message: valid UTF-8 and not huge. */
static char *
printable_uri (const char *uri)
{
  g_autofree char *valid = NULL;

  if (uri == NULL)
    return g_strdup ("(null)");
  valid = g_utf8_make_valid (uri, MIN (strlen (uri), 256));
  if (strlen (uri) > 256)
    return g_strconcat (valid, "…", NULL);
  return g_steal_pointer (&valid);
}

static void
set_bad_uri (GError **error, const char *uri, const char *reason)
{
  g_autofree char *shown = NULL;

  /* Most URIs a pipeline sees are not Instagram's: build no message. */
  if (error == NULL)
    return;
  shown = printable_uri (uri);
  g_set_error (error, IG_ERROR, IG_ERROR_BAD_URI,
      "Not an Instagram post, reel or story URI: %s%s%s%s. "
      "Accepted forms:\n%s",
      shown, reason ? " (" : "", reason ? reason : "", reason ? ")" : "",
      ig_media_ref_accepted_forms ());
}

static gboolean
is_one_of (const char *s, const char *const *list)
{
  for (; *list != NULL; list++) {
    if (g_ascii_strcasecmp (s, *list) == 0)
      return TRUE;
  }
  return FALSE;
}

static gboolean
is_username (const char *s)
{
  size_t len = strlen (s);

  if (len == 0 || len > MAX_USERNAME_LEN)
    return FALSE;
  for (; *s != '\0'; s++) {
    if (!g_ascii_isalnum (*s) && *s != '.' && *s != '_')
      return FALSE;
  }
  return TRUE;
}

/* A nonzero decimal 64-bit id, digits only. */
static gboolean
parse_id (const char *s, guint64 *out)
{
  if (!g_ascii_isdigit (s[0]))
    return FALSE;
  return g_ascii_string_to_unsigned (s, 10, 1, G_MAXUINT64, out, NULL);
}

/* The path's segments; one trailing slash is allowed, empty segments are
 * not. NULL when the path is not of that form or too long. */
static GStrv
split_path (const char *path, guint *n_out)
{
  g_auto (GStrv) segs = NULL;
  guint n;

  if (path[0] != '/')
    return NULL;
  segs = g_strsplit (path + 1, "/", MAX_SEGMENTS + 2);
  n = g_strv_length (segs);
  if (n > 0 && segs[n - 1][0] == '\0') {
    g_free (segs[--n]);
    segs[n] = NULL;
  }
  if (n == 0 || n > MAX_SEGMENTS)
    return NULL;
  for (guint i = 0; i < n; i++) {
    if (segs[i][0] == '\0')
      return NULL;
  }
  *n_out = n;
  return g_steal_pointer (&segs);
}

/* Fills a POST ref from the URI's code, cutting a private-link suffix. */
static gboolean
set_post_code (IgMediaRef *ref, const char *code, const char **reason)
{
  size_t len = strlen (code);

  ref->kind = IG_REF_POST;
  if (len > IG_PRIVATE_LINK_EXTRA) {
    len -= IG_PRIVATE_LINK_EXTRA;
    ref->private_link = TRUE;
  }
  ref->shortcode = g_strndup (code, len);
  if (!ig_shortcode_to_pk (ref->shortcode, &ref->media_pk, NULL)) {
    *reason = "invalid shortcode";
    return FALSE;
  }
  return TRUE;
}

/* What may follow the code: nothing, "embed" or "embed/captioned" (the
 * embed page names the same post, so it is accepted). */
static gboolean
is_post_tail (char **tail, guint n)
{
  if (n == 0)
    return TRUE;
  if (g_strcmp0 (tail[0], "embed") != 0)
    return FALSE;
  return n == 1 || (n == 2 && g_strcmp0 (tail[1], "captioned") == 0);
}

static gboolean
is_post_word (const char *s, gboolean with_user)
{
  if (with_user)
    return g_str_equal (s, "p") || g_str_equal (s, "reel");
  return g_str_equal (s, "p") || g_str_equal (s, "reel")
      || g_str_equal (s, "reels") || g_str_equal (s, "tv");
}

/* /p/SC, /reel/SC, /reels/SC, /tv/SC, optionally behind /USER. */
static gboolean
parse_post_path (IgMediaRef *ref, char **segs, guint n, const char **reason)
{
  guint first = 0;

  if (n >= 3 && !is_one_of (segs[0], reserved_names)
      && is_post_word (segs[1], TRUE)) {
    if (!is_username (segs[0])) {
      *reason = "invalid username";
      return FALSE;
    }
    ref->username = g_strdup (segs[0]);
    first = 1;
  }
  if (n < first + 2 || !is_post_word (segs[first], first == 1)
      || !is_post_tail (segs + first + 2, n - first - 2)) {
    return FALSE;
  }
  if (g_str_equal (segs[first], "reels")
      && g_str_equal (segs[first + 1], "audio")) {
    *reason = "audio pages are not media";
    return FALSE;
  }
  return set_post_code (ref, segs[first + 1], reason);
}

/* USER or USER/PK, the part of a story path after "stories". */
static gboolean
parse_story_user (IgMediaRef *ref, char **segs, guint n, const char **reason)
{
  if (n < 1 || n > 2 || !is_username (segs[0])) {
    *reason = n >= 1 ? "invalid story username or path" : NULL;
    return FALSE;
  }
  ref->username = g_strdup (segs[0]);
  ref->kind = IG_REF_STORY_USER;
  if (n == 1)
    return TRUE;
  ref->kind = IG_REF_STORY_ITEM;
  if (!parse_id (segs[1], &ref->media_pk)) {
    *reason = "invalid story id";
    return FALSE;
  }
  return TRUE;
}

/* The segments after "stories". */
static gboolean
parse_stories (IgMediaRef *ref, char **segs, guint n, const char **reason)
{
  if (n >= 1 && g_str_equal (segs[0], "highlights")) {
    ref->kind = IG_REF_HIGHLIGHT;
    if (n != 2 || !parse_id (segs[1], &ref->highlight_id)) {
      *reason = "invalid highlight id";
      return FALSE;
    }
    return TRUE;
  }
  return parse_story_user (ref, segs, n, reason);
}

/* A share link: Instagram answers it with one redirect to the post, story
 * item or highlight it names, which the source follows. */
static gboolean
parse_share (IgMediaRef *ref, char **segs, guint n, const char **reason)
{
  const char *id = segs[n - 1];
  /* /s/ID, /share/ID, /share/p/ID, /share/reel/ID */
  gboolean form_ok = n == 2
      || (n == 3 && g_str_equal (segs[0], "share")
          && (g_str_equal (segs[1], "p") || g_str_equal (segs[1], "reel")));
  const char *p;

  for (p = id; *p != '\0' && (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
       p++)
    ;
  if (!form_ok || *p != '\0' || p == id || p - id > 128) {
    *reason = "not a share link Instagram makes";
    return FALSE;
  }
  ref->kind = IG_REF_SHARE;
  ref->share_path = g_strdup_printf ("/%s%s%s/%s", segs[0], n == 3 ? "/" : "",
      n == 3 ? segs[1] : "", id);
  return TRUE;
}

/* A positive decimal parameter @name of @query, else 0. */
static guint64
query_id (const char *query, const char *name)
{
  g_autoptr (GHashTable) params = NULL;
  const char *value;
  guint64 id = 0;

  if (query == NULL)
    return 0;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL || (value = g_hash_table_lookup (params, name)) == NULL
      || !parse_id (value, &id))
    return 0;
  return id;
}

/* *@index: 0-based from ?img_index=N (1-based), -1 when absent. A value
 * that is not a number from 1 is refused: silently streaming the first
 * item would hide the typo. */
static gboolean
parse_img_index (const char *query, gint *index, const char **reason)
{
  g_autoptr (GHashTable) params = NULL;
  const char *value;
  guint64 n;

  *index = -1;
  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL
      || (value = g_hash_table_lookup (params, "img_index")) == NULL)
    return TRUE;
  if (!g_ascii_isdigit (value[0])
      || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT, &n, NULL)) {
    *reason = "img_index must be a whole number from 1 (the first item)";
    return FALSE;
  }
  *index = (gint) n - 1;
  return TRUE;
}

/* No port, or the scheme's own: a login or another port is never a
 * permalink. */
static gboolean
is_default_port (GUri *guri)
{
  gint port = g_uri_get_port (guri);
  gboolean https = g_ascii_strcasecmp (g_uri_get_scheme (guri), "https") == 0;

  return port == -1 || port == (https ? 443 : 80);
}

static gboolean
check_web_authority (GUri *guri, const char **reason)
{
  const char *host = g_uri_get_host (guri);

  if (host == NULL || !is_one_of (host, web_hosts)) {
    *reason = (host
                  && (g_str_has_suffix (host, ".cdninstagram.com")
                      || g_str_has_suffix (host, ".fbcdn.net")))
        ? "a CDN file URL, not a post"
        : NULL;
    return FALSE;
  }
  if (g_uri_get_userinfo (guri) != NULL || !is_default_port (guri)) {
    *reason = "unexpected user or port";
    return FALSE;
  }
  return TRUE;
}

static gboolean
parse_web (IgMediaRef *ref, GUri *guri, const char **reason)
{
  g_auto (GStrv) segs = NULL;
  guint n = 0;

  if (!check_web_authority (guri, reason))
    return FALSE;
  segs = split_path (g_uri_get_path (guri), &n);
  if (segs == NULL)
    return FALSE;
  if (g_str_equal (segs[0], "share") || g_str_equal (segs[0], "s"))
    return parse_share (ref, segs, n, reason);
  if (g_str_equal (segs[0], "stories")) {
    if (!parse_stories (ref, segs + 1, n - 1, reason))
      return FALSE;
    if (ref->kind == IG_REF_HIGHLIGHT)
      ref->media_pk = query_id (g_uri_get_query (guri), "story_media_id");
    return TRUE;
  }
  if (n <= 2 && !is_one_of (segs[0], reserved_names)) {
    if (n == 1 || g_str_equal (segs[1], "reels")) {
      if (!is_username (segs[0])) {
        *reason = "invalid username";
        return FALSE;
      }
      ref->kind = n == 1 ? IG_REF_PROFILE : IG_REF_REELS_TAB;
      ref->username = g_strdup (segs[0]);
      return TRUE;
    }
    *reason = "a profile tab that is not media (only the posts grid "
              "/USERNAME/ and /USERNAME/reels/ are)";
  }
  if (!parse_post_path (ref, segs, n, reason))
    return FALSE;
  return parse_img_index (g_uri_get_query (guri), &ref->item_index, reason);
}

/* Parameter @name of the query of @guri, or NULL. */
static char *
app_param (GUri *guri, const char *name)
{
  g_autoptr (GHashTable) params = NULL;
  const char *query = g_uri_get_query (guri);

  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  return params ? g_strdup (g_hash_table_lookup (params, name)) : NULL;
}

/* instagram://media?id=PK */
static gboolean
parse_app_media (IgMediaRef *ref, GUri *guri, const char **reason)
{
  g_autofree char *id = app_param (guri, "id");

  ref->kind = IG_REF_MEDIA_ID;
  if (id == NULL || !parse_id (id, &ref->media_pk)) {
    *reason = "invalid media id";
    return FALSE;
  }
  return TRUE;
}

/* instagram://user?username=U */
static gboolean
parse_app_user (IgMediaRef *ref, GUri *guri, const char **reason)
{
  char *name = app_param (guri, "username");

  ref->kind = IG_REF_PROFILE;
  if (name == NULL || !is_username (name)) {
    g_free (name);
    *reason = "invalid username";
    return FALSE;
  }
  ref->username = name;
  return TRUE;
}

static gboolean
parse_app (IgMediaRef *ref, GUri *guri, const char **reason)
{
  const char *host = g_uri_get_host (guri);
  const char *path = g_uri_get_path (guri);
  g_auto (GStrv) segs = NULL;
  guint n = 0;

  if (host == NULL || g_uri_get_userinfo (guri) || g_uri_get_port (guri) != -1)
    return FALSE;
  if (g_ascii_strcasecmp (host, "media") == 0)
    return (path[0] == '\0' || g_str_equal (path, "/"))
        && parse_app_media (ref, guri, reason);
  if (g_ascii_strcasecmp (host, "user") == 0)
    return (path[0] == '\0' || g_str_equal (path, "/"))
        && parse_app_user (ref, guri, reason);
  if ((segs = split_path (path, &n)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "stories") == 0)
    return parse_story_user (ref, segs, n, reason);
  if (n != 1
      || (g_ascii_strcasecmp (host, "p") != 0
          && g_ascii_strcasecmp (host, "reel") != 0))
    return FALSE;
  return set_post_code (ref, segs[0], reason);
}

/* Dispatches on the scheme of an already size- and UTF-8-checked URI. */
static gboolean
parse_checked (IgMediaRef *ref, const char *uri, const char **reason)
{
  g_autoptr (GUri) guri = NULL;
  const char *scheme;

  /* ENCODED: a %2F in the path must not become a separator. */
  guri = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (guri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (guri);
  if (g_ascii_strcasecmp (scheme, "instagram") == 0)
    return parse_app (ref, guri, reason);
  if (g_ascii_strcasecmp (scheme, "https") == 0
      || g_ascii_strcasecmp (scheme, "http") == 0)
    return parse_web (ref, guri, reason);
  return FALSE;
}

/**
 * ig_media_ref_parse:
 * Pure and cheap: no I/O, so it can run for every URI a pipeline sees.
 */
IgMediaRef *
ig_media_ref_parse (const char *uri, GError **error)
{
  g_autoptr (IgMediaRef) ref = g_new0 (IgMediaRef, 1);
  const char *reason = NULL;

  ref->item_index = -1;
  if (uri == NULL || uri[0] == '\0') {
    set_bad_uri (error, uri, "empty URI");
    return NULL;
  }
  if (strlen (uri) > MAX_URI_LEN || !g_utf8_validate (uri, -1, NULL)) {
    set_bad_uri (error, uri, "too long or not UTF-8");
    return NULL;
  }
  if (!parse_checked (ref, uri, &reason)) {
    set_bad_uri (error, uri, reason);
    return NULL;
  }
  return g_steal_pointer (&ref);
}

/** ig_media_ref_copy: a deep copy of @ref. */
IgMediaRef *
ig_media_ref_copy (const IgMediaRef *ref)
{
  IgMediaRef *copy;

  g_return_val_if_fail (ref != NULL, NULL);
  copy = g_memdup2 (ref, sizeof *ref);
  copy->shortcode = g_strdup (ref->shortcode);
  copy->username = g_strdup (ref->username);
  copy->share_path = g_strdup (ref->share_path);
  return copy;
}

/** ig_media_ref_free: frees @ref; NULL is allowed. */
void
ig_media_ref_free (IgMediaRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->shortcode);
  g_free (ref->share_path);
  g_free (ref->username);
  g_free (ref);
}

char *
ig_media_ref_dup_shortcode (const IgMediaRef *ref)
{
  if (ref->shortcode != NULL)
    return g_strdup (ref->shortcode);
  return ig_pk_to_shortcode (ref->media_pk);
}

char *
ig_post_url (const char *base, const char *shortcode)
{
  return g_strdup_printf ("%s/p/%s/", base, shortcode);
}

/**
 * ig_media_ref_to_permalink:
 * The www.instagram.com page of @ref, without private suffix or query.
 */
char *
ig_media_ref_to_permalink (const IgMediaRef *ref)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (ref != NULL, NULL);
  switch (ref->kind) {
    case IG_REF_POST:
    case IG_REF_MEDIA_ID:
      code = ig_media_ref_dup_shortcode (ref);
      return ig_post_url ("https://www.instagram.com", code);
    case IG_REF_STORY_ITEM:
      return g_strdup_printf (
          "https://www.instagram.com/stories/%s/%" G_GUINT64_FORMAT "/",
          ref->username, ref->media_pk);
    case IG_REF_STORY_USER:
      return g_strdup_printf ("https://www.instagram.com/stories/%s/",
          ref->username);
    case IG_REF_HIGHLIGHT:
      if (ref->media_pk != 0)
        return g_strdup_printf ("https://www.instagram.com/stories/highlights/"
                                "%" G_GUINT64_FORMAT "/?story_media_id=%"
                                G_GUINT64_FORMAT,
            ref->highlight_id, ref->media_pk);
      return g_strdup_printf (
          "https://www.instagram.com/stories/highlights/%" G_GUINT64_FORMAT "/",
          ref->highlight_id);
    case IG_REF_SHARE:
      return g_strdup_printf ("https://www.instagram.com%s/", ref->share_path);
    case IG_REF_PROFILE:
      return g_strdup_printf ("https://www.instagram.com/%s/", ref->username);
    case IG_REF_REELS_TAB:
      return g_strdup_printf ("https://www.instagram.com/%s/reels/",
          ref->username);
  }
  g_return_val_if_reached (NULL);
}

gboolean
ig_media_ref_is_list (const IgMediaRef *ref)
{
  return ref->kind == IG_REF_PROFILE || ref->kind == IG_REF_REELS_TAB;
}

/* Only absolute http(s) URLs with a host may reach the HTTP client. */
gboolean
ig_uri_is_http_url (const char *s)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  if (s == NULL)
    return FALSE;
  uri = g_uri_parse (s, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || g_uri_get_host (uri)[0] == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "https") == 0
      || g_ascii_strcasecmp (scheme, "http") == 0;
}
