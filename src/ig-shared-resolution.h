/* gst-instagram: elements of one process that resolve the same post at the
 * same time share one resolution (one set of API requests).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>

#include "ig-model.h"

G_BEGIN_DECLS

typedef IgPost *(*IgResolveFunc) (gpointer data, GCancellable *cancellable,
    GError **error);

/* Runs @resolve, unless a resolution under the same @key is running in
 * this process: then waits for it (cancellably) and returns its post (a
 * new reference) or a copy of its error. When the running one was
 * cancelled, the caller resolves on its own. @key must name everything the
 * answer depends on (endpoint, post, client); it is kept in memory only. */
IgPost *ig_shared_resolution_run (const char *key, IgResolveFunc resolve,
    gpointer data, GCancellable *cancellable, GError **error);

G_END_DECLS
