/* trove-catalog-tree.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-tree.h"

#include <string.h>

#include "trove-asset.h"
#include "trove-catalog-node-private.h"
#include "trove-catalog-path.h"
#include "trove-uuid.h"

#define NIL_UUID "00000000-0000-0000-0000-000000000000"

/**
 * TroveCatalogTree:
 *
 * The catalog tree of one library, shaped like Blender's (§3): one node per
 * distinct path, aliases merged, implicit parents present as virtual nodes,
 * children in byte order of their names. The roots are "All", the top-level
 * catalog nodes and "Unassigned".
 *
 * The tree follows its file: catalogs added to the file appear in the tree
 * at once (list models emit items-changed). Asset counts are computed by
 * count_assets(); they are recomputed from the same assets when catalogs
 * are added, but changes to the asset list itself need another call.
 *
 * Catalogs with an empty path, or deeper than TROVE_CATALOG_PATH_MAX_DEPTH,
 * have no node. Like every catalog of the file they are "known", so their
 * assets are not Unassigned; they show under "All" only.
 */
struct _TroveCatalogTree
{
  GObject parent_instance;

  TroveCatalogFile *file;
  GListStore *roots;
  TroveCatalogNode *all;
  TroveCatalogNode *unassigned;
  GHashTable *top_level; /* name → TroveCatalogNode, borrowed */
  GHashTable *by_uuid;   /* canonical UUID → TroveCatalogNode, both borrowed */
  GPtrArray *nodes;      /* every catalog node; parents come before their children */
  GListModel *assets;    /* what count_assets() last counted */

  /* Counting is incremental: a scan appends to the asset list, and a
   * recount of 100,000 assets every few batches would stall a window. The
   * first n_counted assets are counted in own_counts (node → its own assets,
   * not its descendants') and n_unassigned; anything but an append past
   * them starts the count over. */
  GHashTable *own_counts;
  guint n_counted;
  guint n_unassigned;
  guint n_inserted; /* catalogs of the file in the tree */
};

G_DEFINE_FINAL_TYPE (TroveCatalogTree, trove_catalog_tree, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void count_assets (TroveCatalogTree *self);

/* ---------------------------------------------------------------------------
 * Building
 */

static TroveCatalogNode *
find_or_create_child (TroveCatalogTree *self, TroveCatalogNode *parent, const char *name)
{
  g_autoptr (TroveCatalogNode) child = NULL;
  TroveCatalogNode *existing;

  existing = parent != NULL ? _trove_catalog_node_lookup_child (parent, name)
                            : g_hash_table_lookup (self->top_level, name);
  if (existing != NULL)
    return existing;

  child = _trove_catalog_node_new (name, parent);
  g_ptr_array_add (self->nodes, g_object_ref (child));
  if (parent != NULL)
    {
      _trove_catalog_node_insert_child (parent, child);
    }
  else
    {
      g_hash_table_insert (self->top_level, (gpointer)trove_catalog_node_get_name (child), child);
      g_list_store_insert_sorted (self->roots, child, _trove_catalog_node_compare, NULL);
    }
  return child;
}

/* Blender's AssetCatalogTree::insert_item(), without recursion. */
static void
insert_catalog (TroveCatalogTree *self, TroveCatalog *catalog)
{
  const char *path = trove_catalog_get_path (catalog);
  g_auto (GStrv) components = NULL;
  TroveCatalogNode *node = NULL;

  if (*path == '\0' || trove_catalog_path_get_depth (path) > TROVE_CATALOG_PATH_MAX_DEPTH)
    return;

  /* Catalog paths are clean: no empty components. */
  components = g_strsplit (path, "/", -1);
  for (guint i = 0; components[i] != NULL; i++)
    node = find_or_create_child (self, node, components[i]);

  _trove_catalog_node_add_catalog (node, catalog);
  g_hash_table_insert (self->by_uuid, (gpointer)trove_catalog_get_uuid (catalog), node);
}

/* Drops every catalog node, the deepest first so that no unref cascades up
 * a long chain of parents. */
static void
clear_nodes (TroveCatalogTree *self)
{
  guint n_roots = g_list_model_get_n_items (G_LIST_MODEL (self->roots));

  /* Between "All" and "Unassigned". */
  g_list_store_splice (self->roots, 1, n_roots - 2, NULL, 0);
  for (guint i = 0; i < self->nodes->len; i++)
    _trove_catalog_node_release_children (g_ptr_array_index (self->nodes, i));
  while (self->nodes->len > 0)
    g_ptr_array_remove_index (self->nodes, self->nodes->len - 1);
  g_hash_table_remove_all (self->top_level);
  g_hash_table_remove_all (self->by_uuid);
  self->n_inserted = 0;
  self->n_counted = 0;
}

static void
catalogs_changed_cb (TroveCatalogTree *self, guint position, guint removed, guint added)
{
  GListModel *catalogs = trove_catalog_file_get_catalogs (self->file);

  /* Catalogs added at the end go into the tree; any other change (an edit,
   * a merge with the file on disk) builds the tree anew: new node objects,
   * so views must find their place again by path. */
  if (removed > 0 || position != self->n_inserted)
    {
      clear_nodes (self);
      position = 0;
      added = g_list_model_get_n_items (catalogs);
    }

  self->n_inserted += added;
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (TroveCatalog) catalog = g_list_model_get_item (catalogs, i);
      insert_catalog (self, catalog);
    }

  /* An asset that was Unassigned may belong to a new catalog. */
  if ((added > 0 || removed > 0) && self->assets != NULL)
    {
      self->n_counted = 0;
      count_assets (self);
    }
}

/* ---------------------------------------------------------------------------
 * Lookup and matching (§4.7)
 */

/* The form TroveAsset and TroveCatalog use; anything else is normalised. */
static gboolean
is_canonical_uuid (const char *uuid)
{
  for (int i = 0; i < 36; i++)
    {
      char c = uuid[i];

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (c) && !(c >= 'a' && c <= 'f'))
        return FALSE;
    }
  return uuid[36] == '\0';
}

/* The node of @uuid, or NULL. The nil UUID means "no catalog" and never has
 * a node, even if a file defines a catalog with it. Sets *@is_nil. */
static TroveCatalogNode *
node_for_uuid (TroveCatalogTree *self, const char *uuid, gboolean *is_nil)
{
  g_autofree char *canonical = NULL;

  *is_nil = strcmp (uuid, NIL_UUID) == 0;
  if (*is_nil)
    return NULL;
  if (is_canonical_uuid (uuid))
    return g_hash_table_lookup (self->by_uuid, uuid);

  canonical = trove_uuid_normalize_string (uuid);
  if (canonical == NULL)
    return NULL;
  *is_nil = strcmp (canonical, NIL_UUID) == 0;
  if (*is_nil)
    return NULL;
  return g_hash_table_lookup (self->by_uuid, canonical);
}

/* Unassigned = nil, or not a catalog of the file (deleted, from another
 * library, never defined, or not even a UUID). */
static gboolean
is_unassigned (TroveCatalogTree *self, const char *uuid, TroveCatalogNode *node, gboolean is_nil)
{
  if (is_nil)
    return TRUE;
  if (node != NULL)
    return FALSE;
  return trove_catalog_file_lookup (self->file, uuid) == NULL;
}

/* ---------------------------------------------------------------------------
 * Counting
 */

/* Counts assets [n_counted, end) into own_counts. */
static void
count_new_assets (TroveCatalogTree *self)
{
  guint n_assets = g_list_model_get_n_items (self->assets);

  if (self->n_counted == 0)
    {
      g_hash_table_remove_all (self->own_counts);
      self->n_unassigned = 0;
    }
  for (guint i = self->n_counted; i < n_assets; i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (self->assets, i);
      const char *uuid = trove_asset_get_catalog_id (asset);
      gboolean is_nil;
      TroveCatalogNode *node = node_for_uuid (self, uuid, &is_nil);

      if (node != NULL)
        g_hash_table_insert (
            self->own_counts, node,
            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->own_counts, node)) + 1));
      else if (is_unassigned (self, uuid, node, is_nil))
        self->n_unassigned++;
    }
  self->n_counted = n_assets;
}

static void
count_assets (TroveCatalogTree *self)
{
  g_autoptr (GHashTable) totals = NULL;

  count_new_assets (self);

  /* Children pass their totals up. self->nodes lists parents before
   * children, so walking it backwards finishes each node before its parent. */
  totals = g_hash_table_new (NULL, NULL);
  for (guint i = self->nodes->len; i > 0; i--)
    {
      TroveCatalogNode *node = g_ptr_array_index (self->nodes, i - 1);
      TroveCatalogNode *parent = trove_catalog_node_get_parent (node);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->own_counts, node))
                    + GPOINTER_TO_UINT (g_hash_table_lookup (totals, node));

      _trove_catalog_node_set_asset_count (node, count);
      if (parent != NULL && count > 0)
        g_hash_table_insert (
            totals, parent,
            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (totals, parent)) + count));
    }

  _trove_catalog_node_set_asset_count (self->all, self->n_counted);
  _trove_catalog_node_set_asset_count (self->unassigned, self->n_unassigned);
}

static void
assets_changed_cb (TroveCatalogTree *self, guint position, guint removed, guint added)
{
  /* Appended past what was counted: the next count adds them. */
  if (removed == 0 && position >= self->n_counted)
    return;
  self->n_counted = 0;
}

/* ---------------------------------------------------------------------------
 * GObject
 */

static void
trove_catalog_tree_constructed (GObject *object)
{
  TroveCatalogTree *self = (TroveCatalogTree *)object;
  GListModel *catalogs;

  G_OBJECT_CLASS (trove_catalog_tree_parent_class)->constructed (object);

  g_return_if_fail (TROVE_IS_CATALOG_FILE (self->file));

  catalogs = trove_catalog_file_get_catalogs (self->file);
  catalogs_changed_cb (self, 0, 0, g_list_model_get_n_items (catalogs));
  g_signal_connect_object (catalogs, "items-changed", G_CALLBACK (catalogs_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
trove_catalog_tree_dispose (GObject *object)
{
  TroveCatalogTree *self = (TroveCatalogTree *)object;

  /* Children hold their parents: break the cycles, then drop the deepest
   * nodes first so that no unref cascades up a long chain. */
  if (self->nodes != NULL)
    {
      for (guint i = 0; i < self->nodes->len; i++)
        _trove_catalog_node_release_children (g_ptr_array_index (self->nodes, i));
      while (self->nodes->len > 0)
        g_ptr_array_remove_index (self->nodes, self->nodes->len - 1);
    }
  g_clear_pointer (&self->top_level, g_hash_table_unref);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_object (&self->roots);
  g_clear_object (&self->all);
  g_clear_object (&self->unassigned);
  g_clear_pointer (&self->own_counts, g_hash_table_unref);
  if (self->assets != NULL)
    g_signal_handlers_disconnect_by_func (self->assets, assets_changed_cb, self);
  g_clear_object (&self->assets);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (trove_catalog_tree_parent_class)->dispose (object);
}

static void
trove_catalog_tree_finalize (GObject *object)
{
  TroveCatalogTree *self = (TroveCatalogTree *)object;

  g_clear_pointer (&self->nodes, g_ptr_array_unref);

  G_OBJECT_CLASS (trove_catalog_tree_parent_class)->finalize (object);
}

static void
trove_catalog_tree_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveCatalogTree *self = TROVE_CATALOG_TREE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_catalog_tree_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  TroveCatalogTree *self = TROVE_CATALOG_TREE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_set_object (&self->file, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_catalog_tree_class_init (TroveCatalogTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = trove_catalog_tree_constructed;
  object_class->dispose = trove_catalog_tree_dispose;
  object_class->finalize = trove_catalog_tree_finalize;
  object_class->get_property = trove_catalog_tree_get_property;
  object_class->set_property = trove_catalog_tree_set_property;

  properties[PROP_FILE]
      = g_param_spec_object ("file", NULL, NULL, TROVE_TYPE_CATALOG_FILE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_catalog_tree_init (TroveCatalogTree *self)
{
  self->roots = g_list_store_new (TROVE_TYPE_CATALOG_NODE);
  self->all = _trove_catalog_node_new_special (TROVE_CATALOG_NODE_ALL);
  self->unassigned = _trove_catalog_node_new_special (TROVE_CATALOG_NODE_UNASSIGNED);
  self->top_level = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->nodes = g_ptr_array_new_with_free_func (g_object_unref);
  self->own_counts = g_hash_table_new (NULL, NULL);

  g_list_store_append (self->roots, self->all);
  g_list_store_append (self->roots, self->unassigned);
}

/* ---------------------------------------------------------------------------
 * Public API
 */

/**
 * trove_catalog_tree_new:
 * @file: the catalog file to show
 *
 * Returns: (transfer full): the tree of @file's catalogs
 */
TroveCatalogTree *
trove_catalog_tree_new (TroveCatalogFile *file)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (file), NULL);

  return g_object_new (TROVE_TYPE_CATALOG_TREE, "file", file, NULL);
}

TroveCatalogFile *
trove_catalog_tree_get_file (TroveCatalogTree *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (self), NULL);
  return self->file;
}

/**
 * trove_catalog_tree_get_roots:
 *
 * Returns: (transfer none): a #GListModel of #TroveCatalogNode: "All", the
 *   top-level catalog nodes in byte order, "Unassigned"
 */
GListModel *
trove_catalog_tree_get_roots (TroveCatalogTree *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (self), NULL);
  return G_LIST_MODEL (self->roots);
}

/**
 * trove_catalog_tree_get_all:
 *
 * Returns: (transfer none): the "All" node
 */
TroveCatalogNode *
trove_catalog_tree_get_all (TroveCatalogTree *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (self), NULL);
  return self->all;
}

/**
 * trove_catalog_tree_get_unassigned:
 *
 * Returns: (transfer none): the "Unassigned" node
 */
TroveCatalogNode *
trove_catalog_tree_get_unassigned (TroveCatalogTree *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (self), NULL);
  return self->unassigned;
}

/**
 * trove_catalog_tree_lookup_path:
 * @path: a clean catalog path (it is not cleaned up: "a\b" finds nothing)
 *
 * Returns: (transfer none) (nullable): the node for @path, virtual or not
 */
TroveCatalogNode *
trove_catalog_tree_lookup_path (TroveCatalogTree *self, const char *path)
{
  g_auto (GStrv) components = NULL;
  TroveCatalogNode *node = NULL;

  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (*path == '\0')
    return NULL;

  components = g_strsplit (path, "/", -1);
  for (guint i = 0; components[i] != NULL; i++)
    {
      node = node == NULL ? g_hash_table_lookup (self->top_level, components[i])
                          : _trove_catalog_node_lookup_child (node, components[i]);
      if (node == NULL)
        return NULL;
    }
  return node;
}

/**
 * trove_catalog_tree_lookup_uuid:
 * @uuid: a UUID in any spelling Blender accepts
 *
 * Returns: (transfer none) (nullable): the node of the catalog with this
 *   UUID; %NULL for unknown UUIDs, for the nil UUID, and for catalogs
 *   without a node (empty or too deep paths)
 */
TroveCatalogNode *
trove_catalog_tree_lookup_uuid (TroveCatalogTree *self, const char *uuid)
{
  gboolean is_nil;

  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return node_for_uuid (self, uuid, &is_nil);
}

/**
 * trove_catalog_tree_get_path_for_uuid:
 * @uuid: a UUID in any spelling Blender accepts
 *
 * Returns: (nullable): the path of @uuid's node, or %NULL (see lookup_uuid())
 */
const char *
trove_catalog_tree_get_path_for_uuid (TroveCatalogTree *self, const char *uuid)
{
  TroveCatalogNode *node;

  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  node = trove_catalog_tree_lookup_uuid (self, uuid);
  return node != NULL ? trove_catalog_node_get_path (node) : NULL;
}

/**
 * trove_catalog_tree_node_matches:
 * @node: a node of this tree
 * @catalog_uuid: an asset's catalog UUID
 *
 * Whether an asset with @catalog_uuid is shown when @node is selected, as in
 * Blender (§4.7): "All" shows everything; "Unassigned" shows the nil UUID
 * and UUIDs that are not catalogs of the file; a catalog node shows the
 * UUIDs of its aliases and of all catalogs below it. The cost is one hash
 * lookup plus a walk up at most TROVE_CATALOG_PATH_MAX_DEPTH parents.
 *
 * Returns: whether the asset matches
 */
gboolean
trove_catalog_tree_node_matches (TroveCatalogTree *self,
                                 TroveCatalogNode *node,
                                 const char *catalog_uuid)
{
  TroveCatalogNode *found;
  gboolean is_nil;

  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (self), FALSE);
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (node), FALSE);
  g_return_val_if_fail (catalog_uuid != NULL, FALSE);

  found = node_for_uuid (self, catalog_uuid, &is_nil);
  switch (trove_catalog_node_get_kind (node))
    {
    case TROVE_CATALOG_NODE_ALL:
      return TRUE;
    case TROVE_CATALOG_NODE_UNASSIGNED:
      return is_unassigned (self, catalog_uuid, found, is_nil);
    case TROVE_CATALOG_NODE_CATALOG:
    default:
      for (; found != NULL; found = trove_catalog_node_get_parent (found))
        if (found == node)
          return TRUE;
      return FALSE;
    }
}

/**
 * trove_catalog_tree_count_assets:
 * @assets: a #GListModel of #TroveAsset
 *
 * Sets every node's asset count to the number of @assets that
 * trove_catalog_tree_node_matches() accepts for it ("All": all of them),
 * notifying "asset-count" where it changed. The tree keeps @assets to
 * recount when catalogs are added; call this again after @assets changed.
 */
void
trove_catalog_tree_count_assets (TroveCatalogTree *self, GListModel *assets)
{
  g_return_if_fail (TROVE_IS_CATALOG_TREE (self));
  g_return_if_fail (G_IS_LIST_MODEL (assets));
  g_return_if_fail (g_type_is_a (g_list_model_get_item_type (assets), TROVE_TYPE_ASSET));

  if (self->assets != assets)
    {
      if (self->assets != NULL)
        g_signal_handlers_disconnect_by_func (self->assets, assets_changed_cb, self);
      g_set_object (&self->assets, assets);
      g_signal_connect_swapped (assets, "items-changed", G_CALLBACK (assets_changed_cb), self);
      self->n_counted = 0;
    }
  count_assets (self);
}
