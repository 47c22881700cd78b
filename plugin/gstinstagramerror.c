/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramerror.h"
#include "ig-error.h"

#include <gio/gio.h>
#include <string.h>

typedef struct
{
  gint code; /* a GstResourceError, or of @domain */
  const char *text; /* what happened; NULL: the library's words */
  GQuark domain; /* 0: GST_RESOURCE_ERROR */
} ErrorMapping;

static ErrorMapping
map_ig_error (gint code)
{
  switch (code) {
    case IG_ERROR_NOT_FOUND: /* the library says what is missing */
      return (ErrorMapping){ GST_RESOURCE_ERROR_NOT_FOUND, NULL };
    case IG_ERROR_LOGIN_REQUIRED:
      return (ErrorMapping){ GST_RESOURCE_ERROR_NOT_AUTHORIZED,
        "Instagram shows this to logged-in users only. Log in to "
        "Instagram in a browser, then pass the session to instagramsrc: "
        "session-id=<the value of its sessionid cookie>, or "
        "cookies-file=<a cookies.txt export of instagram.com>" };
    case IG_ERROR_CHECKPOINT: /* Instagram's own message, from the library */
      return (ErrorMapping){ GST_RESOURCE_ERROR_NOT_AUTHORIZED, NULL };
    case IG_ERROR_RATE_LIMITED: /* the library says until when */
      return (ErrorMapping){ GST_RESOURCE_ERROR_BUSY, NULL };
    case IG_ERROR_NETWORK:
      return (ErrorMapping){ GST_RESOURCE_ERROR_OPEN_READ,
        "Could not reach Instagram" };
    case IG_ERROR_MEDIA_REFUSED:
      return (ErrorMapping){ GST_RESOURCE_ERROR_OPEN_READ,
        "Instagram's media server refused the file" };
    case IG_ERROR_SEEK:
      return (ErrorMapping){ GST_RESOURCE_ERROR_SEEK,
        "Instagram's media server cannot seek in the file" };
    case IG_ERROR_OUT_OF_RANGE:
      return (ErrorMapping){ GST_RESOURCE_ERROR_SETTINGS, NULL };
    case IG_ERROR_COOKIES:
      return (ErrorMapping){ GST_RESOURCE_ERROR_SETTINGS, NULL };
    case IG_ERROR_BAD_URI:
      return (
          ErrorMapping){ GST_RESOURCE_ERROR_NOT_FOUND, "Not an Instagram URI" };
    case IG_ERROR_SESSION_REFUSED: /* the library says which session */
      return (ErrorMapping){ GST_RESOURCE_ERROR_NOT_AUTHORIZED, NULL };
    case IG_ERROR_SETTINGS: /* the library names the setting */
      return (ErrorMapping){ GST_RESOURCE_ERROR_SETTINGS, NULL };
    case IG_ERROR_NO_MEDIA: /* the library says what is missing */
      return (ErrorMapping){ GST_RESOURCE_ERROR_READ, NULL };
    case IG_ERROR_ENDPOINT_FAILING: /* the library names the endpoint */
      return (ErrorMapping){ GST_RESOURCE_ERROR_READ, NULL };
    case IG_ERROR_NO_DECODER: /* the library names codec and decoder */
      return (ErrorMapping){ GST_STREAM_ERROR_CODEC_NOT_FOUND, NULL,
        GST_STREAM_ERROR };
    default: /* BAD_RESPONSE */
      return (ErrorMapping){ GST_RESOURCE_ERROR_READ,
        "Could not understand Instagram's answer" };
  }
}

static ErrorMapping
map_error (const GError *error)
{
  if (error->domain == IG_ERROR)
    return map_ig_error (error->code);
  if (error->domain == G_IO_ERROR) /* local files: the rate-limit state */
    return (ErrorMapping){ GST_RESOURCE_ERROR_OPEN_READ_WRITE, NULL };
  return (ErrorMapping){ GST_RESOURCE_ERROR_READ, "Could not read" };
}

/* The part of a library message meant for people (ig-error.h). */
static char *
first_line (const char *message)
{
  const char *nl = strchr (message, '\n');

  return nl != NULL ? g_strndup (message, nl - message) : g_strdup (message);
}

void
gst_instagram_post_error (GstElement *element, const char *uri,
    const GError *error, const char *file, const char *function, gint line)
{
  ErrorMapping mapping = map_error (error);
  g_autofree char *headline = first_line (error->message);
  char *text, *debug;
  GstStructure *details;

  /* The text names the URI; the debug string carries the library's own
   * account of which step failed and how. */
  text = g_strdup_printf ("%s: %s", mapping.text ? mapping.text : headline,
      uri ? uri : "(no URI)");
  debug = g_strdup_printf ("%s: %s", uri, error->message);
  details = gst_structure_new ("details", "uri", G_TYPE_STRING, uri,
      "instagram-error", G_TYPE_INT,
      error->domain == IG_ERROR ? error->code : -1, NULL);
  gst_element_message_full_with_details (element, GST_MESSAGE_ERROR,
      mapping.domain != 0 ? mapping.domain : GST_RESOURCE_ERROR, mapping.code,
      text, debug, file, function, line, details);
}

void
gst_instagram_post_warning (GstElement *element, const char *uri,
    const GError *warning, const char *file, const char *function, gint line)
{
  ErrorMapping mapping = map_error (warning);
  char *text = g_strdup (mapping.text ? mapping.text : warning->message);
  char *debug =
      g_strdup_printf ("%s: %s", uri ? uri : "(no URI)", warning->message);

  gst_element_message_full (element, GST_MESSAGE_WARNING,
      mapping.domain != 0 ? mapping.domain : GST_RESOURCE_ERROR, mapping.code,
      text, debug, file, function, line);
}
