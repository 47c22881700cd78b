/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramerror.h"
#include "ig-error.h"

typedef struct
{
  GstResourceError code;
  const char *text;             /* printf format with the URI */
} ErrorMapping;

static ErrorMapping
map_ig_error (gint code)
{
  switch (code) {
    case IG_ERROR_NOT_FOUND:
      return (ErrorMapping) { GST_RESOURCE_ERROR_NOT_FOUND,
          "The Instagram post %s does not exist or was deleted." };
    case IG_ERROR_LOGIN_REQUIRED:
      return (ErrorMapping) { GST_RESOURCE_ERROR_NOT_AUTHORIZED,
          "Instagram shows %s to logged-in users only. Log in to Instagram "
          "in a browser and export its instagram.com cookies to a "
          "cookies.txt file; logged-in access is not supported by this "
          "version of instagramsrc yet." };
    case IG_ERROR_CHECKPOINT:
      return (ErrorMapping) { GST_RESOURCE_ERROR_NOT_AUTHORIZED,
          "Instagram asks the account to pass a checkpoint before it serves "
          "%s. Open Instagram in a browser and follow its instructions." };
    case IG_ERROR_RATE_LIMITED:
      return (ErrorMapping) { GST_RESOURCE_ERROR_BUSY,
          "Instagram is limiting requests and refused %s. Wait a few "
          "minutes before trying again." };
    case IG_ERROR_NETWORK:
      return (ErrorMapping) { GST_RESOURCE_ERROR_OPEN_READ,
          "Could not reach Instagram for %s." };
    case IG_ERROR_MEDIA_REFUSED:
      return (ErrorMapping) { GST_RESOURCE_ERROR_OPEN_READ,
          "Instagram's media server refused the file of %s." };
    case IG_ERROR_SEEK:
      return (ErrorMapping) { GST_RESOURCE_ERROR_SEEK,
          "Instagram's media server cannot seek in the file of %s." };
    case IG_ERROR_OUT_OF_RANGE:
      return (ErrorMapping) { GST_RESOURCE_ERROR_SETTINGS,
          "The media-index property does not fit %s." };
    case IG_ERROR_BAD_URI:
      return (ErrorMapping) { GST_RESOURCE_ERROR_NOT_FOUND,
          "Not an Instagram URI: %s." };
    default:                   /* BAD_RESPONSE, NO_MEDIA, UNSUPPORTED */
      return (ErrorMapping) { GST_RESOURCE_ERROR_READ,
          "Could not understand Instagram's answer for %s." };
  }
}

static ErrorMapping
map_error (const GError *error)
{
  if (error->domain == IG_ERROR)
    return map_ig_error (error->code);
  return (ErrorMapping) { GST_RESOURCE_ERROR_READ, "Could not read %s." };
}

void
gst_instagram_post_error (GstElement *element, const char *uri,
    const GError *error, const char *file, const char *function, gint line)
{
  ErrorMapping mapping = map_error (error);
  char *text, *debug;
  GstStructure *details;

  text = g_strdup_printf (mapping.text, uri ? uri : "(no URI)");
  /* The library's message says which step failed and how. */
  if (mapping.code == GST_RESOURCE_ERROR_SETTINGS) {
    debug = g_strdup_printf ("%s: %s", uri, error->message);
    g_free (text);
    text = g_strdup (error->message);
  } else {
    debug = g_strdup_printf ("%s: %s", uri, error->message);
  }
  details = gst_structure_new ("details",
      "uri", G_TYPE_STRING, uri,
      "instagram-error", G_TYPE_INT, error->domain == IG_ERROR
          ? error->code : -1, NULL);
  gst_element_message_full_with_details (element, GST_MESSAGE_ERROR,
      GST_RESOURCE_ERROR, mapping.code, text, debug, file, function, line,
      details);
}
