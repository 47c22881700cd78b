/* gst-instagram tests: the login page a GraphQL endpoint sends a client it
 * does not trust (instagram-2026-12.md §1.3, §1.5): HTTP 200, text/html, in
 * the shape of Instagram's login document (icons, meta tags, script
 * preloads, a data-sjs block without any post data, the mount point), a few
 * KB where the real one has hundreds. No cookies, no JSON.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

#define N_PRELOADS 24

static const char wall_head[] =
    "<!DOCTYPE html><html class=\"_9dls\" lang=\"en\" dir=\"ltr\"><head>"
    "<link data-default-icon=\"https://static.cdninstagram.com/rsrc.php/v4/"
    "yI/r/VsNE-OHk_8a.png\" rel=\"icon\" sizes=\"192x192\" href=\"https:"
    "//static.cdninstagram.com/rsrc.php/v4/yI/r/VsNE-OHk_8a.png\" />"
    "<meta charset=\"utf-8\" />"
    "<meta name=\"referrer\" content=\"origin-when-crossorigin\" "
    "id=\"meta_referrer\" />"
    "<meta name=\"color-scheme\" content=\"light\" />"
    "<meta name=\"theme-color\" content=\"#FFFFFF\" />"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, "
    "minimum-scale=1, maximum-scale=1, viewport-fit=cover\" />"
    "<title>Login • Instagram</title>"
    "<meta name=\"description\" content=\"Welcome back to Instagram. Sign in "
    "to check out what your friends, family &amp; interests have been "
    "capturing &amp; sharing around the world.\" />"
    "<meta property=\"og:site_name\" content=\"Instagram\" />"
    "<meta property=\"og:title\" content=\"Login • Instagram\" />"
    "<meta property=\"og:url\" content=\"https://www.instagram.com/accounts/"
    "login/\" />"
    "<link rel=\"manifest\" href=\"/data/manifest.json\" "
    "crossorigin=\"use-credentials\" />"
    "<link rel=\"canonical\" href=\"https://www.instagram.com/accounts/"
    "login/\" />";

static const char wall_tail[] =
    "<script type=\"application/json\" data-sjs>"
    "{\"require\":[[\"ScheduledServerJS\",\"handle\",null,[{\"__bbox\":"
    "{\"define\":[[\"PolarisSiteData\",[],{\"country_code\":\"US\","
    "\"show_app_install\":true,\"is_logged_in\":false},1015],"
    "[\"CometPersistQueryParams\",[],{\"relative\":{},\"domain\":{}},6231]]}}]"
    "]]}</script></head><body class=\"_a3wf system-fonts--body segoe\">"
    "<div id=\"mount_0_0_Xy\"><div id=\"splash-screen\" style=\"position:"
    "fixed;top:0;left:0;width:100%;height:100%\"><svg aria-label=\"Instagram"
    "\" height=\"80\" role=\"img\" viewBox=\"0 0 50 50\" width=\"80\"></svg>"
    "</div></div><noscript><h1>Log in to Instagram</h1><p>To continue, "
    "enable JavaScript and log in.</p><form method=\"post\" action=\"/"
    "accounts/login/ajax/\"><input name=\"username\"><input name=\""
    "enc_password\" type=\"password\"><button type=\"submit\">Log in</button>"
    "</form></noscript></body></html>";

/* Resource names look like "v4/yK/r/Ab3dEf9GhIj.js"; these are stable. */
static void
append_preloads (GString *html)
{
  static const char letters[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  guint32 seed = 0x1e5c0de;
  guint i, j;

  for (i = 0; i < N_PRELOADS; i++) {
    char name[12];

    for (j = 0; j < sizeof name - 1; j++) {
      seed = seed * 1103515245u + 12345u;
      name[j] = letters[(seed >> 16) & 63];
    }
    name[sizeof name - 1] = '\0';
    g_string_append_printf (html,
        "<link rel=\"preload\" href=\"https://static.cdninstagram.com/"
        "rsrc.php/v4/y%c/r/%s.js\" as=\"script\" crossorigin=\"anonymous\" "
        "nonce=\"fakeWallNonce\" />",
        letters[i % 26], name);
  }
}

void
fake_pages_wall (FakeInstagram *fi, SoupServerMessage *msg)
{
  GString *html = g_string_new (wall_head);

  append_preloads (html);
  g_string_append (html, wall_tail);
  fake_respond_html (msg, SOUP_STATUS_OK, html->str);
  g_string_free (html, TRUE);
}
