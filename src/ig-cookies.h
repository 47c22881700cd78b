/* gst-instagram: a logged-in session from cookies.txt or a sessionid.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Copies the instagram.com cookies of the Netscape/Mozilla cookies.txt
 * @cookies_file (read with SoupCookieJarText, never written; "#HttpOnly_"
 * lines, comments and expired cookies handled there) into @jar, then sets
 * the sessionid cookie to @session_id when given, which wins over the
 * file's. Cookies of other sites are left out. When @www_base is not an
 * instagram.com URL (a test server) the cookies are bound to its host
 * instead. IG_ERROR_COOKIES when the file cannot be read. Returns the
 * number of cookies added. */
gint ig_cookies_load (SoupCookieJar *jar, const char *www_base,
    const char *cookies_file, const char *session_id, GError **error);

/* TRUE when @jar would send a non-empty sessionid to @www_base. */
gboolean ig_cookies_have_session (SoupCookieJar *jar, const char *www_base);

/* Forgets every sessionid cookie in @jar (after Instagram rejected it). */
void ig_cookies_drop_session (SoupCookieJar *jar);

G_END_DECLS
