/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-shortcode.h"

#include "ig-error.h"

#include <string.h>

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The digit value of @c, or -1 when @c is not in the alphabet. */
static int
digit_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '-')
    return 62;
  if (c == '_')
    return 63;
  return -1;
}

/**
 * ig_shortcode_is_valid_chars:
 * Checks the alphabet only; the length and value are not checked.
 */
gboolean
ig_shortcode_is_valid_chars (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++) {
    if (digit_value (*s) < 0)
      return FALSE;
  }
  return TRUE;
}

/**
 * ig_shortcode_to_pk:
 * Decodes a shortcode, rejecting values that do not fit 64 bits.
 */
gboolean
ig_shortcode_to_pk (const char *shortcode, guint64 *pk, GError **error)
{
  guint64 value = 0;
  const char *p;

  if (!ig_shortcode_is_valid_chars (shortcode)
      || strlen (shortcode) > IG_SHORTCODE_MAX_LEN) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_URI,
        "Invalid shortcode \"%s\": expected 1 to %d characters of "
        "A-Z a-z 0-9 - _",
        shortcode ? shortcode : "", IG_SHORTCODE_MAX_LEN);
    return FALSE;
  }
  for (p = shortcode; *p != '\0'; p++) {
    /* 11 digits hold 66 bits: the top 2 must stay clear. */
    if (value > (G_MAXUINT64 >> 6)) {
      g_set_error (error, IG_ERROR, IG_ERROR_BAD_URI,
          "Invalid shortcode \"%s\": its value does not fit in 64 bits",
          shortcode);
      return FALSE;
    }
    value = (value << 6) | (guint64) digit_value (*p);
  }
  if (value == 0) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_URI,
        "Invalid shortcode \"%s\": it encodes the media id 0", shortcode);
    return FALSE;
  }
  *pk = value;
  return TRUE;
}

/**
 * ig_pk_to_shortcode:
 * Encodes @pk most significant digit first, without leading 'A's.
 */
char *
ig_pk_to_shortcode (guint64 pk)
{
  char buf[IG_SHORTCODE_MAX_LEN + 1];
  int pos = IG_SHORTCODE_MAX_LEN;

  g_return_val_if_fail (pk != 0, NULL);
  buf[pos] = '\0';
  while (pk != 0) {
    buf[--pos] = alphabet[pk & 63];
    pk >>= 6;
  }
  return g_strdup (buf + pos);
}
