/* trove-catalog-properties-dialog.h: a catalog's UUIDs, path and simple names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trove-catalog-service.h"

G_BEGIN_DECLS

#define TROVE_TYPE_CATALOG_PROPERTIES_DIALOG (trove_catalog_properties_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TroveCatalogPropertiesDialog,
                      trove_catalog_properties_dialog,
                      TROVE,
                      CATALOG_PROPERTIES_DIALOG,
                      AdwWindow)

TroveCatalogPropertiesDialog *trove_catalog_properties_dialog_new (GtkWindow *parent,
                                                                   TroveCatalogService *service,
                                                                   const char *path);
const char *trove_catalog_properties_dialog_get_path (TroveCatalogPropertiesDialog *self);

G_END_DECLS
