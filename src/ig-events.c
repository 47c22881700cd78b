/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-events.h"

void
ig_events_rate_wait (const IgEventSink *sink, gdouble seconds, IgRateClass cls,
    gboolean instagram_asked)
{
  if (sink->events != NULL && sink->events->rate_wait != NULL)
    sink->events->rate_wait (sink->data, seconds, cls, instagram_asked);
}

void
ig_events_warn (const IgEventSink *sink, GError **warning)
{
  if (*warning == NULL)
    return;
  if (sink->events != NULL && sink->events->warning != NULL)
    sink->events->warning (sink->data, *warning);
  g_clear_error (warning);
}

void
ig_events_session_rejected (const IgEventSink *sink, const GError *reason)
{
  if (sink->events != NULL && sink->events->session_rejected != NULL)
    sink->events->session_rejected (sink->data, reason);
}

void
ig_events_log (const IgEventSink *sink, IgLogLevel level, const char *format,
    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (sink->events == NULL || sink->events->log == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  sink->events->log (sink->data, level, message);
}

void
ig_events_progress (const IgEventSink *sink, IgProgress step,
    const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (sink->events == NULL || sink->events->progress == NULL)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  sink->events->progress (sink->data, step, text);
}
