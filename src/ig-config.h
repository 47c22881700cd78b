/* gst-instagram: endpoints and the constants Instagram rotates.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the constants come from, first match wins:
 *   1. the environment variables below (set and not empty): a developer's
 *      or a test's explicit choice, for one run;
 *   2. the configuration file (IG_ENV_CONFIG_FILE, default
 *      $XDG_CONFIG_HOME/gst-instagram/instagram.conf), group [api]: the
 *      user's lasting fix, which players that cannot set environment
 *      variables read too;
 *   3. doc_ids a page of Instagram named at run time (expectedPreloaders,
 *      remembered in the resolver cache): what Instagram itself uses now;
 *   4. the built-in defaults below.
 * 1 and 2 "pin" a constant: ids seen at run time do not replace it. */
#define IG_ENV_WWW_BASE "GST_INSTAGRAM_WWW_BASE" /* https://www.instagram.com */
#define IG_ENV_MOBILE_BASE \
  "GST_INSTAGRAM_MOBILE_BASE" /* https://i.instagram.com */
#define IG_ENV_POLARIS_DOC_ID "GST_INSTAGRAM_POLARIS_DOC_ID"
#define IG_ENV_XDT_DOC_ID "GST_INSTAGRAM_XDT_DOC_ID"
#define IG_ENV_QUERY_HASH "GST_INSTAGRAM_QUERY_HASH"
#define IG_ENV_APP_ID "GST_INSTAGRAM_APP_ID"
#define IG_ENV_ASBD_ID "GST_INSTAGRAM_ASBD_ID"
#define IG_ENV_USER_AGENT "GST_INSTAGRAM_USER_AGENT"
#define IG_ENV_POST_ROOT_DOC_ID "GST_INSTAGRAM_POST_ROOT_DOC_ID"
#define IG_ENV_CONFIG_FILE "GST_INSTAGRAM_CONFIG"

#define IG_DEFAULT_WWW_BASE "https://www.instagram.com"
#define IG_DEFAULT_MOBILE_BASE "https://i.instagram.com"
/* PolarisLoggedOutDesktopWWWPostRootContentQuery, 2026-06 onwards */
#define IG_DEFAULT_POLARIS_DOC_ID "27130156389949648"
#define IG_POLARIS_FRIENDLY_NAME \
  "PolarisLoggedOutDesktopWWWPostRootContentQuery"
/* PolarisPostRootQuery ({"shortcode"}), 2026-06 onwards; needs X-CSRFToken */
#define IG_DEFAULT_POST_ROOT_DOC_ID "27128499623469141"
#define IG_POST_ROOT_FRIENDLY_NAME "PolarisPostRootQuery"
/* PolarisPostActionLoadPostQueryQuery, 2024-10 .. 2026-06 (answers null
 * since) */
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

/* The constants a file or a page can set. */
typedef enum
{
  IG_CONST_POLARIS_DOC_ID,
  IG_CONST_POST_ROOT_DOC_ID,
  IG_CONST_XDT_DOC_ID,
  IG_CONST_QUERY_HASH,
  IG_CONST_APP_ID,
  IG_CONST_ASBD_ID,
  IG_CONST_USER_AGENT,
  IG_N_CONSTS
} IgConstant;

typedef struct
{
  char *www_base; /* no trailing slash */
  char *mobile_base;
  char *polaris_doc_id;
  char *post_root_doc_id;
  char *xdt_doc_id;
  char *query_hash;
  char *app_id;
  char *asbd_id;
  char *user_agent; /* for API requests */
  guint pinned; /* 1 << IgConstant: set by the environment or the file */
} IgConfig;

/* The defaults, then the configuration file, then the environment (see
 * above). A base must be an absolute http(s) URL. Everything malformed (a
 * base, a file that is not a key file, a value of the wrong form) keeps
 * the default and adds an IG_ERROR_SETTINGS GError to @warnings (may be
 * NULL) naming the variable, or the file and line. */
IgConfig *ig_config_new_from_env (GPtrArray *warnings);

/* The file key of @constant ("polaris-doc-id"...), for messages. */
const char *ig_config_key (IgConstant constant);

/* Sets @constant to @value (an id a page named) unless it is pinned;
 * TRUE when it changed. */
gboolean ig_config_adopt (IgConfig *config, IgConstant constant,
    const char *value);

/* Reads the [api] group of the configuration file @path into @config
 * (pinning what it sets). A missing file is no error. Pure file I/O, for
 * tests and fuzzing. */
void ig_config_read_file (IgConfig *config, const char *path,
    GPtrArray *warnings);
/* The same for the file's contents. */
void ig_config_read_data (IgConfig *config, const char *path,
    const char *data, gsize len, GPtrArray *warnings);
IgConfig *ig_config_copy (const IgConfig *config);
void ig_config_free (IgConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgConfig, ig_config_free)

/* ---- internal to the configuration module (ig-config.c,
 * ig-config-file.c): what both know of each constant ---- */

typedef enum
{
  IG_VALUE_DIGITS, /* 1..24 digits: doc_ids, app ids */
  IG_VALUE_HEX, /* 16..64 hex digits: query hashes */
  IG_VALUE_TEXT /* 1..512 printable ASCII: a user agent */
} IgValueKind;

typedef struct
{
  const char *key; /* in the file's [api] group */
  const char *env;
  const char *fallback;
  gsize offset; /* of the char * in IgConfig */
  IgValueKind kind;
} IgConstantInfo;

extern const IgConstantInfo ig_constants[IG_N_CONSTS];

char **ig_config_slot (IgConfig *config, IgConstant constant);
void ig_config_set (IgConfig *config, IgConstant constant, const char *value,
    gboolean pin);
/* TRUE when @value has the form @constant takes. */
gboolean ig_config_value_ok (IgConstant constant, const char *value);

G_END_DECLS
