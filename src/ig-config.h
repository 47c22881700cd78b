/* gst-instagram: endpoints and the constants Instagram rotates.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Environment variables read by ig_config_new_from_env(). Each overrides one
 * default without recompiling; tests point the bases at a loopback server. */
#define IG_ENV_WWW_BASE "GST_INSTAGRAM_WWW_BASE" /* https://www.instagram.com */
#define IG_ENV_MOBILE_BASE \
  "GST_INSTAGRAM_MOBILE_BASE" /* https://i.instagram.com */
#define IG_ENV_POLARIS_DOC_ID "GST_INSTAGRAM_POLARIS_DOC_ID"
#define IG_ENV_XDT_DOC_ID "GST_INSTAGRAM_XDT_DOC_ID"
#define IG_ENV_QUERY_HASH "GST_INSTAGRAM_QUERY_HASH"
#define IG_ENV_APP_ID "GST_INSTAGRAM_APP_ID"
#define IG_ENV_ASBD_ID "GST_INSTAGRAM_ASBD_ID"
#define IG_ENV_USER_AGENT "GST_INSTAGRAM_USER_AGENT"

#define IG_DEFAULT_WWW_BASE "https://www.instagram.com"
#define IG_DEFAULT_MOBILE_BASE "https://i.instagram.com"
/* PolarisLoggedOutDesktopWWWPostRootContentQuery, 2026-06 onwards */
#define IG_DEFAULT_POLARIS_DOC_ID "27130156389949648"
#define IG_POLARIS_FRIENDLY_NAME \
  "PolarisLoggedOutDesktopWWWPostRootContentQuery"
/* PolarisPostActionLoadPostQueryQuery, 2024-10 .. 2026-06 */
#define IG_DEFAULT_XDT_DOC_ID "8845758582119845"
#define IG_XDT_FRIENDLY_NAME "PolarisPostActionLoadPostQueryQuery"
/* shortcode_media, 2022-08 .. 2024-10 */
#define IG_DEFAULT_QUERY_HASH "9f8827793ef34641b2fb195d4d41151c"
#define IG_DEFAULT_APP_ID "936619743392459"
/* The iOS app, for the logged-in API on i.instagram.com (api-client=ios) */
#define IG_IOS_APP_ID "124024574287414"
#define IG_IOS_USER_AGENT \
  "Instagram 361.0.0.35.82 (iPad13,8; iOS 18_0; en_US; en-US; scale=2.00; " \
  "2048x2732; 674117118) AppleWebKit/420+"
#define IG_DEFAULT_ASBD_ID "359341"
#define IG_DEFAULT_USER_AGENT \
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 " \
  "(KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36"

typedef struct
{
  char *www_base; /* no trailing slash */
  char *mobile_base;
  char *polaris_doc_id;
  char *xdt_doc_id;
  char *query_hash;
  char *app_id;
  char *asbd_id;
  char *user_agent; /* for API requests */
} IgConfig;

/* Defaults overridden by the IG_ENV_* variables that are set and not empty.
 * A base must be an absolute http(s) URL, else the default is kept and an
 * IG_ERROR_SETTINGS GError is added to @warnings (may be NULL). */
IgConfig *ig_config_new_from_env (GPtrArray *warnings);
IgConfig *ig_config_copy (const IgConfig *config);
void ig_config_free (IgConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgConfig, ig_config_free)

G_END_DECLS
