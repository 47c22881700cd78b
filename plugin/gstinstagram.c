/* gst-instagram: the plugin.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstinstagramsrc.h"
#include "gstinstagramtags.h"

static gboolean
plugin_init (GstPlugin *plugin)
{
  gst_instagram_tags_register ();
  return GST_ELEMENT_REGISTER (instagramsrc, plugin);
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, instagram,
    "Streams Instagram posts, reels and stories", plugin_init, VERSION,
    GST_LICENSE, GST_PACKAGE_NAME, GST_PACKAGE_ORIGIN)
