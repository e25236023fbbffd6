/* trove-cli-catalogs.c: `trove-cli catalogs [--json] LIBRARY`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli.h"

#include <glib/gi18n-lib.h>

/* Catalog paths come from user files: the tree is walked with an explicit
 * stack for the text output, and the JSON depth is bounded the same way. */
#define MAX_PRINT_DEPTH 1024

static const char *
kind_name (TroveCatalogNodeKind kind)
{
  switch (kind)
    {
    case TROVE_CATALOG_NODE_ALL:
      return "all";
    case TROVE_CATALOG_NODE_UNASSIGNED:
      return "unassigned";
    case TROVE_CATALOG_NODE_CATALOG:
    default:
      return "catalog";
    }
}

static void add_nodes (JsonBuilder *builder, GListModel *nodes, guint depth);

static void
add_node (JsonBuilder *builder, TroveCatalogNode *node, guint depth)
{
  const char *const *uuids = trove_catalog_node_get_uuids (node);
  TroveCatalogNodeKind kind = trove_catalog_node_get_kind (node);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind_name (kind));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, trove_catalog_node_get_name (node));
  json_builder_set_member_name (builder, "path");
  if (kind == TROVE_CATALOG_NODE_CATALOG)
    json_builder_add_string_value (builder, trove_catalog_node_get_path (node));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "uuids");
  json_builder_begin_array (builder);
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    json_builder_add_string_value (builder, uuids[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "simple_name");
  json_builder_add_string_value (builder, trove_catalog_node_get_simple_name (node));
  json_builder_set_member_name (builder, "virtual");
  json_builder_add_boolean_value (builder, trove_catalog_node_is_virtual (node));
  json_builder_set_member_name (builder, "asset_count");
  json_builder_add_int_value (builder, trove_catalog_node_get_asset_count (node));
  json_builder_set_member_name (builder, "children");
  add_nodes (builder, trove_catalog_node_get_children (node), depth + 1);
  json_builder_end_object (builder);
}

static void
add_nodes (JsonBuilder *builder, GListModel *nodes, guint depth)
{
  json_builder_begin_array (builder);
  for (guint i = 0; depth < MAX_PRINT_DEPTH && i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr (TroveCatalogNode) node = g_list_model_get_item (nodes, i);
      add_node (builder, node, depth);
    }
  json_builder_end_array (builder);
}

static void
print_json (TroveCliLibrary *library)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *catalog_path = NULL;
  TroveCatalogFile *file = library->catalog_file;
  const GError *error = trove_catalog_file_get_error (file);
  const char *const *warnings = trove_catalog_file_get_warnings (file);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "library");
  json_builder_add_string_value (builder, library->root_path);
  json_builder_set_member_name (builder, "catalog_file");
  if (trove_catalog_file_exists (file))
    {
      g_autofree char *path = g_file_get_path (trove_catalog_file_get_file (file));
      catalog_path = g_filename_display_name (path);
      json_builder_add_string_value (builder, catalog_path);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "error");
  if (error != NULL)
    json_builder_add_string_value (builder, error->message);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, warnings[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "nodes");
  add_nodes (builder, trove_catalog_tree_get_roots (library->tree), 0);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  trove_cli_print_json (root);
}

typedef struct
{
  TroveCatalogNode *node;
  guint depth;
} StackItem;

static void
push_children (GArray *stack, GListModel *nodes, guint depth)
{
  /* Pushed in reverse so that they pop in order. */
  for (guint i = g_list_model_get_n_items (nodes); i > 0; i--)
    {
      StackItem item = { g_list_model_get_item (nodes, i - 1), depth };
      g_array_append_val (stack, item);
    }
}

static void
print_tree (TroveCliLibrary *library)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (StackItem));

  g_print (_ ("Library: %s\n\n"), library->root_path);
  push_children (stack, trove_catalog_tree_get_roots (library->tree), 0);
  while (stack->len > 0)
    {
      StackItem item = g_array_index (stack, StackItem, stack->len - 1);
      const char *const *uuids = trove_catalog_node_get_uuids (item.node);
      g_autofree char *indent = g_strnfill (item.depth * 2, ' ');
      guint n_uuids = uuids != NULL ? g_strv_length ((char **)uuids) : 0;

      g_array_set_size (stack, stack->len - 1);
      g_print ("%s%-*s %6u", indent, (int)MAX (40 - (int)item.depth * 2, 8),
               trove_catalog_node_get_name (item.node),
               trove_catalog_node_get_asset_count (item.node));
      if (trove_catalog_node_is_virtual (item.node))
        /* Translators: after a catalog path that no line of the file defines:
         * Blender makes it as the parent of other catalogs */
        g_print ("  %s", _ ("(implicit)"));
      else if (n_uuids > 1)
        /* Translators: after a catalog path that several lines (UUIDs) define */
        g_print ("  %s", _ ("(aliases)"));
      g_print ("\n");
      if (item.depth < MAX_PRINT_DEPTH)
        push_children (stack, trove_catalog_node_get_children (item.node), item.depth + 1);
      g_object_unref (item.node);
    }
}

int
trove_cli_catalogs (int argc, char **argv)
{
  return trove_cli_run_library_command (
      argc, argv, _ ("LIBRARY — print the catalog tree with asset counts"), print_json, print_tree);
}
