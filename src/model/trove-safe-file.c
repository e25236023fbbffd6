/* trove-safe-file.c: the pieces of writing a user's file safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-safe-file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#define COPY_BUFFER_SIZE (1024 * 1024)

/**
 * trove_safe_file_io_error:
 * @saved_errno: errno, saved before anything (gettext included) could change it
 * @name: the user's file, as shown to the user
 * @what: the step that failed, translated
 *
 * Sets a %G_IO_ERROR naming the file, the step and the system's reason.
 *
 * Returns: %FALSE, so that callers can `return trove_safe_file_io_error (…)`
 */
gboolean
trove_safe_file_io_error (GError **error, int saved_errno, const char *name, const char *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: "file name: what failed: system error message",
                * e.g. "…/blender_assets.cats.txt: cannot create the temporary
                * file: Permission denied". */
               _ ("%s: %s: %s"), name, what, g_strerror (saved_errno));
  return FALSE;
}

gboolean
trove_safe_file_write_all (int fd, const void *data, gsize length)
{
  const char *p = data;

  while (length > 0)
    {
      gssize written = write (fd, p, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      p += written;
      length -= (gsize)written;
    }
  return TRUE;
}

/**
 * trove_safe_file_keep_owner_and_mode:
 * @like: the file being replaced
 *
 * Gives the new file @fd the owner, group and permissions of @like, as far
 * as allowed: a team library's group, a user's file edited by root.
 */
void
trove_safe_file_keep_owner_and_mode (int fd, const GStatBuf *like, const char *name)
{
  if (fchown (fd, like->st_uid, like->st_gid) != 0 && fchown (fd, (uid_t)-1, like->st_gid) != 0)
    g_debug ("%s: cannot keep the file's group: %s", name, g_strerror (errno));
  /* After fchown(), which may clear the set-id bits. */
  if (fchmod (fd, like->st_mode & 0777) != 0)
    g_debug ("%s: cannot keep the file's permissions: %s", name, g_strerror (errno));
}

/**
 * trove_safe_file_create:
 * @like: (nullable): the file being replaced, whose owner and permissions
 *   the new one takes; %NULL for the defaults (0666 minus the umask)
 *
 * Creates @temp_path for writing. A stale temporary file from a crash is
 * replaced; O_EXCL then makes sure we never write through a symlink someone
 * left in its place.
 *
 * Returns: the file descriptor, or -1 with @error set
 */
int
trove_safe_file_create (const char *temp_path,
                        const GStatBuf *like,
                        const char *name,
                        GError **error)
{
  int fd;
  int saved_errno;

  if (g_unlink (temp_path) != 0 && errno != ENOENT)
    {
      saved_errno = errno;
      trove_safe_file_io_error (error, saved_errno, name,
                                _ ("cannot remove the old temporary file"));
      return -1;
    }

  fd = g_open (temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      trove_safe_file_io_error (error, saved_errno, name, _ ("cannot create the temporary file"));
      return -1;
    }

  if (like != NULL)
    trove_safe_file_keep_owner_and_mode (fd, like, name);
  return fd;
}

/**
 * trove_safe_file_close:
 *
 * Flushes the temporary file to disk and closes it. On failure the file is
 * removed: a half-written temporary file is of no use to anyone.
 */
gboolean
trove_safe_file_close (int fd, const char *temp_path, const char *name, GError **error)
{
  int saved_errno;

  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp_path);
      return trove_safe_file_io_error (error, saved_errno, name,
                                       _ ("cannot write the temporary file"));
    }
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (temp_path);
      return trove_safe_file_io_error (error, saved_errno, name,
                                       _ ("cannot write the temporary file"));
    }
  return TRUE;
}

/* Writes @data to a new @temp_path and flushes it to disk. */
gboolean
trove_safe_file_write_temp (const char *temp_path,
                            const void *data,
                            gsize length,
                            const GStatBuf *like,
                            const char *name,
                            GError **error)
{
  int fd = trove_safe_file_create (temp_path, like, name, error);
  int saved_errno;

  if (fd < 0)
    return FALSE;
  if (!trove_safe_file_write_all (fd, data, length))
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp_path);
      return trove_safe_file_io_error (error, saved_errno, name,
                                       _ ("cannot write the temporary file"));
    }
  return trove_safe_file_close (fd, temp_path, name, error);
}

/* Copies @path to a new @backup_path in pieces, so that a 1 GB file does not
 * need 1 GB of memory. */
static gboolean
copy_file (const char *path,
           const char *backup_path,
           const GStatBuf *like,
           const char *name,
           GError **error)
{
  g_autofree char *buffer = NULL;
  int in, out, saved_errno;

  in = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      saved_errno = errno;
      return trove_safe_file_io_error (error, saved_errno, name,
                                       _ ("cannot make a backup of the file"));
    }
  out = trove_safe_file_create (backup_path, like, name, error);
  if (out < 0)
    {
      close (in);
      return FALSE;
    }

  buffer = g_malloc (COPY_BUFFER_SIZE);
  for (;;)
    {
      gssize n = read (in, buffer, COPY_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n == 0)
        break;
      if (n < 0 || !trove_safe_file_write_all (out, buffer, (gsize)n))
        {
          saved_errno = errno;
          close (in);
          close (out);
          g_unlink (backup_path);
          return trove_safe_file_io_error (error, saved_errno, name,
                                           _ ("cannot make a backup of the file"));
        }
    }
  close (in);
  return trove_safe_file_close (out, backup_path, name, error);
}

/**
 * trove_safe_file_make_backup:
 *
 * Makes @backup_path (replacing an older backup) hold what @path holds. A
 * hard link does it without copying; where links are not possible, a copy.
 * The original is replaced later by a rename, never written in place, so the
 * link keeps the old content.
 */
gboolean
trove_safe_file_make_backup (const char *path,
                             const char *backup_path,
                             const GStatBuf *like,
                             const char *name,
                             GError **error)
{
  int saved_errno;

  if (g_unlink (backup_path) != 0 && errno != ENOENT)
    {
      saved_errno = errno;
      return trove_safe_file_io_error (error, saved_errno, name,
                                       _ ("cannot replace the old backup"));
    }
  if (link (path, backup_path) == 0)
    return TRUE;
  return copy_file (path, backup_path, like, name, error);
}

/**
 * trove_safe_file_sync_directory:
 *
 * Makes renames in @path's folder durable. Failing here cannot be reported
 * as "not saved" (the new file is already in place), so it is only logged.
 */
void
trove_safe_file_sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      g_debug ("cannot open %s to sync it: %s", dir, g_strerror (errno));
      return;
    }
  if (fsync (fd) != 0)
    g_debug ("cannot sync %s: %s", dir, g_strerror (errno));
  close (fd);
}
