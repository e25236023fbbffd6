/* trove-asset.h: one asset data-block found in a .blend file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trove-image.h"

G_BEGIN_DECLS

/* The metadata fields of an asset, e.g. those its file lets Trove write. */
typedef enum
{
  TROVE_ASSET_FIELD_NONE = 0,
  TROVE_ASSET_FIELD_DESCRIPTION = 1 << 0,
  TROVE_ASSET_FIELD_AUTHOR = 1 << 1,
  TROVE_ASSET_FIELD_COPYRIGHT = 1 << 2,
  TROVE_ASSET_FIELD_LICENSE = 1 << 3,
  TROVE_ASSET_FIELD_TAGS = 1 << 4,
  TROVE_ASSET_FIELD_CATALOG = 1 << 5,
} TroveAssetFields;

#define TROVE_TYPE_ASSET (trove_asset_get_type ())

G_DECLARE_FINAL_TYPE (TroveAsset, trove_asset, TROVE, ASSET, GObject)

const char *trove_asset_get_file (TroveAsset *self);
const char *trove_asset_get_source_path (TroveAsset *self);
const char *trove_asset_get_id_type (TroveAsset *self);
const char *trove_asset_get_name (TroveAsset *self);
const char *trove_asset_get_description (TroveAsset *self);
const char *trove_asset_get_author (TroveAsset *self);
const char *trove_asset_get_copyright (TroveAsset *self);
const char *trove_asset_get_license (TroveAsset *self);
const char *const *trove_asset_get_tags (TroveAsset *self);
const char *trove_asset_get_catalog_id (TroveAsset *self);
gboolean trove_asset_has_catalog (TroveAsset *self);
const char *trove_asset_get_catalog_simple_name (TroveAsset *self);
gboolean trove_asset_has_preview (TroveAsset *self);
guint trove_asset_get_preview_width (TroveAsset *self);
guint trove_asset_get_preview_height (TroveAsset *self);
gint64 trove_asset_get_file_mtime (TroveAsset *self);
TroveAssetFields trove_asset_get_editable_fields (TroveAsset *self);
const char *trove_asset_get_read_only_reason (TroveAsset *self);

TroveImage *trove_asset_load_preview (TroveAsset *self, GCancellable *cancellable, GError **error);

int trove_asset_compare (TroveAsset *a, TroveAsset *b);

G_END_DECLS
