/* trove-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trove-asset-grid.h"
#include "trove-catalog-pane.h"
#include "trove-details-pane.h"
#include "trove-metadata-controller.h"
#include "trove-library-list.h"
#include "trove-library-sidebar.h"
#include "trove-scanner.h"

G_BEGIN_DECLS

#define TROVE_TYPE_WINDOW (trove_window_get_type ())

G_DECLARE_FINAL_TYPE (TroveWindow, trove_window, TROVE, WINDOW, AdwApplicationWindow)

TroveWindow *
trove_window_new (GtkApplication *application, GSettings *settings, TroveLibraryList *libraries);

void trove_window_show_library (TroveWindow *self, TroveLibrary *library);
void trove_window_show_location (TroveWindow *self, GFile *location);
void trove_window_show_initial_library (TroveWindow *self);
TroveLibrary *trove_window_get_library (TroveWindow *self);

/* For tests and benchmarks. */
TroveScanner *trove_window_get_scanner (TroveWindow *self);
TroveAssetGrid *trove_window_get_asset_grid (TroveWindow *self);
TroveCatalogPane *trove_window_get_catalog_pane (TroveWindow *self);
TroveDetailsPane *trove_window_get_details_pane (TroveWindow *self);
TroveMetadataController *trove_window_get_metadata_controller (TroveWindow *self);
TroveLibrarySidebar *trove_window_get_sidebar (TroveWindow *self);
GtkEditable *trove_window_get_search_entry (TroveWindow *self);
GtkDropDown *trove_window_get_type_dropdown (TroveWindow *self);
const char *trove_window_get_page (TroveWindow *self);
const char *trove_window_get_status (TroveWindow *self);
GtkWidget *trove_window_get_unreadable_button (TroveWindow *self);

G_END_DECLS
