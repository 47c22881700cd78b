/* gst-instagram tests: the fake's checkpoint injection (instagram-api.md
 * §6.1): HTTP 400 with Instagram's checkpoint, challenge and feedback
 * bodies.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

#include <string.h>

static gboolean
kind_known (const char *kind)
{
  return g_strcmp0 (kind, "checkpoint_required") == 0
      || g_strcmp0 (kind, "challenge_required") == 0
      || g_strcmp0 (kind, "feedback_required") == 0;
}

void
fake_instagram_set_checkpoint (FakeInstagram *fi, const char *path_prefix,
    const char *kind, guint count)
{
  g_return_if_fail (count == 0 || (path_prefix != NULL && kind_known (kind)));

  g_mutex_lock (&fi->lock);
  g_clear_pointer (&fi->checkpoint_prefix, g_free);
  g_clear_pointer (&fi->checkpoint_kind, g_free);
  fi->checkpoint_count = count;
  if (count > 0) {
    fi->checkpoint_prefix = g_strdup (path_prefix);
    fi->checkpoint_kind = g_strdup (kind);
  }
  g_mutex_unlock (&fi->lock);
}

char *
fake_checkpoint_take (FakeInstagram *fi, const char *path)
{
  char *kind = NULL;

  g_mutex_lock (&fi->lock);
  if (fi->checkpoint_count > 0
      && g_str_has_prefix (path, fi->checkpoint_prefix)) {
    fi->checkpoint_count--;
    kind = g_strdup (fi->checkpoint_kind);
  }
  g_mutex_unlock (&fi->lock);
  return kind;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_boolean (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_challenge (JsonBuilder *b)
{
  json_builder_set_member_name (b, "challenge");
  json_builder_begin_object (b);
  add_string (b, "url", "https://i.instagram.com/challenge/");
  add_string (b, "api_path", "/challenge/");
  add_boolean (b, "lock", TRUE);
  add_boolean (b, "logout", FALSE);
  add_boolean (b, "native_flow", TRUE);
  json_builder_end_object (b);
}

void
fake_respond_checkpoint (SoupServerMessage *msg, const char *kind)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "message", kind);
  if (g_str_equal (kind, "checkpoint_required")) {
    add_string (b, "checkpoint_url", "/challenge/AbCdEf/");
    add_boolean (b, "lock", FALSE);
    add_string (b, "status", "fail");
  } else if (g_str_equal (kind, "challenge_required")) {
    add_challenge (b);
    add_string (b, "status", "fail");
    add_string (b, "error_type", "checkpoint_challenge_required");
  } else {
    add_string (b, "feedback_message",
        "This action was blocked. Please try again later.");
    add_string (b, "status", "fail");
  }
  json_builder_end_object (b);
  fake_respond_json_take (msg, SOUP_STATUS_BAD_REQUEST,
      json_builder_get_root (b));
}
