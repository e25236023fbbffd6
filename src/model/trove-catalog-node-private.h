/* trove-catalog-node-private.h: what the tree needs to build nodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trove-catalog-node.h"
#include "trove-catalog.h"

G_BEGIN_DECLS

TroveCatalogNode *_trove_catalog_node_new_special (TroveCatalogNodeKind kind);
TroveCatalogNode *_trove_catalog_node_new (const char *name, TroveCatalogNode *parent);

TroveCatalogNode *_trove_catalog_node_lookup_child (TroveCatalogNode *self, const char *name);
void _trove_catalog_node_insert_child (TroveCatalogNode *self, TroveCatalogNode *child);
void _trove_catalog_node_add_catalog (TroveCatalogNode *self, TroveCatalog *catalog);
void _trove_catalog_node_set_asset_count (TroveCatalogNode *self, guint count);
void _trove_catalog_node_release_children (TroveCatalogNode *self);

int _trove_catalog_node_compare (gconstpointer a, gconstpointer b, gpointer user_data);

G_END_DECLS
