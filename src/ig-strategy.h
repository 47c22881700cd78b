/* gst-instagram: the anonymous resolution strategies, one file each.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-api.h"
#include "ig-model.h"
#include "ig-uri.h"

G_BEGIN_DECLS

/* A strategy turns a post reference into an IgPost, or fails with an
 * IgError. The resolver (ig-resolver.c) decides which failures end the
 * chain. */
typedef IgPost *(*IgStrategyFunc) (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);

/* Logged in only: the mobile/REST media info (api/v1/media/PK/info/). */
IgPost *ig_strategy_media_info (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);

/* Step 1: GET the homepage once per session for the csrftoken, mid and
 * ig_did cookies and the LSD token. */
gboolean ig_bootstrap_run (IgApi *api, GCancellable *cancellable,
    GError **error);
/* The LSD token of a homepage, from the __eqmc script or the "LSD" define;
 * NULL when absent. Pure, for tests. */
char *ig_bootstrap_find_lsd (const char *html, gsize len);

/* Step 2: the ruling check. Grants the CSRF header when Instagram says ok;
 * an age restriction is IG_ERROR_LOGIN_REQUIRED. */
gboolean ig_ruling_check (IgApi *api, guint64 pk, GCancellable *cancellable,
    GError **error);

/* Step 3: the Polaris GraphQL POST (doc_id + {"media_id"}). */
IgPost *ig_strategy_polaris (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);
/* Unwraps a Polaris answer (data.xig_polaris_media...). Pure, for tests. */
IgPost *ig_polaris_parse (JsonNode *root, GError **error);

/* Step 3b: PolarisPostRootQuery ({"shortcode"}, X-CSRFToken). */
IgPost *ig_strategy_post_root (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);
/* Unwraps data.xdt_api__v1__media__shortcode__web_info.items[0]. Pure, for
 * tests. */
IgPost *ig_post_root_parse (JsonNode *root, GError **error);

/* The doc_ids @html's expectedPreloaders name for the queries used here
 * (PolarisLoggedOutDesktopWWWPostRootContentQuery, PolarisPostRootQuery),
 * adopted by @api unless pinned; @where names the page. */
void ig_strategy_adopt_preloaders (IgApi *api, const char *html, gsize len,
    const char *where);

/* Step 4: the post page's data-sjs Relay cache. */
IgPost *ig_strategy_page (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);
/* Finds the media item in a post page. Pure, for tests. */
IgPost *ig_page_parse (const char *html, gsize len, GError **error);

/* Step 5: legacy GraphQL doc_id (xdt_shortcode_media). */
IgPost *ig_strategy_xdt (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);
/* Step 6: legacy GraphQL query_hash (shortcode_media). */
IgPost *ig_strategy_query_hash (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);
/* Unwraps data.<root_name> of a legacy GraphQL answer. Pure, for tests. */
IgPost *ig_graphql_parse (JsonNode *root, const char *root_name,
    GError **error);

G_END_DECLS
