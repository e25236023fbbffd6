/* trove-asset-grid.h: the thumbnail grid, with its filter, sort and selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-asset-query.h"
#include "trove-catalog-tree.h"
#include "trove-preview-cache.h"

G_BEGIN_DECLS

typedef enum
{
  TROVE_SORT_NAME,
  TROVE_SORT_CATALOG,
  TROVE_SORT_FILE,
  TROVE_SORT_MODIFIED,
} TroveSortOrder;

#define TROVE_TYPE_ASSET_GRID (trove_asset_grid_get_type ())

G_DECLARE_FINAL_TYPE (TroveAssetGrid, trove_asset_grid, TROVE, ASSET_GRID, GtkWidget)

void trove_asset_grid_set_preview_cache (TroveAssetGrid *self, TrovePreviewCache *cache);
void trove_asset_grid_set_source (TroveAssetGrid *self, GListModel *assets, TroveCatalogTree *tree);
void trove_asset_grid_set_query (TroveAssetGrid *self, TroveAssetQuery *query);
void trove_asset_grid_set_type_filter (TroveAssetGrid *self, const char *id_type);
void trove_asset_grid_set_catalog_node (TroveAssetGrid *self, TroveCatalogNode *node);
void trove_asset_grid_set_sort_order (TroveAssetGrid *self, TroveSortOrder order);
void trove_asset_grid_set_tile_size (TroveAssetGrid *self, int size);
int trove_asset_grid_get_tile_size (TroveAssetGrid *self);

GListModel *trove_asset_grid_get_visible (TroveAssetGrid *self);
GtkSelectionModel *trove_asset_grid_get_selection (TroveAssetGrid *self);
GtkGridView *trove_asset_grid_get_grid_view (TroveAssetGrid *self);
GPtrArray *trove_asset_grid_get_selected_assets (TroveAssetGrid *self);
void trove_asset_grid_select_assets (TroveAssetGrid *self, GPtrArray *assets);
void trove_asset_grid_refilter (TroveAssetGrid *self);

G_END_DECLS
