/* trove-library.h: one registered asset library (a name and a folder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROVE_TYPE_LIBRARY (trove_library_get_type ())

G_DECLARE_FINAL_TYPE (TroveLibrary, trove_library, TROVE, LIBRARY, GObject)

TroveLibrary *trove_library_new (const char *name, GFile *folder);

const char *trove_library_get_name (TroveLibrary *self);
void trove_library_set_name (TroveLibrary *self, const char *name);
GFile *trove_library_get_folder (TroveLibrary *self);
gboolean trove_library_get_available (TroveLibrary *self);
const char *trove_library_get_unavailable_reason (TroveLibrary *self);
void trove_library_check_available (TroveLibrary *self);
void trove_library_check_available_async (TroveLibrary *self,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean
trove_library_check_available_finish (TroveLibrary *self, GAsyncResult *result, GError **error);

char *trove_library_default_name (GFile *folder);

G_END_DECLS
