/* trove-asset-tile.h: one asset in the grid: preview, name, type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-asset.h"
#include "trove-preview-cache.h"

G_BEGIN_DECLS

#define TROVE_TYPE_ASSET_TILE (trove_asset_tile_get_type ())

G_DECLARE_FINAL_TYPE (TroveAssetTile, trove_asset_tile, TROVE, ASSET_TILE, GtkWidget)

TroveAssetTile *trove_asset_tile_new (TrovePreviewCache *cache);
TroveAsset *trove_asset_tile_get_asset (TroveAssetTile *self);
void trove_asset_tile_set_asset (TroveAssetTile *self, TroveAsset *asset);
gboolean trove_asset_tile_get_shows_preview (TroveAssetTile *self);
void trove_asset_tile_set_size (TroveAssetTile *self, int size);

const char *trove_asset_type_icon_name (const char *id_type);

G_END_DECLS
