/* trove-library-list.h: the registered libraries, persisted in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trove-library.h"

G_BEGIN_DECLS

#define TROVE_TYPE_LIBRARY_LIST (trove_library_list_get_type ())

G_DECLARE_FINAL_TYPE (TroveLibraryList, trove_library_list, TROVE, LIBRARY_LIST, GObject)

TroveLibraryList *trove_library_list_new (GSettings *settings);

TroveLibrary *
trove_library_list_add (TroveLibraryList *self, const char *name, GFile *folder, GError **error);
void trove_library_list_remove (TroveLibraryList *self, TroveLibrary *library);
gboolean trove_library_list_rename (TroveLibraryList *self,
                                    TroveLibrary *library,
                                    const char *name,
                                    GError **error);
void trove_library_list_move (TroveLibraryList *self, TroveLibrary *library, guint position);
TroveLibrary *trove_library_list_find (TroveLibraryList *self, GFile *folder);

G_END_DECLS
