/* trove-metadata-controller.h: the window's metadata editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-asset-grid.h"
#include "trove-catalog-pane.h"
#include "trove-details-pane.h"
#include "trove-metadata-service.h"

G_BEGIN_DECLS

#define TROVE_TYPE_METADATA_CONTROLLER (trove_metadata_controller_get_type ())

G_DECLARE_FINAL_TYPE (
    TroveMetadataController, trove_metadata_controller, TROVE, METADATA_CONTROLLER, GObject)

TroveMetadataController *trove_metadata_controller_new (GtkWindow *window,
                                                        TroveAssetGrid *grid,
                                                        TroveDetailsPane *details,
                                                        TroveCatalogPane *catalogs,
                                                        GSettings *settings);

void trove_metadata_controller_set_library (TroveMetadataController *self,
                                            TroveScanner *scanner,
                                            TroveCatalogTree *tree);
void trove_metadata_controller_selection_changed (TroveMetadataController *self);
void trove_metadata_controller_apply (TroveMetadataController *self,
                                      GPtrArray *assets,
                                      GPtrArray *edits);

gboolean trove_metadata_controller_undo (TroveMetadataController *self);
gboolean trove_metadata_controller_redo (TroveMetadataController *self);
guint64 trove_metadata_controller_get_undo_stamp (TroveMetadataController *self);
guint64 trove_metadata_controller_get_redo_stamp (TroveMetadataController *self);
void trove_metadata_controller_cancel (TroveMetadataController *self);
gboolean trove_metadata_controller_get_busy (TroveMetadataController *self);

TroveMetadataService *trove_metadata_controller_get_service (TroveMetadataController *self);
char *trove_metadata_controller_get_progress (TroveMetadataController *self, double *fraction);

G_END_DECLS
