/* trove-metadata-service.h: the window's metadata edits, written in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trove-asset-edit.h"
#include "trove-blend-writer.h"
#include "trove-scanner.h"

G_BEGIN_DECLS

#define TROVE_TYPE_METADATA_SERVICE (trove_metadata_service_get_type ())

G_DECLARE_FINAL_TYPE (
    TroveMetadataService, trove_metadata_service, TROVE, METADATA_SERVICE, GObject)

TroveMetadataService *trove_metadata_service_new (TroveScanner *scanner);

void trove_metadata_service_set_write_flags (TroveMetadataService *self,
                                             TroveBlendWriteFlags flags);

void trove_metadata_service_apply (TroveMetadataService *self, GPtrArray *assets, GPtrArray *edits);
gboolean trove_metadata_service_undo (TroveMetadataService *self);
gboolean trove_metadata_service_redo (TroveMetadataService *self);
void trove_metadata_service_cancel (TroveMetadataService *self);

gboolean trove_metadata_service_get_busy (TroveMetadataService *self);
guint trove_metadata_service_get_n_files (TroveMetadataService *self);
guint trove_metadata_service_get_n_files_done (TroveMetadataService *self);
gboolean trove_metadata_service_can_undo (TroveMetadataService *self);
gboolean trove_metadata_service_can_redo (TroveMetadataService *self);
guint64 trove_metadata_service_get_undo_stamp (TroveMetadataService *self);
guint64 trove_metadata_service_get_redo_stamp (TroveMetadataService *self);

G_END_DECLS
