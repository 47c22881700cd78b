/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* gst-libav says nothing of its FFmpeg in the registry (its description
 * is "All libav codecs and formats (system install)", its version
 * GStreamer's), and avdec_aac's caps are the same with or without USAC.
 * So the libav plugin is loaded, as decodebin would load it to decode
 * AAC anyway, and the libavcodec it brought into the process is asked for
 * its version through avcodec_version(), found with dl_iterate_phdr(). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dl_iterate_phdr, RTLD_NOLOAD */
#endif
#include "gstinstagramdecoders.h"

#include <dlfcn.h>
#include <link.h>
#include <string.h>

#include <gst/pbutils/pbutils.h>

#include "ig-codecs.h"

GST_DEBUG_CATEGORY_EXTERN (gst_instagram_src_debug);
#define GST_CAT_DEFAULT gst_instagram_src_debug

/* FFmpeg 7.1's libavcodec, the first that decodes USAC (xHE-AAC). */
#define USAC_LIBAVCODEC ((61u << 16) | (19u << 8) | 100u)

static int
find_libavcodec (struct dl_phdr_info *info, size_t size, void *data)
{
  char **path = data;

  if (info->dlpi_name == NULL
      || strstr (info->dlpi_name, "/libavcodec.so") == NULL)
    return 0;
  *path = g_strdup (info->dlpi_name);
  return 1;
}

/* avcodec_version() of the libavcodec loaded in this process, or 0. */
static guint
loaded_libavcodec_version (void)
{
  g_autofree char *path = NULL;
  unsigned (*version) (void);
  void *handle;
  guint v = 0;

  dl_iterate_phdr (find_libavcodec, &path);
  if (path == NULL || (handle = dlopen (path, RTLD_NOW | RTLD_NOLOAD)) == NULL)
    return 0;
  *(void **) &version = dlsym (handle, "avcodec_version");
  if (version != NULL)
    v = version ();
  dlclose (handle);
  return v;
}

guint
gst_instagram_libavcodec_version (void)
{
  static gsize once = 0;
  GstPlugin *plugin;
  guint v = 0;

  if (g_once_init_enter (&once)) {
    plugin = gst_plugin_load_by_name ("libav");
    if (plugin != NULL) {
      v = loaded_libavcodec_version ();
      gst_object_unref (plugin);
    }
    GST_INFO ("gst-libav runs on libavcodec %u.%u.%u", v >> 16, (v >> 8) & 0xff,
        v & 0xff);
    g_once_init_leave (&once, v + 1); /* 0 means not yet */
  }
  return (guint) once - 1;
}

/* @name is in the registry at a rank decodebin uses. */
static gboolean
has_element (const char *name)
{
  GstElementFactory *f = gst_element_factory_find (name);
  gboolean usable = f != NULL
      && gst_plugin_feature_get_rank (GST_PLUGIN_FEATURE (f))
          >= GST_RANK_MARGINAL;

  g_clear_object (&f);
  return usable;
}

static gboolean
has_usac_decoder (void)
{
  return has_element ("fdkaacdec")
      || (has_element ("avdec_aac")
          && gst_instagram_libavcodec_version () >= USAC_LIBAVCODEC);
}

/* A decoder of marginal rank or above takes @caps. */
static gboolean
has_decoder_for (const GstCaps *caps)
{
  GList *all =
      gst_element_factory_list_get_elements (GST_ELEMENT_FACTORY_TYPE_DECODER,
          GST_RANK_MARGINAL);
  GList *fit = gst_element_factory_list_filter (all, caps, GST_PAD_SINK, FALSE);
  gboolean found = fit != NULL;

  gst_plugin_feature_list_free (fit);
  gst_plugin_feature_list_free (all);
  return found;
}

gboolean
gst_instagram_can_decode (gpointer data, const char *codecs)
{
  g_autoptr (GstCaps) caps = NULL;
  gboolean found;

  if (ig_codec_is_usac (codecs))
    found = has_usac_decoder ();
  else if ((caps = gst_codec_utils_caps_from_mime_codec (codecs)) == NULL)
    found = FALSE;
  else
    found = has_decoder_for (caps);
  GST_DEBUG ("%s: %s", codecs, found ? "a decoder is present" : "no decoder");
  return found;
}
