/* trove-catalog-pane.h: the unified catalog tree, with counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-catalog-service.h"
#include "trove-catalog-tree.h"

G_BEGIN_DECLS

#define TROVE_TYPE_CATALOG_PANE (trove_catalog_pane_get_type ())

G_DECLARE_FINAL_TYPE (TroveCatalogPane, trove_catalog_pane, TROVE, CATALOG_PANE, GtkWidget)

void trove_catalog_pane_set_catalogs (TroveCatalogPane *self,
                                      TroveCatalogService *service,
                                      TroveCatalogTree *tree);
TroveCatalogService *trove_catalog_pane_get_service (TroveCatalogPane *self);
gboolean trove_catalog_pane_save_now (TroveCatalogPane *self);
gboolean trove_catalog_pane_move (TroveCatalogPane *self, const char *path, const char *new_parent);
TroveCatalogNode *trove_catalog_pane_get_selected_node (TroveCatalogPane *self);
gboolean trove_catalog_pane_select_path (TroveCatalogPane *self, const char *path);
GtkListView *trove_catalog_pane_get_list_view (TroveCatalogPane *self);

G_END_DECLS
