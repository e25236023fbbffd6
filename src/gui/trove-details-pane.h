/* trove-details-pane.h: the selected assets, as an editing form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-catalog-tree.h"
#include "trove-preview-cache.h"

G_BEGIN_DECLS

#define TROVE_TYPE_DETAILS_PANE (trove_details_pane_get_type ())

G_DECLARE_FINAL_TYPE (TroveDetailsPane, trove_details_pane, TROVE, DETAILS_PANE, GtkWidget)

void trove_details_pane_set_preview_cache (TroveDetailsPane *self, TrovePreviewCache *cache);
void trove_details_pane_set_library_assets (TroveDetailsPane *self, GListModel *assets);
void
trove_details_pane_set_assets (TroveDetailsPane *self, GPtrArray *assets, TroveCatalogTree *tree);
TroveAsset *trove_details_pane_get_asset (TroveDetailsPane *self);

gboolean trove_details_pane_is_dirty (TroveDetailsPane *self);
gboolean
trove_details_pane_take_edits (TroveDetailsPane *self, GPtrArray **assets, GPtrArray **edits);

const char *trove_details_pane_get_field (TroveDetailsPane *self, const char *field);
GtkWidget *trove_details_pane_get_widget (TroveDetailsPane *self, const char *name);

G_END_DECLS
