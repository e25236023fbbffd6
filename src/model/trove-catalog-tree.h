/* trove-catalog-tree.h: the unified catalog tree of one library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trove-catalog-file.h"
#include "trove-catalog-node.h"

G_BEGIN_DECLS

#define TROVE_TYPE_CATALOG_TREE (trove_catalog_tree_get_type ())

G_DECLARE_FINAL_TYPE (TroveCatalogTree, trove_catalog_tree, TROVE, CATALOG_TREE, GObject)

TroveCatalogTree *trove_catalog_tree_new (TroveCatalogFile *file);

TroveCatalogFile *trove_catalog_tree_get_file (TroveCatalogTree *self);
GListModel *trove_catalog_tree_get_roots (TroveCatalogTree *self);
TroveCatalogNode *trove_catalog_tree_get_all (TroveCatalogTree *self);
TroveCatalogNode *trove_catalog_tree_get_unassigned (TroveCatalogTree *self);
TroveCatalogNode *trove_catalog_tree_lookup_path (TroveCatalogTree *self, const char *path);
TroveCatalogNode *trove_catalog_tree_lookup_uuid (TroveCatalogTree *self, const char *uuid);
const char *trove_catalog_tree_get_path_for_uuid (TroveCatalogTree *self, const char *uuid);

gboolean trove_catalog_tree_node_matches (TroveCatalogTree *self,
                                          TroveCatalogNode *node,
                                          const char *catalog_uuid);
void trove_catalog_tree_count_assets (TroveCatalogTree *self, GListModel *assets);

G_END_DECLS
