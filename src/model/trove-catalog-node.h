/* trove-catalog-node.h: one row of the unified catalog tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * TroveCatalogNodeKind:
 * @TROVE_CATALOG_NODE_ALL: every asset of the library
 * @TROVE_CATALOG_NODE_CATALOG: a catalog path (one node for all its aliases)
 * @TROVE_CATALOG_NODE_UNASSIGNED: assets with a nil or unknown catalog UUID
 */
typedef enum
{
  TROVE_CATALOG_NODE_ALL,
  TROVE_CATALOG_NODE_CATALOG,
  TROVE_CATALOG_NODE_UNASSIGNED,
} TroveCatalogNodeKind;

#define TROVE_TYPE_CATALOG_NODE_KIND (trove_catalog_node_kind_get_type ())
GType trove_catalog_node_kind_get_type (void) G_GNUC_CONST;

#define TROVE_TYPE_CATALOG_NODE (trove_catalog_node_get_type ())

G_DECLARE_FINAL_TYPE (TroveCatalogNode, trove_catalog_node, TROVE, CATALOG_NODE, GObject)

TroveCatalogNodeKind trove_catalog_node_get_kind (TroveCatalogNode *self);
const char *trove_catalog_node_get_name (TroveCatalogNode *self);
const char *trove_catalog_node_get_path (TroveCatalogNode *self);
const char *const *trove_catalog_node_get_uuids (TroveCatalogNode *self);
const char *trove_catalog_node_get_simple_name (TroveCatalogNode *self);
gboolean trove_catalog_node_is_virtual (TroveCatalogNode *self);
TroveCatalogNode *trove_catalog_node_get_parent (TroveCatalogNode *self);
GListModel *trove_catalog_node_get_children (TroveCatalogNode *self);
guint trove_catalog_node_get_asset_count (TroveCatalogNode *self);

G_END_DECLS
