/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramsrc-listener.h"
#include "gstinstagramdecoders.h"
#include "gstinstagramerror.h"
#include "gstinstagramplaylist.h"
#include "gstinstagramtags.h"

GST_DEBUG_CATEGORY_EXTERN (gst_instagram_src_debug);
#define GST_CAT_DEFAULT gst_instagram_src_debug

/* Progress messages, which gst-launch-1.0 prints: what a person waits on. */
static void
post_progress (GstInstagramSrc *self, GstProgressType type, const char *code,
    const char *text)
{
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_progress (GST_OBJECT (self), type, code, text));
}

static void
on_rate_wait (gpointer data, gdouble seconds, IgRateClass cls,
    gboolean instagram_asked)
{
  GstInstagramSrc *self = data;
  const char *name = ig_rate_class_to_string (cls);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) until = g_date_time_add_seconds (now, seconds);
  g_autofree char *clock = g_date_time_format (until, "%H:%M:%S");
  g_autofree char *text = NULL;

  /* ours, or Instagram's: a person should know whom to blame */
  text = instagram_asked
      ? g_strdup_printf ("Instagram asked us to slow down: waiting %.0f s, "
                         "until %s, before the next %s request",
          seconds, clock, name)
      : g_strdup_printf ("Waiting %.0f s, until %s, for the element's rate "
                         "limit (the %s budget shared by every instagramsrc "
                         "of this user)",
          seconds, clock, name);
  GST_INFO_OBJECT (self, "%s", text);
  post_progress (self, GST_PROGRESS_TYPE_CONTINUE, "wait", text);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self),
          gst_structure_new ("instagram-rate-limit", "wait", G_TYPE_DOUBLE,
              seconds, "class", G_TYPE_STRING, name, NULL)));
}

static void
on_progress (gpointer data, IgProgress step, const char *text)
{
  static const GstProgressType types[] = {
    [IG_PROGRESS_START] = GST_PROGRESS_TYPE_START,
    [IG_PROGRESS_STEP] = GST_PROGRESS_TYPE_CONTINUE,
    [IG_PROGRESS_RETRY] = GST_PROGRESS_TYPE_CONTINUE,
    [IG_PROGRESS_RENEW] = GST_PROGRESS_TYPE_CONTINUE,
    [IG_PROGRESS_DONE] = GST_PROGRESS_TYPE_COMPLETE,
    [IG_PROGRESS_FAILED] = GST_PROGRESS_TYPE_ERROR,
  };

  post_progress (data, types[step], "resolve", text);
}

static void
on_log (gpointer data, IgLogLevel level, const char *message)
{
  GstInstagramSrc *self = data;

  if (level == IG_LOG_INFO)
    GST_INFO_OBJECT (self, "%s", message);
  else
    GST_DEBUG_OBJECT (self, "%s", message);
}

/* Called from start() (settings) and the streaming thread, when
 * self->state is set. */
static void
on_warning (gpointer data, const GError *warning)
{
  GstInstagramSrc *self = data;

  GST_INSTAGRAM_POST_WARNING (self, self->state ? self->state->uri : NULL,
      warning);
}

static void
on_session_rejected (gpointer data, const GError *reason)
{
  GstInstagramSrc *self = data;

  GST_ELEMENT_WARNING (self, RESOURCE, NOT_AUTHORIZED,
      ("Instagram no longer accepts the logged-in session from the "
       "cookies-file or session-id property; continuing without it. "
       "Export fresh cookies from a browser logged in to Instagram."),
      ("%s: %s", self->state->uri, reason->message));
}

/* Before the first buffer: the instagram-media message and the tags. */
static void
on_media_chosen (gpointer data, const IgSourceMedia *media)
{
  GstInstagramSrc *self = data;
  GstStructure *structure;
  GstTagList *tags;

  GST_INFO_OBJECT (self, "item %u: %s", media->index, media->choice->note);
  structure = gst_instagram_media_structure (media->post, media->index,
      media->uri, media->choice);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), structure));
  tags = gst_instagram_tags_from_post (media->post, media->index,
      media->permalink);
  gst_instagram_tags_add_codecs (tags, media->choice,
      g_ptr_array_index (media->post->items, media->index));
  /* Demuxers (qtdemux, dashdemux) drop upstream tag events, so the tags
   * also go on the bus, where playbin and gst-discoverer collect them. */
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_tag (GST_OBJECT (self), gst_tag_list_ref (tags)));
  /* basesrc queues the tag event and pushes it after the segment. Its
   * send_event directly: gst_element_send_event () takes the state lock,
   * which set_state (NULL) holds while it waits for this streaming thread
   * to stop (a deadlock in 1 stop of 40 during resolution). */
  GST_ELEMENT_GET_CLASS (self)->send_event (GST_ELEMENT (self),
      gst_event_new_tag (tags));
}

/* Before the list's bytes: the instagram-playlist message. */
static void
on_playlist_chosen (gpointer data, const IgPlaylist *list)
{
  GstInstagramSrc *self = data;

  GST_INFO_OBJECT (self, "%u entries, complete %d%s%s", list->entries->len,
      list->complete, list->reason ? ": " : "",
      list->reason ? list->reason : "");
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self),
          gst_instagram_playlist_structure (list)));
}

const IgSourceListener *
gst_instagram_src_listener (void)
{
  static const IgSourceListener listener = {
    .events = {
      .progress = on_progress,
      .log = on_log,
      .rate_wait = on_rate_wait,
      .warning = on_warning,
      .session_rejected = on_session_rejected,
    },
    .media_chosen = on_media_chosen,
    .playlist_chosen = on_playlist_chosen,
    .can_decode = gst_instagram_can_decode,
  };

  return &listener;
}

