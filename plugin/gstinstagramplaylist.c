/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramplaylist.h"

static const char *
media_type_name (IgMediaType type)
{
  switch (type) {
    case IG_MEDIA_IMAGE:
      return "image";
    case IG_MEDIA_VIDEO:
      return "video";
    case IG_MEDIA_CAROUSEL:
      return "carousel";
    default:
      return "unknown";
  }
}

static GstStructure *
entry_structure (const IgPlaylistEntry *entry)
{
  GstStructure *s = gst_structure_new ("instagram-playlist-entry", "uri",
      G_TYPE_STRING, entry->uri, "media-type", G_TYPE_STRING,
      media_type_name (entry->type), "taken-at", G_TYPE_INT64, entry->taken_at,
      "caption", G_TYPE_STRING, entry->caption ? entry->caption : "", NULL);

  if (entry->shortcode != NULL) {
    gst_structure_set (s, "shortcode", G_TYPE_STRING, entry->shortcode, NULL);
  } else {
    g_autofree char *pk = g_strdup_printf ("%" G_GUINT64_FORMAT, entry->pk);

    gst_structure_set (s, "pk", G_TYPE_STRING, pk, NULL);
  }
  return s;
}

GstStructure *
gst_instagram_playlist_structure (const IgPlaylist *list)
{
  GstStructure *s = gst_structure_new ("instagram-playlist", "uri",
      G_TYPE_STRING, list->uri, "owner", G_TYPE_STRING,
      list->owner ? list->owner : "", "complete", G_TYPE_BOOLEAN,
      list->complete, "count", G_TYPE_UINT, list->entries->len, NULL);
  GValue entries = G_VALUE_INIT;
  guint i;

  gst_value_array_init (&entries, list->entries->len);
  for (i = 0; i < list->entries->len; i++) {
    GValue v = G_VALUE_INIT;

    g_value_init (&v, GST_TYPE_STRUCTURE);
    g_value_take_boxed (&v, entry_structure (g_ptr_array_index (list->entries,
        i)));
    gst_value_array_append_and_take_value (&entries, &v);
  }
  gst_structure_take_value (s, "entries", &entries);
  return s;
}
