/* trove-catalog-file.h: blender_assets.cats.txt, read and written as Blender does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trove-catalog.h"

G_BEGIN_DECLS

#define TROVE_CATALOG_FILE_NAME "blender_assets.cats.txt"

#define TROVE_TYPE_CATALOG_FILE (trove_catalog_file_get_type ())

G_DECLARE_FINAL_TYPE (TroveCatalogFile, trove_catalog_file, TROVE, CATALOG_FILE, GObject)

TroveCatalogFile *trove_catalog_file_new (GFile *file);
TroveCatalogFile *trove_catalog_file_load (GFile *file);
TroveCatalogFile *trove_catalog_file_new_from_data (GFile *file, const char *data, gsize length);

GFile *trove_catalog_file_get_file (TroveCatalogFile *self);
gboolean trove_catalog_file_exists (TroveCatalogFile *self);
const GError *trove_catalog_file_get_error (TroveCatalogFile *self);
const char *const *trove_catalog_file_get_warnings (TroveCatalogFile *self);
gboolean trove_catalog_file_can_write (TroveCatalogFile *self);

GListModel *trove_catalog_file_get_catalogs (TroveCatalogFile *self);
TroveCatalog *trove_catalog_file_lookup (TroveCatalogFile *self, const char *uuid);
gboolean trove_catalog_file_add (TroveCatalogFile *self, TroveCatalog *catalog);
gboolean trove_catalog_file_set_catalogs (TroveCatalogFile *self, GPtrArray *catalogs);

char *trove_catalog_file_serialize (TroveCatalogFile *self);
gboolean
trove_catalog_file_save (TroveCatalogFile *self, GCancellable *cancellable, GError **error);

G_END_DECLS
