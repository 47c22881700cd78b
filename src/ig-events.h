/* gst-instagram: what the core tells its user while it works (rate waits,
 * warnings, a refused session), without knowing who listens.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-ratelimit.h"

G_BEGIN_DECLS

/* Each callback may be NULL and runs on the thread that does the work (the
 * element's streaming thread), before the work goes on. */
typedef enum
{
  IG_LOG_INFO, /* one line per API request, a strategy's outcome */
  IG_LOG_DEBUG /* the choices made */
} IgLogLevel;

/* The steps a person waits on, for progress messages. */
typedef enum
{
  IG_PROGRESS_START, /* resolving begins */
  IG_PROGRESS_STEP, /* asking Instagram one way (a strategy) */
  IG_PROGRESS_RETRY, /* an answer is asked for again after a failure */
  IG_PROGRESS_RENEW, /* an expired media URL is renewed */
  IG_PROGRESS_DONE, /* resolved: what is streamed */
  IG_PROGRESS_FAILED
} IgProgress;

typedef struct
{
  /* What the user is waiting for, in a person's words. */
  void (*progress) (gpointer data, IgProgress step, const char *text);
  /* A line for the debug log (never a secret). */
  void (*log) (gpointer data, IgLogLevel level, const char *message);
  /* The next API request waits @seconds for the budget of class @cls;
   * @instagram_asked: Instagram throttled us (429 or 401 "Please wait"),
   * else it is our own rate limit. */
  void (*rate_wait) (gpointer data, gdouble seconds, IgRateClass cls,
      gboolean instagram_asked);
  /* Something went wrong that does not stop the work: an unusable rate
   * limit state file, a malformed environment variable. */
  void (*warning) (gpointer data, const GError *warning);
  /* Instagram no longer accepts the logged-in session given by the user;
   * the work goes on without it where it can. */
  void (*session_rejected) (gpointer data, const GError *reason);
} IgEvents;

/* A listener: the callbacks and the data they get. */
typedef struct
{
  const IgEvents *events; /* may be NULL: nobody listens */
  gpointer data;
} IgEventSink;

void ig_events_rate_wait (const IgEventSink *sink, gdouble seconds,
    IgRateClass cls, gboolean instagram_asked);
/* Reports @warning (if not NULL) and clears it. */
void ig_events_warn (const IgEventSink *sink, GError **warning);
void ig_events_session_rejected (const IgEventSink *sink, const GError *reason);
void ig_events_progress (const IgEventSink *sink, IgProgress step,
    const char *format, ...) G_GNUC_PRINTF (3, 4);
void ig_events_log (const IgEventSink *sink, IgLogLevel level,
    const char *format, ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
