/* gst-instagram: what IgSource tells while it works becomes bus messages
 * of instagramsrc: progress, rate-limit waits, warnings, tags and the
 * instagram-media message, and its debug log.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "gstinstagramsrc.h"

G_BEGIN_DECLS

/* The listener whose callbacks get the element as their data. */
const IgSourceListener *gst_instagram_src_listener (void);

G_END_DECLS
