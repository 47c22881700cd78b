/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-cache-dir.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

struct _IgCacheDir
{
  GMutex lock;
  char *path;
  gboolean broken; /* failed for good: memory only */
  GError *untold; /* why, until a warning could say it */
  gboolean told_busy; /* a lock held too long was said; quiet until it works */
};

IgCacheDir *
ig_cache_dir_get (const char *path)
{
  static GMutex registry_lock;
  static GHashTable *registry; /* path -> IgCacheDir */
  IgCacheDir *dir;

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (g_str_hash, g_str_equal);
  dir = g_hash_table_lookup (registry, path);
  if (dir == NULL) {
    dir = g_new0 (IgCacheDir, 1);
    g_mutex_init (&dir->lock);
    dir->path = g_strdup (path);
    g_hash_table_insert (registry, dir->path, dir);
  }
  g_mutex_unlock (&registry_lock);
  return dir;
}

const char *
ig_cache_dir_get_path (IgCacheDir *dir)
{
  return dir->path;
}

/* Hands the failure over once, to the first call that can take a warning
 * (the one that failed may have had its own already). Locked. */
static void
tell (IgCacheDir *dir, GError **warning)
{
  if (dir->untold != NULL && warning != NULL && *warning == NULL)
    g_propagate_error (warning, g_steal_pointer (&dir->untold));
}

gboolean
ig_cache_dir_usable (IgCacheDir *dir, GError **warning)
{
  gboolean usable;

  g_mutex_lock (&dir->lock);
  usable = !dir->broken;
  tell (dir, warning);
  g_mutex_unlock (&dir->lock);
  return usable;
}

/* Refuses a directory others could plant files or links in. */
static gboolean
check_owner (int fd, const char *path, GError **error)
{
  struct stat st;
  int err;

  if (fstat (fd, &st) != 0)
    goto stat_failed;
  if (st.st_uid != geteuid ())
    goto not_ours;
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    goto shared;
  return TRUE;

  /* ERRORS */
stat_failed:
  err = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
      "Cannot use the directory '%s': %s", path, g_strerror (err));
  return FALSE;
not_ours:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
      "Cannot use the directory '%s': it belongs to uid %u, not to this "
      "user (uid %u)",
      path, (guint) st.st_uid, (guint) geteuid ());
  return FALSE;
shared:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
      "Cannot use the directory '%s': other users may write in it (mode "
      "%04o)",
      path, (guint) (st.st_mode & 07777));
  return FALSE;
}

static gboolean
is_symlink (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

int
ig_cache_dir_open (IgCacheDir *dir, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (dir->path);
  int fd, err;

  if (g_mkdir_with_parents (parent, 0700) != 0
      || (mkdir (dir->path, 0700) != 0 && errno != EEXIST))
    goto create_failed;
  fd = open (dir->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    goto open_failed;
  if (!check_owner (fd, dir->path, error)) {
    close (fd);
    return -1;
  }
  return fd;

  /* ERRORS */
create_failed:
  err = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
      "Cannot create the directory '%s': %s", dir->path, g_strerror (err));
  return -1;
open_failed:
  err = errno;
  if (err == ENOTDIR && is_symlink (dir->path))
    err = ELOOP; /* O_DIRECTORY said it first */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
      "Cannot open the directory '%s': %s", dir->path,
      err == ELOOP ? "it is a symbolic link, which is not followed"
                   : g_strerror (err));
  return -1;
}

void
ig_cache_dir_failed (IgCacheDir *dir, GError *error, GError **warning)
{
  g_mutex_lock (&dir->lock);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)) {
    if (!dir->broken)
      dir->untold = g_error_new (error->domain, error->code,
          "%s; keeping the rate-limit state and the resolver cache in this "
          "process only from now on",
          error->message);
    dir->broken = TRUE;
  } else if (!dir->told_busy && !dir->broken && warning != NULL
      && *warning == NULL) {
    g_set_error (warning, error->domain, error->code,
        "%s; this time in this process only", error->message);
    dir->told_busy = TRUE;
  }
  tell (dir, warning);
  g_mutex_unlock (&dir->lock);
  g_error_free (error);
}

void
ig_cache_dir_worked (IgCacheDir *dir)
{
  g_mutex_lock (&dir->lock);
  dir->told_busy = FALSE;
  g_mutex_unlock (&dir->lock);
}
