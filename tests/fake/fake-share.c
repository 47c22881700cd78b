/* gst-instagram tests: share links. Instagram answers /share/ID/,
 * /share/p/ID/, /share/reel/ID/ and /s/ID with one redirect to the
 * canonical URL of what they name, with an igsh tracking parameter.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-media.h"
#include "fake-private.h"

#include <string.h>

static const struct
{
  const char *path; /* without the trailing slash */
  const char *target;
} shares[] = {
  { "/share/reel/" FAKE_SHARE_REEL,
      "https://www.instagram.com/reel/" FAKE_SC_REEL
      "/?igsh=MWQ1ZGUxMzBkMA==" },
  { "/share/p/" FAKE_SHARE_IMAGE,
      "https://www.instagram.com/p/" FAKE_SC_IMAGE "/?igsh=NTc4MTIwNjQ2YQ==" },
  { "/share/" FAKE_SHARE_CAROUSEL,
      "https://www.instagram.com/p/" FAKE_SC_CAROUSEL
      "/?img_index=2&igsh=ZA==" },
  { "/s/" FAKE_SHARE_HIGHLIGHT,
      "https://www.instagram.com/stories/highlights/" FAKE_HIGHLIGHT_ID
      "/?story_media_id=1&igsh=ZA==" },
};

gboolean
fake_share_redirect (FakeInstagram *fi, SoupServerMessage *msg,
    const char *path)
{
  g_autofree char *bare = g_strdup (path);
  gsize len = strlen (bare);
  guint i;

  if (!g_str_has_prefix (path, "/share/") && !g_str_has_prefix (path, "/s/"))
    return FALSE;
  if (len > 1 && bare[len - 1] == '/')
    bare[len - 1] = '\0';
  for (i = 0; i < G_N_ELEMENTS (shares); i++) {
    if (g_str_equal (bare, shares[i].path)) {
      fake_respond_redirect (msg, shares[i].target);
      return TRUE;
    }
  }
  fake_respond_not_found (msg);
  return TRUE;
}
