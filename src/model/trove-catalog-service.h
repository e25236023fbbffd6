/* trove-catalog-service.h: editing a library's catalogs, with undo and safe saving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trove-catalog-file.h"

G_BEGIN_DECLS

#define TROVE_TYPE_CATALOG_SERVICE (trove_catalog_service_get_type ())

G_DECLARE_FINAL_TYPE (TroveCatalogService, trove_catalog_service, TROVE, CATALOG_SERVICE, GObject)

TroveCatalogService *trove_catalog_service_new (TroveCatalogFile *file);
TroveCatalogService *trove_catalog_service_new_for_library (GFile *root);

TroveCatalogFile *trove_catalog_service_get_file (TroveCatalogService *self);
char *trove_catalog_service_get_read_only_reason (TroveCatalogService *self);

TroveCatalog *trove_catalog_service_find (TroveCatalogService *self, const char *path);
gboolean trove_catalog_service_path_exists (TroveCatalogService *self, const char *path);
char *trove_catalog_service_unique_name (TroveCatalogService *self,
                                         const char *parent_path,
                                         const char *name);

TroveCatalog *
trove_catalog_service_add (TroveCatalogService *self, const char *parent_path, GError **error);
TroveCatalog *
trove_catalog_service_add_path (TroveCatalogService *self, const char *path, GError **error);
TroveCatalog *
trove_catalog_service_make_real (TroveCatalogService *self, const char *path, GError **error);
char *trove_catalog_service_rename (TroveCatalogService *self,
                                    const char *path,
                                    const char *new_name,
                                    GError **error);
gboolean trove_catalog_service_rename_would_merge (TroveCatalogService *self,
                                                   const char *path,
                                                   const char *new_name);
char *trove_catalog_service_move (TroveCatalogService *self,
                                  const char *path,
                                  const char *new_parent_path,
                                  GError **error);
guint trove_catalog_service_delete (TroveCatalogService *self, const char *path, GError **error);
TroveCatalog *trove_catalog_service_set_simple_name (TroveCatalogService *self,
                                                     const char *uuid,
                                                     const char *simple_name,
                                                     GError **error);

gboolean trove_catalog_service_can_undo (TroveCatalogService *self);
gboolean trove_catalog_service_can_redo (TroveCatalogService *self);
guint64 trove_catalog_service_get_undo_stamp (TroveCatalogService *self);
guint64 trove_catalog_service_get_redo_stamp (TroveCatalogService *self);
gboolean trove_catalog_service_undo (TroveCatalogService *self);
gboolean trove_catalog_service_redo (TroveCatalogService *self);

gboolean trove_catalog_service_has_unsaved_changes (TroveCatalogService *self);
gboolean trove_catalog_service_is_catalog_dirty (TroveCatalogService *self, const char *uuid);
gboolean
trove_catalog_service_save (TroveCatalogService *self, GCancellable *cancellable, GError **error);
gboolean trove_catalog_service_reload (TroveCatalogService *self, GError **error);

G_END_DECLS
