/* gst-instagram: reference -> post, through the chain of strategies.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-api.h"
#include "ig-model.h"
#include "ig-resolver-cache.h"
#include "ig-uri.h"

G_BEGIN_DECLS

/* Resolves @ref. With a session in @api's jar, the mobile/REST media info
 * first. Anonymously: the homepage bootstrap and ruling check (or the
 * bootstrap @cache keeps from an earlier resolution), then Polaris GraphQL,
 * the post page's data-sjs cache, the legacy doc_id and query_hash forms,
 * in the order @cache's record of them suggests. A login wall, a
 * checkpoint, a rate limit, a network failure or a 404 post page ends the
 * chain at once; unusable answers move on to the next strategy. When every
 * strategy fails the error says how each one failed. */
IgPost *ig_resolve (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);

G_END_DECLS
