/* gst-instagram: a bound on every wait for one connection's bytes.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A request is watched in periods: a period ends when @floor_bytes have
 * arrived in it, and the request counts as stalled when a period lasts
 * @timeout_s seconds. Only time spent waiting counts: the clock stops
 * between ig_watchdog_start() and ig_watchdog_stop(). A stalled request's
 * cancellable is cancelled, so the blocking call waiting for it returns. */
typedef struct _IgWatchdog IgWatchdog;

/* @timeout_s 0: never stalls (the caller's cancellable still works). No
 * thread until a request is first watched. */
IgWatchdog *ig_watchdog_new (guint timeout_s, gsize floor_bytes);
void ig_watchdog_free (IgWatchdog *dog);

/* The cancellable for a new request (owned by @dog, valid until the next
 * call of this function); a fresh period begins. */
GCancellable *ig_watchdog_new_request (IgWatchdog *dog);

/* Watches the request until ig_watchdog_stop(); meanwhile the caller's
 * @cancellable (may be NULL) cancels the request's too. */
void ig_watchdog_start (IgWatchdog *dog, GCancellable *cancellable);
void ig_watchdog_stop (IgWatchdog *dog);

/* Counts @bytes received; TRUE when they completed a period, i.e. the
 * request makes progress. */
gboolean ig_watchdog_count (IgWatchdog *dog, gsize bytes);

/* When the request stalled (its cancellable was cancelled for it): sets
 * @error, IG_ERROR_NETWORK saying what arrived in how long, and returns
 * TRUE. */
gboolean ig_watchdog_stalled (IgWatchdog *dog, GError **error);

G_END_DECLS
