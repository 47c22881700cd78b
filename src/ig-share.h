/* gst-instagram: share links (/share/X/, /share/reel/X/, /s/X) -> the
 * reference they name, by the one redirect Instagram answers them with.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-api.h"
#include "ig-resolver-cache.h"
#include "ig-uri.h"

G_BEGIN_DECLS

/* The post, story item or highlight @share names: from @cache when it was
 * followed before, else one anonymous GET through @api (its rate limiter;
 * no user cookies), its Location parsed and remembered. A link that leads
 * to another share link, to a login page, or nowhere is an IgError. */
IgMediaRef *ig_share_follow (IgApi *api, IgResolverCache *cache,
    const IgMediaRef *share, GCancellable *cancellable, GError **error);

G_END_DECLS
