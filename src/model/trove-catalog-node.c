/* trove-catalog-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-node-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/**
 * TroveCatalogNode:
 *
 * One row of the catalog tree. A %TROVE_CATALOG_NODE_CATALOG node stands for
 * one path and unifies every catalog with that path (its aliases); a node
 * whose path no catalog defines is "virtual" (an implicit parent, which
 * Blender would give a new UUID and Trove does not). The "All" and
 * "Unassigned" rows are nodes of their own kinds.
 *
 * Nodes are built by #TroveCatalogTree and are read-only to everyone else.
 * A node keeps its parent alive, so its path stays right even if it
 * outlives the tree; it is no longer updated then, and has no children.
 */
struct _TroveCatalogNode
{
  GObject parent_instance;

  TroveCatalogNodeKind kind;
  char *name;
  char *path; /* built on first use, see get_path() */
  TroveCatalogNode *parent;
  GPtrArray *catalogs; /* TroveCatalog, primary alias first */
  GStrv uuids;         /* the catalogs' UUIDs, same order */
  GListStore *children;
  GHashTable *children_by_name; /* name → TroveCatalogNode, borrowed; created on demand */
  guint asset_count;
};

G_DEFINE_FINAL_TYPE (TroveCatalogNode, trove_catalog_node, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_PATH,
  PROP_UUIDS,
  PROP_SIMPLE_NAME,
  PROP_IS_VIRTUAL,
  PROP_ASSET_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
trove_catalog_node_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TROVE_CATALOG_NODE_ALL, "TROVE_CATALOG_NODE_ALL", "all" },
        { TROVE_CATALOG_NODE_CATALOG, "TROVE_CATALOG_NODE_CATALOG", "catalog" },
        { TROVE_CATALOG_NODE_UNASSIGNED, "TROVE_CATALOG_NODE_UNASSIGNED", "unassigned" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("TroveCatalogNodeKind"), values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static void
trove_catalog_node_dispose (GObject *object)
{
  TroveCatalogNode *self = (TroveCatalogNode *)object;

  _trove_catalog_node_release_children (self);
  g_clear_object (&self->parent);

  G_OBJECT_CLASS (trove_catalog_node_parent_class)->dispose (object);
}

static void
trove_catalog_node_finalize (GObject *object)
{
  TroveCatalogNode *self = (TroveCatalogNode *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->catalogs, g_ptr_array_unref);
  g_clear_pointer (&self->uuids, g_strfreev);

  G_OBJECT_CLASS (trove_catalog_node_parent_class)->finalize (object);
}

static void
trove_catalog_node_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveCatalogNode *self = TROVE_CATALOG_NODE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PATH:
      g_value_set_string (value, trove_catalog_node_get_path (self));
      break;
    case PROP_UUIDS:
      g_value_set_boxed (value, self->uuids);
      break;
    case PROP_SIMPLE_NAME:
      g_value_set_string (value, trove_catalog_node_get_simple_name (self));
      break;
    case PROP_IS_VIRTUAL:
      g_value_set_boolean (value, trove_catalog_node_is_virtual (self));
      break;
    case PROP_ASSET_COUNT:
      g_value_set_uint (value, self->asset_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_catalog_node_class_init (TroveCatalogNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = trove_catalog_node_dispose;
  object_class->finalize = trove_catalog_node_finalize;
  object_class->get_property = trove_catalog_node_get_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, TROVE_TYPE_CATALOG_NODE_KIND,
                                             TROVE_CATALOG_NODE_CATALOG, flags);
  properties[PROP_NAME] = g_param_spec_string (
      "name", NULL, "Last path component, or the label of All/Unassigned", "", flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, "", flags);
  properties[PROP_UUIDS] = g_param_spec_boxed (
      "uuids", NULL, "UUIDs of the catalogs with this path, primary first", G_TYPE_STRV, flags);
  properties[PROP_SIMPLE_NAME]
      = g_param_spec_string ("simple-name", NULL, "Simple name of the primary catalog", "", flags);
  properties[PROP_IS_VIRTUAL] = g_param_spec_boolean (
      "is-virtual", NULL, "An implicit parent that no catalog defines", FALSE, flags);
  properties[PROP_ASSET_COUNT] = g_param_spec_uint (
      "asset-count", NULL, "Assets shown when this row is selected", 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_catalog_node_init (TroveCatalogNode *self)
{
  self->kind = TROVE_CATALOG_NODE_CATALOG;
  self->catalogs = g_ptr_array_new_with_free_func (g_object_unref);
  self->uuids = g_new0 (char *, 1);
  self->children = g_list_store_new (TROVE_TYPE_CATALOG_NODE);
}

/* ---------------------------------------------------------------------------
 * Private API, for TroveCatalogTree
 */

/* The "All" or "Unassigned" row. */
TroveCatalogNode *
_trove_catalog_node_new_special (TroveCatalogNodeKind kind)
{
  TroveCatalogNode *self;

  g_return_val_if_fail (kind == TROVE_CATALOG_NODE_ALL || kind == TROVE_CATALOG_NODE_UNASSIGNED,
                        NULL);

  self = g_object_new (TROVE_TYPE_CATALOG_NODE, NULL);
  self->kind = kind;
  /* Translators: labels of the catalog tree rows that show all assets and
   * the assets in no catalog. */
  /* Translators: catalog tree rows: every asset, and assets in no catalog
   * (Blender's own names for these rows) */
  self->name = g_strdup (kind == TROVE_CATALOG_NODE_ALL ? _ ("All") : _ ("Unassigned"));
  self->path = g_strdup ("");
  return self;
}

/* A virtual catalog node; add catalogs to make it real. @parent may be NULL
 * for a top-level node. The caller inserts it into the parent. */
TroveCatalogNode *
_trove_catalog_node_new (const char *name, TroveCatalogNode *parent)
{
  TroveCatalogNode *self;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (parent == NULL || TROVE_IS_CATALOG_NODE (parent), NULL);

  self = g_object_new (TROVE_TYPE_CATALOG_NODE, NULL);
  self->name = g_strdup (name);
  if (parent != NULL)
    self->parent = g_object_ref (parent);
  return self;
}

TroveCatalogNode *
_trove_catalog_node_lookup_child (TroveCatalogNode *self, const char *name)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), NULL);

  if (self->children_by_name == NULL)
    return NULL;
  return g_hash_table_lookup (self->children_by_name, name);
}

/* Orders rows as Blender's tree does: "All" first, "Unassigned" last, and
 * catalog nodes by the bytes of their names (std::map order). */
int
_trove_catalog_node_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  static const int rank[] = {
    [TROVE_CATALOG_NODE_ALL] = 0,
    [TROVE_CATALOG_NODE_CATALOG] = 1,
    [TROVE_CATALOG_NODE_UNASSIGNED] = 2,
  };
  const TroveCatalogNode *node_a = a;
  const TroveCatalogNode *node_b = b;

  if (node_a->kind != node_b->kind)
    return rank[node_a->kind] - rank[node_b->kind];
  return strcmp (node_a->name, node_b->name);
}

void
_trove_catalog_node_insert_child (TroveCatalogNode *self, TroveCatalogNode *child)
{
  g_return_if_fail (TROVE_IS_CATALOG_NODE (self));
  g_return_if_fail (TROVE_IS_CATALOG_NODE (child));
  g_return_if_fail (child->parent == self);

  if (self->children == NULL)
    return; /* released: the tree is gone */
  if (self->children_by_name == NULL)
    self->children_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (self->children_by_name, child->name, child);
  g_list_store_insert_sorted (self->children, child, _trove_catalog_node_compare, NULL);
}

static void
refresh_uuids (TroveCatalogNode *self)
{
  g_strfreev (self->uuids);
  self->uuids = g_new0 (char *, self->catalogs->len + 1);
  for (guint i = 0; i < self->catalogs->len; i++)
    self->uuids[i] = g_strdup (trove_catalog_get_uuid (g_ptr_array_index (self->catalogs, i)));
}

/* Adds an alias. Aliases are kept in write order (first-loaded, then UUID),
 * so the primary is the one Blender's tree would show. */
void
_trove_catalog_node_add_catalog (TroveCatalogNode *self, TroveCatalog *catalog)
{
  g_autofree char *old_simple_name = NULL;
  gboolean was_virtual;
  guint position = 0;

  g_return_if_fail (TROVE_IS_CATALOG_NODE (self));
  g_return_if_fail (TROVE_IS_CATALOG (catalog));
  g_return_if_fail (self->kind == TROVE_CATALOG_NODE_CATALOG);

  was_virtual = trove_catalog_node_is_virtual (self);
  old_simple_name = g_strdup (trove_catalog_node_get_simple_name (self));

  while (position < self->catalogs->len
         && trove_catalog_compare_for_write (g_ptr_array_index (self->catalogs, position), catalog)
                < 0)
    position++;
  g_ptr_array_insert (self->catalogs, position, g_object_ref (catalog));
  refresh_uuids (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUIDS]);
  if (was_virtual)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_VIRTUAL]);
  if (strcmp (old_simple_name, trove_catalog_node_get_simple_name (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIMPLE_NAME]);
}

void
_trove_catalog_node_set_asset_count (TroveCatalogNode *self, guint count)
{
  g_return_if_fail (TROVE_IS_CATALOG_NODE (self));

  if (self->asset_count == count)
    return;
  self->asset_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSET_COUNT]);
}

/* Children keep their parents alive (for get_path()), so parents must drop
 * their children explicitly to break the cycle; the tree does this for all
 * nodes when it goes away. A list model someone still holds keeps its
 * items; the node itself then has no children. */
void
_trove_catalog_node_release_children (TroveCatalogNode *self)
{
  g_return_if_fail (TROVE_IS_CATALOG_NODE (self));

  g_clear_pointer (&self->children_by_name, g_hash_table_unref);
  g_clear_object (&self->children);
}

/* ---------------------------------------------------------------------------
 * Public API
 */

TroveCatalogNodeKind
trove_catalog_node_get_kind (TroveCatalogNode *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), TROVE_CATALOG_NODE_CATALOG);
  return self->kind;
}

/**
 * trove_catalog_node_get_name:
 *
 * Returns: the last component of the path, or the translated label of the
 *   "All" and "Unassigned" rows
 */
const char *
trove_catalog_node_get_name (TroveCatalogNode *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), NULL);
  return self->name;
}

/**
 * trove_catalog_node_get_path:
 *
 * The full catalog path, "" for "All" and "Unassigned". It is assembled on
 * first use and then kept: storing every prefix up front would take memory
 * quadratic in the path depth on a hostile file.
 *
 * Returns: the path
 */
const char *
trove_catalog_node_get_path (TroveCatalogNode *self)
{
  g_autoptr (GPtrArray) names = NULL;
  GString *path;

  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), NULL);

  if (self->path != NULL)
    return self->path;

  names = g_ptr_array_new ();
  for (TroveCatalogNode *node = self; node != NULL; node = node->parent)
    g_ptr_array_add (names, node->name);

  path = g_string_new (NULL);
  for (guint i = names->len; i > 0; i--)
    {
      if (path->len > 0)
        g_string_append_c (path, '/');
      g_string_append (path, g_ptr_array_index (names, i - 1));
    }
  self->path = g_string_free (path, FALSE);
  return self->path;
}

/**
 * trove_catalog_node_get_uuids:
 *
 * The UUIDs of all catalogs with exactly this path, in write order: the
 * first-loaded one (the primary) first, then by UUID. Empty for virtual
 * nodes and for "All" and "Unassigned".
 *
 * Returns: (transfer none): a %NULL-terminated array
 */
const char *const *
trove_catalog_node_get_uuids (TroveCatalogNode *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), NULL);
  return (const char *const *)self->uuids;
}

/**
 * trove_catalog_node_get_simple_name:
 *
 * Returns: the simple name of the primary catalog, "" for virtual nodes and
 *   for "All" and "Unassigned"
 */
const char *
trove_catalog_node_get_simple_name (TroveCatalogNode *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), NULL);

  if (self->catalogs->len == 0)
    return "";
  return trove_catalog_get_simple_name (g_ptr_array_index (self->catalogs, 0));
}

/**
 * trove_catalog_node_is_virtual:
 *
 * Returns: whether this is a catalog node that no catalog defines (an
 *   implicit parent); FALSE for "All" and "Unassigned"
 */
gboolean
trove_catalog_node_is_virtual (TroveCatalogNode *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), FALSE);
  return self->kind == TROVE_CATALOG_NODE_CATALOG && self->catalogs->len == 0;
}

/**
 * trove_catalog_node_get_parent:
 *
 * Returns: (transfer none) (nullable): the parent node, %NULL for top-level
 *   nodes and for "All" and "Unassigned"
 */
TroveCatalogNode *
trove_catalog_node_get_parent (TroveCatalogNode *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), NULL);
  return self->parent;
}

/**
 * trove_catalog_node_get_children:
 *
 * The child nodes, sorted by the bytes of their names as in Blender. Made
 * for GtkTreeListModel: never %NULL (empty for leaves), and it emits
 * items-changed when the tree grows.
 *
 * Returns: (transfer none): a #GListModel of #TroveCatalogNode
 */
GListModel *
trove_catalog_node_get_children (TroveCatalogNode *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), NULL);

  if (self->children == NULL)
    self->children = g_list_store_new (TROVE_TYPE_CATALOG_NODE);
  return G_LIST_MODEL (self->children);
}

/**
 * trove_catalog_node_get_asset_count:
 *
 * Returns: how many assets trove_catalog_tree_count_assets() found for this
 *   row (descendants included)
 */
guint
trove_catalog_node_get_asset_count (TroveCatalogNode *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_NODE (self), 0);
  return self->asset_count;
}
