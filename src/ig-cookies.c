/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-cookies.h"
#include "ig-error.h"

#include <glib/gstdio.h>
#include <string.h>

#define SESSION_COOKIE "sessionid"

static gboolean
is_instagram_domain (const char *domain)
{
  const char *bare = domain[0] == '.' ? domain + 1 : domain;

  return g_ascii_strcasecmp (bare, "instagram.com") == 0
      || g_str_has_suffix (bare, ".instagram.com");
}

/* The host cookies must be bound to: instagram.com itself, or the test
 * server that stands in for it. */
static char *
target_domain (const char *www_base)
{
  g_autoptr (GUri) uri = g_uri_parse (www_base, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (host == NULL || is_instagram_domain (host))
    return g_strdup (".instagram.com");
  return g_strdup (host);
}

/* A plain-http test server would never get Secure cookies. */
static void
add_cookie (SoupCookieJar *jar, SoupCookie *cookie, const char *domain,
    gboolean secure_ok)
{
  SoupCookie *copy = soup_cookie_copy (cookie);

  if (g_strcmp0 (domain, ".instagram.com") != 0)
    soup_cookie_set_domain (copy, domain);
  if (!secure_ok)
    soup_cookie_set_secure (copy, FALSE);
  soup_cookie_jar_add_cookie (jar, copy);
}

static gint
copy_file_cookies (SoupCookieJar *jar, const char *path, const char *domain,
    gboolean secure_ok, GError **error)
{
  g_autoptr (SoupCookieJar) file_jar = NULL;
  GSList *cookies, *l;
  gint added = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)
      || g_access (path, R_OK) != 0) {
    g_set_error (error, IG_ERROR, IG_ERROR_COOKIES,
        "Cannot read the cookies file %s", path);
    return -1;
  }
  file_jar = soup_cookie_jar_text_new (path, TRUE);
  cookies = soup_cookie_jar_all_cookies (file_jar);
  for (l = cookies; l != NULL; l = l->next) {
    if (!is_instagram_domain (soup_cookie_get_domain (l->data)))
      continue;
    add_cookie (jar, l->data, domain, secure_ok);
    added++;
  }
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  return added;
}

gint
ig_cookies_load (SoupCookieJar *jar, const char *www_base,
    const char *cookies_file, const char *session_id, GError **error)
{
  g_autofree char *domain = target_domain (www_base);
  gint added = 0;

  if (cookies_file != NULL && *cookies_file != '\0') {
    added = copy_file_cookies (jar, cookies_file, domain,
        g_str_has_prefix (www_base, "https:"), error);
    if (added < 0)
      return -1;
  }
  if (session_id != NULL && *session_id != '\0') {
    SoupCookie *cookie =
        soup_cookie_new (SESSION_COOKIE, session_id, domain, "/", -1);

    soup_cookie_set_secure (cookie, g_str_has_prefix (www_base, "https:"));
    soup_cookie_set_http_only (cookie, TRUE);
    soup_cookie_jar_add_cookie (jar, cookie);
    added++;
  }
  return added;
}

gboolean
ig_cookies_have_session (SoupCookieJar *jar, const char *www_base)
{
  g_autoptr (GUri) uri = g_uri_parse (www_base, SOUP_HTTP_URI_FLAGS, NULL);
  GSList *cookies, *l;
  gboolean found = FALSE;

  if (uri == NULL)
    return FALSE;
  cookies = soup_cookie_jar_get_cookie_list (jar, uri, TRUE);
  for (l = cookies; l != NULL && !found; l = l->next)
    found = strcmp (soup_cookie_get_name (l->data), SESSION_COOKIE) == 0
        && *soup_cookie_get_value (l->data) != '\0';
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  return found;
}

void
ig_cookies_drop_session (SoupCookieJar *jar)
{
  GSList *cookies = soup_cookie_jar_all_cookies (jar), *l;

  for (l = cookies; l != NULL; l = l->next) {
    if (strcmp (soup_cookie_get_name (l->data), SESSION_COOKIE) == 0)
      soup_cookie_jar_delete_cookie (jar, l->data);
  }
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
}
