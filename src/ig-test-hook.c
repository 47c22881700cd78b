/* Built into test programs only (igcore_test_dep); see ig-test-hook.h.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-test-hook.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  char *text; /* the variable it was read from; NULL: none */
  char *point; /* "*": any */
  int err; /* 0: kill */
  guint nth;
  guint reached; /* times the point was reached */
} Rule;

static const struct
{
  const char *name;
  int err;
} actions[] = {
  { "kill", 0 },
  { "ENOSPC", ENOSPC },
  { "EROFS", EROFS },
  { "EACCES", EACCES },
  { "EIO", EIO },
};

/* @rule from @text; a malformed one stops the test program. */
static void
rule_parse (Rule *rule, const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ":", 3);
  guint i;

  g_free (rule->text);
  g_free (rule->point);
  *rule = (Rule){ g_strdup (text), NULL, 0, 1, 0 };
  if (text == NULL || *text == '\0')
    return;
  for (i = 0; parts[1] != NULL && i < G_N_ELEMENTS (actions); i++) {
    if (strcmp (parts[1], actions[i].name) == 0)
      break;
  }
  if (parts[1] != NULL && parts[2] != NULL)
    rule->nth = (guint) atoi (parts[2]);
  if (parts[1] == NULL || i == G_N_ELEMENTS (actions) || rule->nth == 0)
    g_error ("%s=%s: expected POINT:kill|ENOSPC|EROFS|EACCES|EIO[:N]",
        IG_TEST_HOOK_ENV, text);
  rule->point = g_strdup (parts[0]);
  rule->err = actions[i].err;
}

int
ig_test_hook (const char *point)
{
  static GMutex lock;
  static Rule rule;
  const char *text = g_getenv (IG_TEST_HOOK_ENV);
  int err = 0;

  g_mutex_lock (&lock);
  if (g_strcmp0 (text, rule.text) != 0) /* a test changed it: count anew */
    rule_parse (&rule, text);
  if (rule.point != NULL
      && (strcmp (rule.point, "*") == 0 || strcmp (rule.point, point) == 0)
      && ++rule.reached >= rule.nth) {
    if (rule.err == 0 && rule.reached == rule.nth)
      kill (getpid (), SIGKILL);
    err = rule.err;
  }
  g_mutex_unlock (&lock);
  return err;
}

gint64
ig_test_lock_wait_us (gint64 normal_us)
{
  const char *ms = g_getenv (IG_TEST_LOCK_WAIT_ENV);

  return ms != NULL ? g_ascii_strtoll (ms, NULL, 10) * 1000 : normal_us;
}
