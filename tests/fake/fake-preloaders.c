/* gst-instagram tests: the preloader manifest of the fake's pages
 * (instagram-2026-12.md §1.2): a script with
 *   expectedPreloaders:[{queryID:"…",variables:{…},queryName:"…"},…]
 * in JavaScript object notation (unquoted keys), where a client can find
 * the doc_ids of the post queries at run time.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

/* The comment query a post page preloads too (§1.2, FxEmbed's capture). */
#define COMMENTS_DOC_ID "25516980651312394"
#define COMMENTS_QUERY_NAME "PolarisPostCommentsPaginationQuery"
/* The provider variable a browser sends with PolarisPostRootQuery (§1.1). */
#define AIGM_PROVIDER \
  "__relay_internal__pv__PolarisAIGMMediaWebLabelEnabledrelayprovider"

static void
append_preloader (GString *out, const char *doc_id, const char *variables,
    const char *query_name)
{
  if (out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  g_string_append_printf (out,
      "{queryID:\"%s\",variables:{%s},queryName:\"%s\"}", doc_id, variables,
      query_name);
}

static void
append_post_queries (FakeInstagram *fi, GString *out, const FakePost *post)
{
  g_autofree char *polaris =
      fake_instagram_dup_doc_id (fi, FAKE_POLARIS_QUERY_NAME);
  g_autofree char *post_root =
      fake_instagram_dup_doc_id (fi, FAKE_POST_ROOT_QUERY_NAME);
  g_autofree char *media_id = NULL;
  g_autofree char *shortcode = NULL;

  if (post != NULL) {
    media_id = g_strdup_printf ("media_id:\"%" G_GUINT64_FORMAT "\"", post->pk);
    shortcode = g_strdup_printf ("shortcode:\"%s\"," AIGM_PROVIDER ":false",
        post->shortcode);
    append_preloader (out, COMMENTS_DOC_ID, media_id, COMMENTS_QUERY_NAME);
  }
  if (fake_2026_enabled (fi, FAKE_2026_POST_ROOT))
    append_preloader (out, post_root, shortcode ? shortcode : "",
        FAKE_POST_ROOT_QUERY_NAME);
  append_preloader (out, polaris, media_id ? media_id : "",
      FAKE_POLARIS_QUERY_NAME);
}

char *
fake_preloaders_script (FakeInstagram *fi, const FakePost *post)
{
  GString *out;

  if (!fake_2026_enabled (fi, FAKE_2026_PRELOADERS) && !fake_2026_rotated (fi))
    return NULL;
  out = g_string_new ("<script type=\"text/javascript\">"
                      "requireLazy([\"PolarisRoutePreloader\"],function(m){"
                      "m.handle({route:\"");
  g_string_append (out, post != NULL ? "/p/" : "/");
  if (post != NULL)
    g_string_append_printf (out, "%s/", post->shortcode);
  g_string_append (out, "\",expectedPreloaders:[");
  append_post_queries (fi, out, post);
  g_string_append (out, "]})});</script>");
  return g_string_free (out, FALSE);
}
