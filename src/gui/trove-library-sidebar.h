/* trove-library-sidebar.h: the registered libraries, and adding one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-library-list.h"

G_BEGIN_DECLS

#define TROVE_TYPE_LIBRARY_SIDEBAR (trove_library_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (TroveLibrarySidebar, trove_library_sidebar, TROVE, LIBRARY_SIDEBAR, GtkWidget)

void trove_library_sidebar_set_libraries (TroveLibrarySidebar *self, TroveLibraryList *libraries);
void trove_library_sidebar_set_transient (TroveLibrarySidebar *self, TroveLibrary *library);
void trove_library_sidebar_select (TroveLibrarySidebar *self, TroveLibrary *library);
TroveLibrary *trove_library_sidebar_find (TroveLibrarySidebar *self, GFile *folder);
GtkListBox *trove_library_sidebar_get_list_box (TroveLibrarySidebar *self);
void trove_library_sidebar_offer_blender_import (TroveLibrarySidebar *self, GPtrArray *libraries);

G_END_DECLS
