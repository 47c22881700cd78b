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
  char *point; /* "*": any */
  int err; /* 0: kill */
  guint nth;
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

/* The rule of IG_TEST_HOOK; a malformed one stops the test program. */
static Rule *
rule_from_env (void)
{
  const char *text = g_getenv (IG_TEST_HOOK_ENV);
  g_auto (GStrv) parts = NULL;
  Rule *rule;
  guint i;

  if (text == NULL || *text == '\0')
    return NULL;
  parts = g_strsplit (text, ":", 3);
  rule = g_new0 (Rule, 1);
  rule->nth = parts[1] != NULL && parts[2] != NULL ? atoi (parts[2]) : 1;
  for (i = 0; parts[1] != NULL && i < G_N_ELEMENTS (actions); i++) {
    if (strcmp (parts[1], actions[i].name) == 0)
      break;
  }
  if (parts[1] == NULL || i == G_N_ELEMENTS (actions) || rule->nth == 0)
    g_error ("%s=%s: expected POINT:kill|ENOSPC|EROFS|EACCES|EIO[:N]",
        IG_TEST_HOOK_ENV, text);
  rule->point = g_strdup (parts[0]);
  rule->err = actions[i].err;
  return rule;
}

int
ig_test_hook (const char *point)
{
  static Rule *rule;
  static gsize loaded;
  static guint reached;
  guint n;

  if (g_once_init_enter (&loaded)) {
    rule = rule_from_env ();
    g_once_init_leave (&loaded, 1);
  }
  if (rule == NULL
      || (strcmp (rule->point, "*") != 0 && strcmp (rule->point, point) != 0))
    return 0;
  n = (guint) g_atomic_int_add (&reached, 1) + 1;
  if (n < rule->nth)
    return 0;
  if (rule->err == 0 && n == rule->nth)
    kill (getpid (), SIGKILL);
  return rule->err;
}
