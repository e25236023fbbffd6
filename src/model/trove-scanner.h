/* trove-scanner.h: finds and reads every .blend file of a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROVE_TYPE_SCANNER (trove_scanner_get_type ())

G_DECLARE_FINAL_TYPE (TroveScanner, trove_scanner, TROVE, SCANNER, GObject)

TroveScanner *trove_scanner_new (GFile *location);

GFile *trove_scanner_get_location (TroveScanner *self);
GFile *trove_scanner_get_root (TroveScanner *self);
guint trove_scanner_get_max_threads (TroveScanner *self);
void trove_scanner_set_max_threads (TroveScanner *self, guint max_threads);
gboolean trove_scanner_get_background (TroveScanner *self);
void trove_scanner_set_background (TroveScanner *self, gboolean background);

GListModel *trove_scanner_get_assets (TroveScanner *self);
GListModel *trove_scanner_get_unreadable_files (TroveScanner *self);
guint trove_scanner_get_n_files (TroveScanner *self);
guint trove_scanner_get_n_files_done (TroveScanner *self);
gboolean trove_scanner_get_running (TroveScanner *self);

void trove_scanner_scan_async (TroveScanner *self,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean trove_scanner_scan_finish (TroveScanner *self, GAsyncResult *result, GError **error);

void trove_scanner_replace_file_assets (TroveScanner *self,
                                        const char *relative_path,
                                        GPtrArray *assets);

gboolean trove_scanner_is_library_file_name (const char *name);

G_END_DECLS
