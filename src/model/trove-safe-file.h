/* trove-safe-file.h: the pieces of writing a user's file safely
 *
 * Shared by everything that replaces a user's file (the catalog file, .blend
 * files): a temporary file beside the original, flushed with fsync; a backup
 * made before one atomic rename; the folder flushed after it. Errors name the
 * file and say which step failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/types.h>

G_BEGIN_DECLS

gboolean
trove_safe_file_io_error (GError **error, int saved_errno, const char *name, const char *what);
gboolean trove_safe_file_write_all (int fd, const void *data, gsize length);
void trove_safe_file_keep_owner_and_mode (int fd, const GStatBuf *like, const char *name);
int trove_safe_file_create (const char *temp_path,
                            const GStatBuf *like,
                            const char *name,
                            GError **error);
gboolean trove_safe_file_close (int fd, const char *temp_path, const char *name, GError **error);
gboolean trove_safe_file_write_temp (const char *temp_path,
                                     const void *data,
                                     gsize length,
                                     const GStatBuf *like,
                                     const char *name,
                                     GError **error);
gboolean trove_safe_file_make_backup (const char *path,
                                      const char *backup_path,
                                      const GStatBuf *like,
                                      const char *name,
                                      GError **error);
void trove_safe_file_sync_directory (const char *path);

G_END_DECLS
