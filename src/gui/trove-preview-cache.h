/* trove-preview-cache.h: asset previews decoded off the main thread, kept in an LRU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-asset.h"

G_BEGIN_DECLS

#define TROVE_TYPE_PREVIEW_CACHE (trove_preview_cache_get_type ())

G_DECLARE_FINAL_TYPE (TrovePreviewCache, trove_preview_cache, TROVE, PREVIEW_CACHE, GObject)

TrovePreviewCache *trove_preview_cache_new (gsize max_bytes);

typedef void (*TrovePreviewReadyFunc) (TroveAsset *asset, GdkTexture *texture, gpointer user_data);

GdkTexture *trove_preview_cache_lookup (TrovePreviewCache *self, TroveAsset *asset);
void trove_preview_cache_request (TrovePreviewCache *self,
                                  TroveAsset *asset,
                                  TrovePreviewReadyFunc ready,
                                  gpointer user_data);
void trove_preview_cache_cancel (TrovePreviewCache *self, TroveAsset *asset, gpointer user_data);
void trove_preview_cache_clear (TrovePreviewCache *self);
guint trove_preview_cache_get_n_pending (TrovePreviewCache *self);

G_END_DECLS
