/* Unit tests: shortcode <-> pk.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-error.h"
#include "ig-shortcode.h"

typedef struct
{
  const char *code;
  guint64 pk;
} Pair;

/* instagram-api.md 1.3, worked examples. */
static const Pair pairs[] = {
  { "DLAi8xlySmh", G_GUINT64_CONSTANT (3657076607422114209) },
  { "BqvsDleB3lV", G_GUINT64_CONSTANT (1922949326347663701) },
  { "aye83DjauH", G_GUINT64_CONSTANT (482584233761418119) },
  { "Chunk8-jurw", G_GUINT64_CONSTANT (2913440072144448240) },
  { "DMOcbJSRaBu", G_GUINT64_CONSTANT (3679002956306686062) },
  { "B", 1 },
  { "_", 63 },
  { "BA", 64 },
};

static void
test_decode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++) {
    g_autoptr (GError) error = NULL;
    guint64 pk = 0;

    g_assert_true (ig_shortcode_to_pk (pairs[i].code, &pk, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pk, ==, pairs[i].pk);
  }
}

static void
test_encode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++) {
    g_autofree char *code = ig_pk_to_shortcode (pairs[i].pk);

    g_assert_cmpstr (code, ==, pairs[i].code);
  }
}

static void
test_leading_zero_digits (void)
{
  guint64 pk = 0;

  /* 'A' is 0: leading A's do not change the value. */
  g_assert_true (ig_shortcode_to_pk ("AAAaye83DjauH" + 2, &pk, NULL));
  g_assert_cmpuint (pk, ==, G_GUINT64_CONSTANT (482584233761418119));
}

static void
test_max_round_trip (void)
{
  g_autofree char *code = ig_pk_to_shortcode (G_MAXUINT64);
  guint64 pk = 0;

  /* 64 bits = 2 bits + 10 digits of 6 bits: "P" then ten "_". */
  g_assert_cmpstr (code, ==, "P__________");
  g_assert_true (ig_shortcode_to_pk (code, &pk, NULL));
  g_assert_cmpuint (pk, ==, G_MAXUINT64);
}

static void
assert_rejected (const char *code)
{
  g_autoptr (GError) error = NULL;
  guint64 pk = 42;

  g_assert_false (ig_shortcode_to_pk (code, &pk, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_URI);
  g_assert_cmpuint (pk, ==, 42);
}

static void
test_overflow (void)
{
  assert_rejected ("Q__________"); /* 2^64 */
  assert_rejected ("BAAAAAAAAAAA"); /* 12 chars, = 2^66 */
  assert_rejected ("AAAAAAAAAAAB"); /* 12 chars even if small */
  assert_rejected ("__________________");
}

static void
test_bad_chars (void)
{
  assert_rejected ("abc!def");
  assert_rejected ("abc def");
  assert_rejected ("abc+def");
  assert_rejected ("abc/def");
  assert_rejected ("ab\xc3\xa9");
  g_assert_false (ig_shortcode_is_valid_chars ("a=b"));
  g_assert_true (ig_shortcode_is_valid_chars ("aZ09-_"));
}

static void
test_empty_and_zero (void)
{
  assert_rejected ("");
  assert_rejected (NULL);
  assert_rejected ("A");
  assert_rejected ("AAAAAAAAAAA");
  g_assert_false (ig_shortcode_is_valid_chars (""));
  g_assert_false (ig_shortcode_is_valid_chars (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shortcode/decode", test_decode);
  g_test_add_func ("/shortcode/encode", test_encode);
  g_test_add_func ("/shortcode/leading-zero-digits", test_leading_zero_digits);
  g_test_add_func ("/shortcode/max-round-trip", test_max_round_trip);
  g_test_add_func ("/shortcode/overflow", test_overflow);
  g_test_add_func ("/shortcode/bad-chars", test_bad_chars);
  g_test_add_func ("/shortcode/empty-and-zero", test_empty_and_zero);
  return g_test_run ();
}
