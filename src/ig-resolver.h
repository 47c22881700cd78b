/* gst-instagram: reference -> post, through the chain of strategies.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-api.h"
#include "ig-model.h"
#include "ig-uri.h"

G_BEGIN_DECLS

/* Resolves @ref anonymously: homepage bootstrap, ruling check, Polaris
 * GraphQL, the post page's data-sjs cache, then the legacy doc_id and
 * query_hash forms. A login wall, a checkpoint, a rate limit, a network
 * failure or a 404 post page ends the chain at once; unusable answers move
 * on to the next strategy. When every strategy fails the error says how
 * each one failed. */
IgPost *ig_resolve (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);

G_END_DECLS
