/* trove-catalog-row.h: one row of the catalog pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trove-catalog-node.h"

G_BEGIN_DECLS

#define TROVE_TYPE_CATALOG_ROW (trove_catalog_row_get_type ())

G_DECLARE_FINAL_TYPE (TroveCatalogRow, trove_catalog_row, TROVE, CATALOG_ROW, GtkWidget)

TroveCatalogRow *trove_catalog_row_new (void);
void trove_catalog_row_bind (TroveCatalogRow *self, GtkTreeListRow *row);
void trove_catalog_row_unbind (TroveCatalogRow *self);
TroveCatalogNode *trove_catalog_row_get_node (TroveCatalogRow *self);
GtkTreeListRow *trove_catalog_row_get_list_row (TroveCatalogRow *self);

G_END_DECLS
