/* trove-unreadable-file.h: a file a scan could not read, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROVE_TYPE_UNREADABLE_FILE (trove_unreadable_file_get_type ())

G_DECLARE_FINAL_TYPE (TroveUnreadableFile, trove_unreadable_file, TROVE, UNREADABLE_FILE, GObject)

TroveUnreadableFile *
trove_unreadable_file_new (const char *file, const char *path, const GError *error);

const char *trove_unreadable_file_get_file (TroveUnreadableFile *self);
const char *trove_unreadable_file_get_path (TroveUnreadableFile *self);
const char *trove_unreadable_file_get_message (TroveUnreadableFile *self);
const GError *trove_unreadable_file_get_error (TroveUnreadableFile *self);

G_END_DECLS
