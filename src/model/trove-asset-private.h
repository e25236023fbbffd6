/* trove-asset-private.h: what the .blend reader records for an asset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trove-asset.h"

G_BEGIN_DECLS

/* Where the preview pixels were found, so that the grid can decode a preview
 * without walking the file again. Only trusted while the file's size and
 * modification time are unchanged; otherwise the reader looks the asset up
 * by type and name again. */
typedef struct
{
  guint64 rect_offset; /* offset of rect[1]'s payload in the decompressed stream */
  guint32 width;
  guint32 height;
  guint64 file_size;
  gint64 file_mtime_usec;
} TrovePreviewLocator;

void _trove_asset_set_preview_locator (TroveAsset *self, const TrovePreviewLocator *locator);
const TrovePreviewLocator *_trove_asset_get_preview_locator (TroveAsset *self);
void _trove_asset_set_editable (TroveAsset *self, TroveAssetFields fields, const char *reason);

G_END_DECLS
