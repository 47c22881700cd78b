/* Unit tests: URI -> IgMediaRef.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-error.h"
#include "ig-uri.h"

#include <string.h>

#define W "https://www.instagram.com"
#define PRIV28 "VB8tAD8RS6nQ8bwZepwTYKtZjnOM" /* a 28-char private suffix */

typedef struct
{
  const char *uri;
  IgRefKind kind;
  const char *shortcode;
  guint64 pk; /* media_pk, or highlight_id for HIGHLIGHT */
  const char *username;
  gint item_index;
  gboolean private_link;
} GoodRow;

#define DLA "DLAi8xlySmh", G_GUINT64_CONSTANT (3657076607422114209)
#define BQV "BqvsDleB3lV", G_GUINT64_CONSTANT (1922949326347663701)
#define AYE "aye83DjauH", G_GUINT64_CONSTANT (482584233761418119)
#define CHU "Chunk8-jurw", G_GUINT64_CONSTANT (2913440072144448240)
#define STORY_PK G_GUINT64_CONSTANT (3870193736105885141)

static const GoodRow good[] = {
  { W "/p/DLAi8xlySmh/", IG_REF_POST, DLA, NULL, -1, FALSE },
  { W "/p/DLAi8xlySmh", IG_REF_POST, DLA, NULL, -1, FALSE },
  /* %XX of an unreserved character is that character (RFC 3986 6.2.2.2) */
  { W "/p/%44LAi8xlySmh/", IG_REF_POST, DLA, NULL, -1, FALSE },
  { "https://instagram.com/p/BqvsDleB3lV/", IG_REF_POST, BQV, NULL, -1, FALSE },
  { "http://www.instagram.com/p/BqvsDleB3lV/", IG_REF_POST, BQV, NULL, -1,
      FALSE },
  { "https://m.instagram.com/p/Chunk8-jurw/", IG_REF_POST, CHU, NULL, -1,
      FALSE },
  { "https://instagr.am/p/Chunk8-jurw/", IG_REF_POST, CHU, NULL, -1, FALSE },
  { "https://WWW.INSTAGRAM.COM/p/Chunk8-jurw/", IG_REF_POST, CHU, NULL, -1,
      FALSE },
  { "https://Instagr.AM/reel/DLAi8xlySmh", IG_REF_POST, DLA, NULL, -1, FALSE },
  { "HTTPS://www.instagram.com/p/DLAi8xlySmh/", IG_REF_POST, DLA, NULL, -1,
      FALSE },
  { W ":443/p/DLAi8xlySmh/", IG_REF_POST, DLA, NULL, -1, FALSE },
  { W "/reel/DLAi8xlySmh/", IG_REF_POST, DLA, NULL, -1, FALSE },
  { W "/reels/DLAi8xlySmh/", IG_REF_POST, DLA, NULL, -1, FALSE },
  { W "/tv/aye83DjauH/", IG_REF_POST, AYE, NULL, -1, FALSE },
  { W "/tv/aye83DjauH", IG_REF_POST, AYE, NULL, -1, FALSE },
  { W "/dm/p/CW042g7B9CY/", IG_REF_POST, "CW042g7B9CY",
      G_GUINT64_CONSTANT (2717046512017723544), "dm", -1, FALSE },
  { W "/instagram/reel/Chunk8-jurw/", IG_REF_POST, CHU, "instagram", -1,
      FALSE },
  { W "/nat.geo_1/p/BqvsDleB3lV", IG_REF_POST, BQV, "nat.geo_1", -1, FALSE },
  { W "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/p/B/", IG_REF_POST, "B", 1,
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", -1, FALSE },
  { W "/p/DLAi8xlySmh/?igsh=MTdtZmY5N2t6ZW43cg==", IG_REF_POST, DLA, NULL, -1,
      FALSE },
  { W "/p/DLAi8xlySmh/?igshid=NTc4MTIwNjQ2YQ==", IG_REF_POST, DLA, NULL, -1,
      FALSE },
  { W "/p/DLAi8xlySmh/?utm_source=ig_web_copy_link", IG_REF_POST, DLA, NULL, -1,
      FALSE },
  { W "/p/DLAi8xlySmh/?utm_source=ig_embed&utm_campaign=loading", IG_REF_POST,
      DLA, NULL, -1, FALSE },
  { W "/p/DLAi8xlySmh/?img_index=3", IG_REF_POST, DLA, NULL, 2, FALSE },
  { W "/p/DLAi8xlySmh/?img_index=1", IG_REF_POST, DLA, NULL, 0, FALSE },
  { W "/p/DLAi8xlySmh/?utm_source=x&img_index=2#top", IG_REF_POST, DLA, NULL, 1,
      FALSE },
  { W "/reel/DLAi8xlySmh/?img_index=3", IG_REF_POST, DLA, NULL, 2, FALSE },
  { W "/p/DLAi8xlySmh/?foo=bar#abc", IG_REF_POST, DLA, NULL, -1, FALSE },
  { W "/p/DLAi8xlySmh/#fragment", IG_REF_POST, DLA, NULL, -1, FALSE },
  { W "/p/aye83DjauH/embed/", IG_REF_POST, AYE, NULL, -1, FALSE },
  { W "/p/aye83DjauH/embed/captioned/", IG_REF_POST, AYE, NULL, -1, FALSE },
  { W "/p/C5_A1TQNPrYw4c2g9KAUTPUl8RVHqiAdAcOOSY0/", IG_REF_POST, "C5_A1TQNPrY",
      G_GUINT64_CONSTANT (3350400310592207576), NULL, -1, TRUE },
  { W "/p/Cf4IYfWjCiVB8tAD8RS6nQ8bwZepwTYKtZjnOM0", IG_REF_POST, "Cf4IYfWjCiV",
      G_GUINT64_CONSTANT (2880088829007243413), NULL, -1, TRUE },
  { W "/p/aye83DjauH" PRIV28 "/?img_index=2", IG_REF_POST, AYE, NULL, 1, TRUE },
  { W "/p/P__________/", IG_REF_POST, "P__________", G_MAXUINT64, NULL, -1,
      FALSE },
  { W "/stories/natgeo/", IG_REF_STORY_USER, NULL, 0, "natgeo", -1, FALSE },
  { W "/stories/natgeo", IG_REF_STORY_USER, NULL, 0, "natgeo", -1, FALSE },
  { W "/stories/natgeo/3870193736105885141/", IG_REF_STORY_ITEM, NULL, STORY_PK,
      "natgeo", -1, FALSE },
  { W "/stories/user.name_1/3870193736105885141?reel_id=3157676323"
      "&reel_owner_id=3157676323",
      IG_REF_STORY_ITEM, NULL, STORY_PK, "user.name_1", -1, FALSE },
  { W "/stories/highlights/18042509488170095/", IG_REF_HIGHLIGHT, NULL,
      G_GUINT64_CONSTANT (18042509488170095), NULL, -1, FALSE },
  { W "/stories/highlights/18042509488170095/?story_media_id=3870193736105885141",
      IG_REF_HIGHLIGHT, NULL, G_GUINT64_CONSTANT (18042509488170095), NULL, -1,
      FALSE },
  { W "/instagram/", IG_REF_PROFILE, NULL, 0, "instagram", -1, FALSE },
  { W "/nat.geo_1", IG_REF_PROFILE, NULL, 0, "nat.geo_1", -1, FALSE },
  { W "/natgeo/?igsh=abc", IG_REF_PROFILE, NULL, 0, "natgeo", -1, FALSE },
  { W "/natgeo/reels/", IG_REF_REELS_TAB, NULL, 0, "natgeo", -1, FALSE },
  { "https://instagram.com/natgeo/reels", IG_REF_REELS_TAB, NULL, 0, "natgeo",
      -1, FALSE },
  { "instagram://user?username=natgeo", IG_REF_PROFILE, NULL, 0, "natgeo", -1,
      FALSE },
  { "instagram://p/DLAi8xlySmh", IG_REF_POST, DLA, NULL, -1, FALSE },
  { "instagram://p/DLAi8xlySmh/", IG_REF_POST, DLA, NULL, -1, FALSE },
  { "instagram://reel/Chunk8-jurw", IG_REF_POST, CHU, NULL, -1, FALSE },
  { "instagram://media?id=482584233761418119", IG_REF_MEDIA_ID, NULL,
      G_GUINT64_CONSTANT (482584233761418119), NULL, -1, FALSE },
  { "instagram://stories/natgeo", IG_REF_STORY_USER, NULL, 0, "natgeo", -1,
      FALSE },
  { "instagram://stories/natgeo/3870193736105885141", IG_REF_STORY_ITEM, NULL,
      STORY_PK, "natgeo", -1, FALSE },
};

static const char *const bad[] = {
  "https://example.com/p/DLAi8xlySmh/",
  "https://scontent.cdninstagram.com/v/x.mp4",
  "https://instagram.fxxx.fna.fbcdn.net/o1/x.mp4",
  "ftp://instagram.com/p/DLAi8xlySmh/",
  "file:///p/DLAi8xlySmh",
  W "/share/",
  W "/share/tv/BAK7xPz9gl/",
  W "/share/reel/BAK7x$z9gl/",
  W "/share/a/b/c/",
  W "/s/",
  W "/s/a/b",
  W "/explore/",
  W "/explore/tags/cats/",
  /* a malformed img_index is a typo to report, not the first item */
  W "/p/DLAi8xlySmh/?img_index=0",
  W "/p/DLAi8xlySmh/?img_index=-2",
  W "/p/DLAi8xlySmh/?img_index=abc",
  W "/p/DLAi8xlySmh/?img_index=+2",
  W "/p/DLAi8xlySmh/?img_index=",
  W "/p/DLAi8xlySmh/?img_index=99999999999999999999",
  W "/p/DLAi8xlySmh/?img_index=2147483648",
  W "/explore/p/DLAi8xlySmh/",
  W "/instagram/tagged/",
  W "/instagram/reels/x/",
  W "/",
  "https://www.instagram.com",
  W "/p/",
  W "/tv/",
  W "/p/!!!/",
  W "/p/Q__________/",
  W "/p/AAAAAAAAAAAB/",
  W "/p/AAAA/",
  W "/p/DLAi8xlySmhDLAi8xlySmh/",
  W "/p/DLAi8xlySmhX" PRIV28 "/",
  W "/p/DLAi8xlySmh/extra/",
  W "/p/DLAi8xlySmh/embed/foo/",
  W "//p/DLAi8xlySmh/",
  W "/p/DLAi8xlySmh%2F/",
  W "/this.name.is.way.too.long.for.it/p/DLAi8xlySmh/",
  W "/bad-name/p/DLAi8xlySmh/",
  W "/natgeo/tv/DLAi8xlySmh/",
  W "/reels/audio/123456/",
  W "/accounts/login/?next=/p/DLAi8xlySmh/",
  W "/stories/",
  W "/stories/natgeo/abc/",
  W "/stories/natgeo/0/",
  W "/stories/natgeo/99999999999999999999/",
  W "/stories/natgeo/3870193736105885141/x/",
  W "/stories/highlights/",
  W "/stories/highlights/abc/",
  "https://user@www.instagram.com/p/DLAi8xlySmh/",
  W ":8080/p/DLAi8xlySmh/",
  "http://www.instagram.com:443/p/DLAi8xlySmh/",
  "https://www.instagram.com.evil.com/p/DLAi8xlySmh/",
  "https://evilinstagram.com/p/DLAi8xlySmh/",
  "https:/www.instagram.com/p/DLAi8xlySmh/",
  "instagram://bad/x",
  "instagram://p/",
  "instagram://p/DLAi8xlySmh/extra",
  "instagram://media?id=abc",
  "instagram://media?id=",
  "instagram://media?id=-5",
  "instagram://media",
  "instagram://stories/",
  "instagram://user?username=",
  "instagram://user?username=a-b",
  "instagram://user/natgeo",
  "",
  "not a uri",
  "www.instagram.com/p/DLAi8xlySmh/",
  /* control characters */
  W "/p/DLAi8xl\x01Smh/",
  W "/p/DLAi8xlySmh/\t",
  W "/p/DLAi8xlySmh/\r\n",
  W "/p/DLAi8xlySmh\x7f/",
  W "/p/DLAi8xlySmh/\x1b[31m",
  "\x01\x02\x03\x04\x05\x06\x07\x08",
  /* shortcodes: characters outside A-Z a-z 0-9 - _, too long, too big */
  W "/p/DLAi8x lySmh/",
  W "/p/DLAi8xlySm$/",
  W "/p/DLAi8xlySm+/",
  W "/p/DLAi8xly.mh/",
  W "/p/DLAi8xly~mh/",
  W "/p/DLAi8xlySm\xc3\xa9/",
  W "/p/___________/",
  W "/p/-----------/",
  W "/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
  W "/p/DLAi8xlySmhX" PRIV28 "X/",
  W "/P/DLAi8xlySmh/",
  /* percent-encoded garbage (%XX of an unreserved character is that
   * character, RFC 3986 6.2.2.2, so /p/%44LAi8xlySmh/ is a good URI) */
  W "/p/DLAi8x%20lySmh/",
  W "/p/DLAi8xlySmh%00/",
  W "/p/%ff%fe%fd/",
  W "/p/DLAi8xlySm%E9/",
  W "/p/DLAi8xlySm%/",
  "https://www%20instagram.com/p/DLAi8xlySmh/",
  /* paths with too much or too little */
  W "/p/DLAi8xlySmh//",
  W "/p/DLAi8xlySmh/embed/captioned/x/",
  W "/reels/",
  W "/natgeo/p/",
  W "/natgeo/reels/DLAi8xlySmh/",
  W "/natgeo/p/DLAi8xlySmh/extra/more/",
  W "\\p\\DLAi8xlySmh",
  /* stories and highlights with bad ids or names */
  W "/stories/natgeo/18446744073709551616/",
  W "/stories/natgeo/-1/",
  W "/stories/natgeo/+123/",
  W "/stories/highlights/0/",
  W "/stories/highlights/18446744073709551616/",
  W "/stories/highlights/123/extra/",
  W "/stories/a.b-c/",
  W "/stories/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/",
  /* hosts, users and ports */
  "https://user:pass@www.instagram.com/p/DLAi8xlySmh/",
  "https://:@www.instagram.com/p/DLAi8xlySmh/",
  "https://www.instagram.com:99999/p/DLAi8xlySmh/",
  "https://www.instagram.com:-1/p/DLAi8xlySmh/",
  "https://m.instagram.com:8443/reel/Chunk8-jurw/",
  "https://instagr.am:80/p/Chunk8-jurw/",
  "https://www.instagram.com./p/DLAi8xlySmh/",
  "https://127.0.0.1/p/DLAi8xlySmh/",
  "https://[::1]/p/DLAi8xlySmh/",
  "https://xn--nstagram-0ya.com/p/DLAi8xlySmh/",
  "https://\xc4\xb1nstagram.com/p/DLAi8xlySmh/",
  "https:///p/DLAi8xlySmh/",
  /* other schemes, relative and bare forms */
  "javascript:alert(1)//www.instagram.com/p/DLAi8xlySmh/",
  "data:text/html,<a href=https://www.instagram.com/p/DLAi8xlySmh/>",
  "mailto:user@instagram.com",
  "instagrams://p/DLAi8xlySmh",
  "instagram//p/DLAi8xlySmh",
  "//www.instagram.com/p/DLAi8xlySmh/",
  "/p/DLAi8xlySmh/",
  "DLAi8xlySmh",
  "https://",
  "https:",
  "instagram:",
  "instagram://",
  /* instagram:// forms with missing or wrong parts */
  "instagram://p",
  "instagram://reel/",
  "instagram:///p/DLAi8xlySmh",
  "instagram://user@p/DLAi8xlySmh",
  "instagram://p:80/DLAi8xlySmh",
  "instagram://tv/aye83DjauH",
  "instagram://p/DLAi8xlySm$",
  "instagram://stories/natgeo/3870193736105885141/extra",
  "instagram://stories/bad-name",
  "instagram://stories/natgeo/abc",
  "instagram://media/482584233761418119",
  "instagram://media?ID=482584233761418119",
  "instagram://media?id=0",
  "instagram://media?id=18446744073709551616",
  "instagram://media?id=99999999999999999999999",
  "instagram://media?id=1.5e18",
  "instagram://media?id=0x6b2a1b3c",
  "instagram://media?id=%20482584233761418119",
  "instagram://media?id=482584233761418119abc",
};

static void
test_good (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good); i++) {
    const GoodRow *row = &good[i];
    g_autoptr (GError) error = NULL;
    g_autoptr (IgMediaRef) ref = ig_media_ref_parse (row->uri, &error);

    g_test_message ("%s", row->uri);
    g_assert_no_error (error);
    g_assert_nonnull (ref);
    g_assert_cmpint (ref->kind, ==, row->kind);
    g_assert_cmpstr (ref->shortcode, ==, row->shortcode);
    g_assert_cmpuint (row->kind == IG_REF_HIGHLIGHT ? ref->highlight_id
                                                    : ref->media_pk,
        ==, row->pk);
    g_assert_cmpuint (row->kind == IG_REF_HIGHLIGHT ? ref->media_pk
                                                    : ref->highlight_id,
        ==, strstr (row->uri, "story_media_id=") ? STORY_PK : 0);
    g_assert_cmpstr (ref->username, ==, row->username);
    g_assert_cmpint (ref->item_index, ==, row->item_index);
    g_assert_cmpint (ref->private_link, ==, row->private_link);
  }
}

static void
assert_bad (const char *uri, gboolean check_uri_in_message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IgMediaRef) ref = ig_media_ref_parse (uri, &error);

  if (check_uri_in_message)
    g_test_message ("%s", uri);
  g_assert_null (ref);
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_URI);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "Accepted forms"));
  g_assert_nonnull (strstr (error->message, "instagram://media?id="));
  if (check_uri_in_message)
    g_assert_nonnull (strstr (error->message, uri));
}

static void
test_bad (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_assert_true (g_hash_table_add (seen, (gpointer) bad[i]));
    assert_bad (bad[i], TRUE);
  }
  g_assert_cmpuint (G_N_ELEMENTS (bad), >=, 70);
  assert_bad (NULL, FALSE);
  assert_bad (W "/p/\xff\xfe/", FALSE);
  assert_bad ("instagram://p/\xc3", FALSE);
  assert_bad (W "/stories/\xed\xa0\x80/", FALSE);
}

/* Binary junk without NUL: every byte 1..255 at once, and random strings
 * alone and behind a valid prefix. The message stays valid UTF-8. */
static void
test_binary_junk (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260606);
  char all[256];

  for (guint i = 0; i < 255; i++)
    all[i] = (char) (i + 1);
  all[255] = '\0';
  assert_bad (all, FALSE);
  for (guint round = 0; round < 500; round++) {
    char junk[96];
    guint len = g_rand_int_range (rand, 1, sizeof junk);
    g_autofree char *prefixed = NULL;

    for (guint i = 0; i < len; i++)
      junk[i] = (char) g_rand_int_range (rand, 1, 256);
    junk[len] = '\0';
    assert_bad (junk, FALSE);
    prefixed = g_strconcat (W "/p/", junk, NULL);
    assert_bad (prefixed, FALSE);
  }
}

static void
test_too_long (void)
{
  GString *s = g_string_new (W "/p/DLAi8xlySmh/?x=");
  g_autofree char *uri = NULL;

  while (s->len < 5000)
    g_string_append_c (s, 'a');
  uri = g_string_free (s, FALSE);
  assert_bad (uri, FALSE);
}

/* 100 KB: refused before parsing, and the message shows only its start. */
static void
test_100k (void)
{
  GString *s = g_string_new (W "/p/DLAi8xlySmh/?igsh=");
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;

  while (s->len < 100 * 1024)
    g_string_append (s, "0123456789");
  uri = g_string_free (s, FALSE);
  g_assert_null (ig_media_ref_parse (uri, &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_URI);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, W "/p/DLAi8xlySmh/?igsh="));
  g_assert_nonnull (strstr (error->message, "too long"));
  g_assert_cmpuint (strlen (error->message), <, 2048);
}

/* Share links are references too: the source follows their redirect. */
static void
test_share_links (void)
{
  static const struct
  {
    const char *uri, *path;
  } links[] = {
    { W "/share/BAK7xPz9gl", "/share/BAK7xPz9gl" },
    { W "/share/p/BAK7xPz9gl/", "/share/p/BAK7xPz9gl" },
    { W "/share/reel/BAK7xPz9gl/?igsh=abc", "/share/reel/BAK7xPz9gl" },
    { "https://instagram.com/s/aGlnaGxpZ2h0OjE4MDkw?story_media_id=1",
        "/s/aGlnaGxpZ2h0OjE4MDkw" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (links); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (IgMediaRef) ref = ig_media_ref_parse (links[i].uri, &error);
    g_autoptr (IgMediaRef) copy = NULL;
    g_autofree char *permalink = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (ref->kind, ==, IG_REF_SHARE);
    g_assert_cmpstr (ref->share_path, ==, links[i].path);
    copy = ig_media_ref_copy (ref);
    g_assert_cmpstr (copy->share_path, ==, links[i].path);
    permalink = ig_media_ref_to_permalink (ref);
    g_assert_true (g_str_has_suffix (permalink, "/"));
  }
}

static void
test_reasons (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (ig_media_ref_parse (W "/share/tv/BAK7xPz9gl/", &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_URI);
  g_assert_nonnull (strstr (error->message, "not a share link"));
  g_clear_error (&error);
  g_assert_null (ig_media_ref_parse (W "/natgeo/tagged/", &error));
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_URI);
  g_assert_nonnull (strstr (error->message, "profile tab"));
  g_clear_error (&error);
  g_assert_null (
      ig_media_ref_parse ("https://scontent.cdninstagram.com/a.jpg", &error));
  g_assert_nonnull (strstr (error->message, "CDN"));
  /* With no GError to fill the answer is the same. */
  g_assert_null (ig_media_ref_parse (W "/natgeo/tagged/", NULL));
}

static void
assert_permalink (const char *uri, const char *expected)
{
  g_autoptr (IgMediaRef) ref = ig_media_ref_parse (uri, NULL);
  g_autofree char *permalink = NULL;

  g_assert_nonnull (ref);
  permalink = ig_media_ref_to_permalink (ref);
  g_assert_cmpstr (permalink, ==, expected);
}

static void
test_permalink (void)
{
  assert_permalink ("https://m.instagram.com/dm/reel/DLAi8xlySmh/?img_index=2",
      W "/p/DLAi8xlySmh/");
  assert_permalink (W "/p/C5_A1TQNPrYw4c2g9KAUTPUl8RVHqiAdAcOOSY0/",
      W "/p/C5_A1TQNPrY/");
  assert_permalink ("instagram://media?id=482584233761418119",
      W "/p/aye83DjauH/");
  assert_permalink ("instagram://stories/natgeo/3870193736105885141",
      W "/stories/natgeo/3870193736105885141/");
  assert_permalink (W "/stories/natgeo", W "/stories/natgeo/");
  assert_permalink (W "/stories/highlights/18042509488170095",
      W "/stories/highlights/18042509488170095/");
}

static void
test_copy (void)
{
  g_autoptr (IgMediaRef) ref = ig_media_ref_parse (W
      "/natgeo/p/Cf4IYfWjCiVB8tAD8RS6nQ8bwZepwTYKtZjnOM0?img_index=4",
      NULL);
  g_autoptr (IgMediaRef) copy = NULL;

  g_assert_nonnull (ref);
  copy = ig_media_ref_copy (ref);
  g_assert_true (copy != ref);
  g_assert_cmpint (copy->kind, ==, IG_REF_POST);
  g_assert_cmpstr (copy->shortcode, ==, "Cf4IYfWjCiV");
  g_assert_true (copy->shortcode != ref->shortcode);
  g_assert_cmpstr (copy->username, ==, "natgeo");
  g_assert_true (copy->username != ref->username);
  g_assert_cmpuint (copy->media_pk, ==,
      G_GUINT64_CONSTANT (2880088829007243413));
  g_assert_cmpint (copy->item_index, ==, 3);
  g_assert_true (copy->private_link);
  /* The copy must survive the original. */
  g_clear_pointer (&ref, ig_media_ref_free);
  g_assert_cmpstr (copy->shortcode, ==, "Cf4IYfWjCiV");
}

static void
test_accepted_forms (void)
{
  const char *forms = ig_media_ref_accepted_forms ();

  g_assert_nonnull (strstr (forms, "/p/SHORTCODE/"));
  g_assert_nonnull (strstr (forms, "/stories/highlights/"));
  g_assert_nonnull (strstr (forms, "instagram://stories/"));
  g_assert_nonnull (strstr (forms, "instagr.am"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/uri/good", test_good);
  g_test_add_func ("/uri/bad", test_bad);
  g_test_add_func ("/uri/share-links", test_share_links);
  g_test_add_func ("/uri/too-long", test_too_long);
  g_test_add_func ("/uri/100k", test_100k);
  g_test_add_func ("/uri/binary-junk", test_binary_junk);
  g_test_add_func ("/uri/reasons", test_reasons);
  g_test_add_func ("/uri/permalink", test_permalink);
  g_test_add_func ("/uri/copy", test_copy);
  g_test_add_func ("/uri/accepted-forms", test_accepted_forms);
  return g_test_run ();
}
