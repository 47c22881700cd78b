/* gst-instagram: shortcode <-> media pk.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shortcodes are media pks written as base-64 numbers in the URL-safe
 * alphabet "A-Za-z0-9-_" (A = 0, most significant digit first). */

/* Longest shortcode that still fits 64 bits (11 digits of 6 bits). */
#define IG_SHORTCODE_MAX_LEN 11
/* Private links append this many characters to the shortcode. */
#define IG_PRIVATE_LINK_EXTRA 28

/* Sets @pk and returns TRUE when @shortcode is 1..11 alphabet characters whose
 * value fits in 64 bits and is not zero; else IG_ERROR_BAD_URI. */
gboolean ig_shortcode_to_pk (const char *shortcode, guint64 *pk,
    GError **error);

/* The shortcode of @pk, without leading 'A's. @pk must not be 0. */
char *ig_pk_to_shortcode (guint64 pk);

/* TRUE if every character of @s is in the shortcode alphabet and @s is
 * not empty. */
gboolean ig_shortcode_is_valid_chars (const char *s);

G_END_DECLS
