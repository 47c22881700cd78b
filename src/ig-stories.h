/* gst-instagram: stories and highlights (logged in).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-api.h"
#include "ig-model.h"
#include "ig-uri.h"

G_BEGIN_DECLS

/* The current story of ref->username (IG_REF_STORY_USER, _STORY_ITEM) or
 * the highlight ref->highlight_id, as a post whose items are the story's,
 * oldest first, each with its taken_at and expiring_at. A user or highlight
 * Instagram does not know, and a user with no current story, are
 * IG_ERROR_NOT_FOUND. */
IgPost *ig_stories_resolve (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error);

G_END_DECLS
