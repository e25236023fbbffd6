/* trove-library-row.h: one library in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-library.h"

G_BEGIN_DECLS

#define TROVE_TYPE_LIBRARY_ROW (trove_library_row_get_type ())

G_DECLARE_FINAL_TYPE (TroveLibraryRow, trove_library_row, TROVE, LIBRARY_ROW, GtkListBoxRow)

TroveLibraryRow *trove_library_row_new (TroveLibrary *library, gboolean registered);
TroveLibrary *trove_library_row_get_library (TroveLibraryRow *self);

G_END_DECLS
