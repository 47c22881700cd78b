/* gst-instagram: the anonymous chain of strategies, in the order the
 * resolver cache suggests, recording how each fared. Internal to the
 * resolver.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-api.h"
#include "ig-model.h"
#include "ig-resolver-cache.h"

G_BEGIN_DECLS

/* Errors no other strategy can get around (cancellation, login walls,
 * checkpoints, rate limits, the network; a 404 when @not_found_is_final). */
gboolean ig_chain_is_final (const GError *error, gboolean not_found_is_final);

/* Tries the strategies until one gives the post. A query answered 401
 * "Please wait" does not stop the chain (a retired doc_id answers so for
 * ever): it is recorded as retired and the others are tried; only when
 * none gives the post is it asked again as a rate limit. With
 * @cached_bootstrap, an answer that refuses the web session stops the
 * chain and sets *@refused. */
IgPost *ig_chain_run (IgApi *api, IgResolverCache *cache,
    const IgMediaRef *ref, gboolean cached_bootstrap, gboolean *refused,
    GString *failures, GCancellable *cancellable, GError **error);

G_END_DECLS
