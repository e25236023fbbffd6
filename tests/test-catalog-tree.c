/* test-catalog-tree.c: the unified catalog tree, filters and counts
 *
 * Ports of Blender's asset_catalog_tree_test.cc (blender-catalogs.md §7.4)
 * and of the filter cases of asset_catalog_test.cc (§7.2 #32–34, §4.7), plus
 * Trove's own rules: implicit parents are virtual, aliases share a node.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-utils.h"
#include "trove-asset.h"
#include "trove-catalog-path.h"
#include "trove-catalog-tree.h"

#define NIL_UUID "00000000-0000-0000-0000-000000000000"

#define UUID_ID_WITHOUT_PATH "e34dd2c5-5d2e-4668-9794-1db5de2a4f71"
#define UUID_POSES_ELLIE "df60e1f6-2259-475b-93d9-69a1b4a8db78"
#define UUID_POSES_ELLIE_WHITESPACE "b06132f6-5687-4751-a6dd-392740eb3c46"
#define UUID_POSES_ELLIE_TRAILING_SLASH "3376b94b-a28d-4d05-86c1-bf30b937130d"
#define UUID_POSES_ELLIE_BACKSLASHES "a51e17ae-34fc-47d5-ba0f-64c2c9b771f7"
#define UUID_POSES_RUZENA "79a4f887-ab60-4bd4-94da-d572e27d6aed"
#define UUID_POSES_RUZENA_HAND "81811c31-1a88-4bd7-bb34-c6fc2607a12e"
#define UUID_POSES_RUZENA_FACE "82162c1f-06cc-4d91-a9bf-4f72c104e348"
#define UUID_WITHOUT_SIMPLENAME "d7916a31-6ca9-4909-955f-182ca2b81fa3"
#define UUID_ANOTHER_RUZENA "00000000-d9fa-4b91-b704-e6af1f1339ef"

#define UUID_UNKNOWN "8e64a4c4-5b0e-4c8c-8bd5-2c1b7c9d1f00"
#define UUID_A "11111111-1111-4111-8111-111111111111"
#define UUID_B "22222222-2222-4222-8222-222222222222"
#define UUID_C "33333333-3333-4333-8333-333333333333"

/* ---------------------------------------------------------------------------
 * Helpers
 */

static TroveCatalogFile *
parse_text (const char *text)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/trove-test/blender_assets.cats.txt");

  return trove_catalog_file_new_from_data (file, text, strlen (text));
}

static TroveCatalogFile *
load_fixture (const char *name)
{
  g_autofree char *path = trove_test_data_path ("catalogs", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return trove_catalog_file_load (file);
}

/* A file with one catalog per path, UUIDs made up in order. */
static TroveCatalogFile *
file_with_paths (const char *const *paths)
{
  g_autoptr (GString) text = g_string_new ("VERSION 1\n");

  for (guint i = 0; paths[i] != NULL; i++)
    g_string_append_printf (text, "%08x-0000-4000-8000-000000000000:%s:\n", i + 1, paths[i]);
  return parse_text (text->str);
}

static TroveCatalogNode *
child_at (GListModel *model, guint position)
{
  TroveCatalogNode *node = g_list_model_get_item (model, position);

  /* The model keeps it alive; the tests do not need their own reference. */
  g_object_unref (node);
  return node;
}

static void
collect_preorder (GListModel *model, GPtrArray *paths)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      TroveCatalogNode *node = child_at (model, i);

      if (trove_catalog_node_get_kind (node) != TROVE_CATALOG_NODE_CATALOG)
        continue;
      g_ptr_array_add (paths, g_strdup (trove_catalog_node_get_path (node)));
      collect_preorder (trove_catalog_node_get_children (node), paths);
    }
}

/* Unlike Blender's helper, this checks the count as well (§7.4). */
static void
assert_tree_items (TroveCatalogTree *tree, const char *const *expected)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *actual = NULL;
  g_autofree char *wanted = g_strjoinv ("\n", (char **)expected);

  collect_preorder (trove_catalog_tree_get_roots (tree), paths);
  g_ptr_array_add (paths, NULL);
  actual = g_strjoinv ("\n", (char **)paths->pdata);
  g_assert_cmpstr (actual, ==, wanted);
}

/* Names of the rows of @model, "|"-separated. */
static char *
row_names (GListModel *model)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (names, (gpointer)trove_catalog_node_get_name (child_at (model, i)));
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **)names->pdata);
}

static void
assert_rows (GListModel *model, const char *expected)
{
  g_autofree char *names = row_names (model);

  g_assert_cmpstr (names, ==, expected);
}

static void
assert_uuids (TroveCatalogNode *node, const char *expected)
{
  g_autofree char *uuids = g_strjoinv ("|", (char **)trove_catalog_node_get_uuids (node));

  g_assert_cmpstr (uuids, ==, expected);
}

static TroveCatalogNode *
lookup (TroveCatalogTree *tree, const char *path)
{
  TroveCatalogNode *node = trove_catalog_tree_lookup_path (tree, path);

  g_assert_nonnull (node);
  g_assert_cmpstr (trove_catalog_node_get_path (node), ==, path);
  return node;
}

static TroveAsset *
new_asset (const char *catalog_uuid)
{
  return g_object_new (TROVE_TYPE_ASSET, "id-type", "MA", "name", "x", "catalog-id", catalog_uuid,
                       NULL);
}

static GListStore *
assets_with_uuids (const char *const *uuids)
{
  GListStore *store = g_list_store_new (TROVE_TYPE_ASSET);

  for (guint i = 0; uuids[i] != NULL; i++)
    {
      g_autoptr (TroveAsset) asset = new_asset (uuids[i]);
      g_list_store_append (store, asset);
    }
  return store;
}

static void
collect_all_nodes (GListModel *model, GPtrArray *nodes)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      TroveCatalogNode *node = child_at (model, i);

      g_ptr_array_add (nodes, node);
      collect_all_nodes (trove_catalog_node_get_children (node), nodes);
    }
}

/* Every count equals the number of assets node_matches() accepts. */
static void
assert_counts_consistent (TroveCatalogTree *tree, GListModel *assets)
{
  g_autoptr (GPtrArray) nodes = g_ptr_array_new ();

  collect_all_nodes (trove_catalog_tree_get_roots (tree), nodes);
  for (guint i = 0; i < nodes->len; i++)
    {
      TroveCatalogNode *node = g_ptr_array_index (nodes, i);
      guint expected = 0;

      for (guint j = 0; j < g_list_model_get_n_items (assets); j++)
        {
          g_autoptr (TroveAsset) asset = g_list_model_get_item (assets, j);
          if (trove_catalog_tree_node_matches (tree, node, trove_asset_get_catalog_id (asset)))
            expected++;
        }
      g_assert_cmpuint (trove_catalog_node_get_asset_count (node), ==, expected);
    }
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, guint *count)
{
  *count += added;
}

/* ---------------------------------------------------------------------------
 * Shape (Blender's AssetCatalogTreeTest)
 */

static void
assert_tree_for_paths (const char *const *paths, const char *const *expected)
{
  g_autoptr (TroveCatalogFile) file = file_with_paths (paths);
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);

  assert_tree_items (tree, expected);
}

/* [test: insert_item_into_tree], with the catalogs Blender's test meant to
 * insert (it re-inserted the first one, §7.4). */
static void
test_insert_items (void)
{
  {
    const char *paths[] = { "", NULL };
    const char *expected[] = { NULL };
    assert_tree_for_paths (paths, expected);
  }
  {
    const char *paths[] = { "item", NULL };
    const char *expected[] = { "item", NULL };
    assert_tree_for_paths (paths, expected);
  }
  {
    const char *paths[] = { "item", "item/child", NULL };
    const char *expected[] = { "item", "item/child", NULL };
    assert_tree_for_paths (paths, expected);
  }
  {
    const char *paths[]
        = { "item", "item/child", "item/child/grandchild/grandgrandchild", "root level", NULL };
    const char *expected[] = {
      "item",       "item/child", "item/child/grandchild", "item/child/grandchild/grandgrandchild",
      "root level", NULL
    };
    assert_tree_for_paths (paths, expected);
  }
  {
    const char *paths[] = { "item/child", NULL };
    const char *expected[] = { "item", "item/child", NULL };
    assert_tree_for_paths (paths, expected);
  }
  {
    const char *paths[] = { "white space", NULL };
    const char *expected[] = { "white space", NULL };
    assert_tree_for_paths (paths, expected);
  }
  {
    const char *paths[] = { "/item/white space", NULL };
    const char *expected[] = { "item", "item/white space", NULL };
    assert_tree_for_paths (paths, expected);
  }
  {
    const char *paths[] = { "Ružena", "Ružena/Ružena", NULL };
    const char *expected[] = { "Ružena", "Ružena/Ružena", NULL };
    assert_tree_for_paths (paths, expected);
  }
}

/* [test: load_single_file_into_tree] */
static void
test_load_single_file_into_tree (void)
{
  const char *expected[] = {
    "character",
    "character/Ellie",
    "character/Ellie/backslashes",
    "character/Ellie/poselib",
    "character/Ellie/poselib/tailslash",
    "character/Ellie/poselib/white space",
    "character/Ružena",
    "character/Ružena/poselib",
    "character/Ružena/poselib/face",
    "character/Ružena/poselib/hand",
    "path",
    "path/without",
    "path/without/simplename",
    NULL,
  };
  g_autoptr (TroveCatalogFile) file = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);

  g_assert_true (trove_catalog_tree_get_file (tree) == file);
  assert_tree_items (tree, expected);
}

/* [test: foreach_in_tree] */
static void
test_foreach_in_tree (void)
{
  g_autoptr (TroveCatalogFile) empty_file = parse_text ("VERSION 1\n");
  g_autoptr (TroveCatalogTree) empty = trove_catalog_tree_new (empty_file);
  g_autoptr (TroveCatalogFile) file = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);
  GListModel *roots = trove_catalog_tree_get_roots (tree);

  assert_rows (trove_catalog_tree_get_roots (empty), "All|Unassigned");

  assert_rows (roots, "All|character|path|Unassigned");
  assert_rows (trove_catalog_node_get_children (child_at (roots, 1)), "Ellie|Ružena");
  assert_rows (trove_catalog_node_get_children (child_at (roots, 2)), "without");
  /* Leaves have an empty model, never NULL. */
  g_assert_cmpuint (g_list_model_get_n_items (trove_catalog_node_get_children (
                        lookup (tree, "character/Ellie/backslashes"))),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (
                        trove_catalog_node_get_children (trove_catalog_tree_get_all (tree))),
                    ==, 0);
}

/* Implicit parents are virtual: no UUID, no simple name (Blender would
 * invent a catalog for each). */
static void
test_virtual_nodes (void)
{
  static const char *const virtual_paths[] = {
    "character", "character/Ellie", "character/Ružena", "path", "path/without",
  };
  g_autoptr (TroveCatalogFile) file = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);
  TroveCatalogNode *node;

  for (guint i = 0; i < G_N_ELEMENTS (virtual_paths); i++)
    {
      node = lookup (tree, virtual_paths[i]);
      g_assert_true (trove_catalog_node_is_virtual (node));
      g_assert_cmpuint (g_strv_length ((char **)trove_catalog_node_get_uuids (node)), ==, 0);
      g_assert_cmpstr (trove_catalog_node_get_simple_name (node), ==, "");
    }

  node = lookup (tree, "path/without/simplename");
  g_assert_false (trove_catalog_node_is_virtual (node));
  assert_uuids (node, UUID_WITHOUT_SIMPLENAME);
  g_assert_cmpstr (trove_catalog_node_get_simple_name (node), ==, "");
  g_assert_cmpstr (trove_catalog_node_get_name (node), ==, "simplename");
  g_assert_true (trove_catalog_node_get_parent (node) == lookup (tree, "path/without"));
  g_assert_null (trove_catalog_node_get_parent (lookup (tree, "path")));

  node = lookup (tree, "character/Ellie/poselib/white space");
  g_assert_false (trove_catalog_node_is_virtual (node));
  g_assert_cmpstr (trove_catalog_node_get_simple_name (node), ==, "POSES_ELLIE WHITESPACE");
}

/* One node per path; aliases in write order; the primary's simple name. */
static void
test_aliases (void)
{
  g_autoptr (TroveCatalogFile) fixture = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogTree) fixture_tree = trove_catalog_tree_new (fixture);
  g_autoptr (TroveCatalogFile) manual = load_fixture ("manual-example.cats.txt");
  g_autoptr (TroveCatalogTree) manual_tree = trove_catalog_tree_new (manual);
  g_autoptr (TroveCatalogFile) runtime = parse_text ("VERSION 1\n");
  g_autoptr (TroveCatalogTree) runtime_tree = trove_catalog_tree_new (runtime);
  g_autoptr (TroveCatalog) b = trove_catalog_new (UUID_B, "x/y", "B");
  g_autoptr (TroveCatalog) a = trove_catalog_new (UUID_A, "x/y", "A");
  TroveCatalogNode *node;

  /* The first-loaded alias first although 00000000-… sorts first. */
  node = lookup (fixture_tree, "character/Ružena/poselib");
  assert_uuids (node, UUID_POSES_RUZENA "|" UUID_ANOTHER_RUZENA);
  g_assert_cmpstr (trove_catalog_node_get_simple_name (node), ==, "POSES_RUŽENA");
  g_assert_true (trove_catalog_tree_lookup_uuid (fixture_tree, UUID_ANOTHER_RUZENA) == node);
  assert_rows (trove_catalog_node_get_children (lookup (fixture_tree, "character/Ružena")),
               "poselib");

  /* "/character/Elly/poselib/" is the same path as "/character/Elly/poselib". */
  node = lookup (manual_tree, "character/Elly/poselib");
  assert_uuids (node, "cd66bf52-58f4-45cb-a4e2-dc0e0ee8f3fe|ee9c7b60-02f1-4058-bed6-539b8d2a6d34");
  g_assert_cmpstr (trove_catalog_node_get_simple_name (node), ==, "POSES_ELLY");
  assert_rows (trove_catalog_node_get_children (lookup (manual_tree, "character/Elly")), "poselib");

  /* Catalogs added at run time are never first-loaded: UUID order. */
  g_assert_true (trove_catalog_file_add (runtime, b));
  g_assert_true (trove_catalog_file_add (runtime, a));
  node = lookup (runtime_tree, "x/y");
  assert_uuids (node, UUID_A "|" UUID_B);
  g_assert_cmpstr (trove_catalog_node_get_simple_name (node), ==, "A");
}

/* §3.3: byte-wise, case-sensitive, not natural; non-ASCII last. */
static void
test_byte_order (void)
{
  const char *paths[] = {
    "b",   "B",  "a",   "A",   "item10", "item2", "Ž",   "z",  "a b",
    "a-b", "a0", "p/b", "p/B", "p/a",    "p/Ž",   "p/z", NULL,
  };
  g_autoptr (TroveCatalogFile) file = file_with_paths (paths);
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);

  assert_rows (trove_catalog_tree_get_roots (tree),
               "All|A|B|a|a b|a-b|a0|b|item10|item2|p|z|Ž|Unassigned");
  assert_rows (trove_catalog_node_get_children (lookup (tree, "p")), "B|a|b|z|Ž");
}

static void
test_lookup (void)
{
  g_autoptr (TroveCatalogFile) file = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);

  lookup (tree, "character/Ellie/backslashes");
  lookup (tree, "character");
  g_assert_null (trove_catalog_tree_lookup_path (tree, "character\\Ellie\\backslashes"));
  g_assert_null (trove_catalog_tree_lookup_path (tree, ""));
  g_assert_null (trove_catalog_tree_lookup_path (tree, "/character"));
  g_assert_null (trove_catalog_tree_lookup_path (tree, "character//Ellie"));
  g_assert_null (trove_catalog_tree_lookup_path (tree, "character/Ellie/"));
  g_assert_null (trove_catalog_tree_lookup_path (tree, "nothing"));

  g_assert_cmpstr (trove_catalog_tree_get_path_for_uuid (tree, UUID_POSES_ELLIE_BACKSLASHES), ==,
                   "character/Ellie/backslashes");
  g_assert_cmpstr (
      trove_catalog_tree_get_path_for_uuid (tree, "A51E17AE-34FC-47D5-BA0F-64C2C9B771F7"), ==,
      "character/Ellie/backslashes");
  g_assert_cmpstr (trove_catalog_tree_get_path_for_uuid (tree, UUID_ANOTHER_RUZENA), ==,
                   "character/Ružena/poselib");
  g_assert_null (trove_catalog_tree_get_path_for_uuid (tree, UUID_UNKNOWN));
  g_assert_null (trove_catalog_tree_get_path_for_uuid (tree, UUID_ID_WITHOUT_PATH));
  g_assert_null (trove_catalog_tree_get_path_for_uuid (tree, NIL_UUID));
  g_assert_null (trove_catalog_tree_get_path_for_uuid (tree, "garbage"));
  g_assert_null (trove_catalog_tree_lookup_uuid (tree, UUID_UNKNOWN));
}

static void
test_special_nodes (void)
{
  g_autoptr (TroveCatalogFile) file = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);
  GListModel *roots = trove_catalog_tree_get_roots (tree);
  TroveCatalogNode *all = trove_catalog_tree_get_all (tree);
  TroveCatalogNode *unassigned = trove_catalog_tree_get_unassigned (tree);
  TroveCatalogNode *node = lookup (tree, "character/Ellie/poselib");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_auto (GStrv) uuids = NULL;
  TroveCatalogNodeKind kind;
  gboolean is_virtual;

  g_assert_true (child_at (roots, 0) == all);
  g_assert_true (child_at (roots, g_list_model_get_n_items (roots) - 1) == unassigned);
  g_assert_cmpint (trove_catalog_node_get_kind (all), ==, TROVE_CATALOG_NODE_ALL);
  g_assert_cmpint (trove_catalog_node_get_kind (unassigned), ==, TROVE_CATALOG_NODE_UNASSIGNED);
  g_assert_cmpint (trove_catalog_node_get_kind (node), ==, TROVE_CATALOG_NODE_CATALOG);
  g_assert_cmpstr (trove_catalog_node_get_name (all), ==, "All");
  g_assert_cmpstr (trove_catalog_node_get_name (unassigned), ==, "Unassigned");
  g_assert_cmpstr (trove_catalog_node_get_path (all), ==, "");
  g_assert_false (trove_catalog_node_is_virtual (all));
  g_assert_false (trove_catalog_node_is_virtual (unassigned));
  g_assert_null (trove_catalog_node_get_parent (all));
  g_assert_cmpuint (g_strv_length ((char **)trove_catalog_node_get_uuids (unassigned)), ==, 0);

  /* Properties, for GtkBuilder expressions. */
  g_object_get (node, "name", &name, "path", &path, "uuids", &uuids, "kind", &kind, "is-virtual",
                &is_virtual, NULL);
  g_assert_cmpstr (name, ==, "poselib");
  g_assert_cmpstr (path, ==, "character/Ellie/poselib");
  g_assert_cmpstr (uuids[0], ==, UUID_POSES_ELLIE);
  g_assert_null (uuids[1]);
  g_assert_cmpint (kind, ==, TROVE_CATALOG_NODE_CATALOG);
  g_assert_false (is_virtual);
}

/* ---------------------------------------------------------------------------
 * Filters (§4.7)
 */

/* [test: create_catalog_filter] */
static void
test_catalog_filter (void)
{
  g_autoptr (TroveCatalogFile) file = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);
  g_autoptr (TroveCatalog) alias = trove_catalog_new (UUID_A, "character/Ružena/poselib", "");
  g_autoptr (TroveCatalog) alias_hand
      = trove_catalog_new (UUID_B, "character/Ružena/poselib/hand", "");
  TroveCatalogNode *node = lookup (tree, "character/Ružena/poselib");

  /* Aliases created at run time. */
  g_assert_true (trove_catalog_file_add (file, alias));
  g_assert_true (trove_catalog_file_add (file, alias_hand));

  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_POSES_RUZENA));
  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_POSES_RUZENA_HAND));
  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_POSES_RUZENA_FACE));
  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_ANOTHER_RUZENA));
  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_A));
  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_B));
  g_assert_true (
      trove_catalog_tree_node_matches (tree, node, "79A4F887-AB60-4BD4-94DA-D572E27D6AED"));

  g_assert_false (trove_catalog_tree_node_matches (tree, node, NIL_UUID));
  g_assert_false (trove_catalog_tree_node_matches (tree, node, UUID_ID_WITHOUT_PATH));
  g_assert_false (trove_catalog_tree_node_matches (tree, node, UUID_POSES_ELLIE));
  g_assert_false (trove_catalog_tree_node_matches (tree, node, UUID_POSES_ELLIE_WHITESPACE));
  g_assert_false (trove_catalog_tree_node_matches (tree, node, UUID_POSES_ELLIE_TRAILING_SLASH));
  g_assert_false (trove_catalog_tree_node_matches (tree, node, UUID_WITHOUT_SIMPLENAME));
  g_assert_false (trove_catalog_tree_node_matches (tree, node, UUID_UNKNOWN));
  g_assert_false (trove_catalog_tree_node_matches (tree, node, "garbage"));

  /* A child does not match its parent's UUID. */
  g_assert_false (trove_catalog_tree_node_matches (
      tree, lookup (tree, "character/Ružena/poselib/hand"), UUID_POSES_RUZENA));

  /* A virtual node shows everything below it. */
  node = lookup (tree, "character");
  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_POSES_ELLIE));
  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_POSES_RUZENA_FACE));
  g_assert_true (trove_catalog_tree_node_matches (tree, node, UUID_ANOTHER_RUZENA));
  g_assert_false (trove_catalog_tree_node_matches (tree, node, UUID_WITHOUT_SIMPLENAME));
}

/* [test: create_catalog_filter_for_unknown_uuid],
 * [test: create_catalog_filter_for_unassigned_assets]: in the tree, nil and
 * unknown UUIDs are exactly what "Unassigned" shows. */
static void
test_unassigned_filter (void)
{
  g_autoptr (TroveCatalogFile) file
      = parse_text ("VERSION 1\n" UUID_A ":a/b:\n" UUID_B ":\n" NIL_UUID ":nil/catalog:\n");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);
  TroveCatalogNode *unassigned = trove_catalog_tree_get_unassigned (tree);
  TroveCatalogNode *all = trove_catalog_tree_get_all (tree);
  TroveCatalogNode *nil_node = lookup (tree, "nil/catalog");
  const char *const everything[] = {
    UUID_A, UUID_B, NIL_UUID, UUID_UNKNOWN, "garbage", "", "00000000-0-0-0000-000000000000", NULL,
  };

  for (guint i = 0; everything[i] != NULL; i++)
    g_assert_true (trove_catalog_tree_node_matches (tree, all, everything[i]));

  g_assert_true (trove_catalog_tree_node_matches (tree, unassigned, NIL_UUID));
  g_assert_true (
      trove_catalog_tree_node_matches (tree, unassigned, "00000000-0-0-0000-000000000000"));
  g_assert_true (trove_catalog_tree_node_matches (tree, unassigned, UUID_UNKNOWN));
  g_assert_true (trove_catalog_tree_node_matches (tree, unassigned, "garbage"));
  g_assert_true (trove_catalog_tree_node_matches (tree, unassigned, ""));
  g_assert_false (trove_catalog_tree_node_matches (tree, unassigned, UUID_A));
  g_assert_false (
      trove_catalog_tree_node_matches (tree, unassigned, "11111111-1111-4111-8111-111111111111"));
  /* A catalog with an empty path is known, so not Unassigned, though no
   * node shows it (§1.4). */
  g_assert_false (trove_catalog_tree_node_matches (tree, unassigned, UUID_B));
  g_assert_false (trove_catalog_tree_node_matches (tree, lookup (tree, "a"), UUID_B));

  /* Nil means "no catalog", even where a file defines a nil catalog. */
  assert_uuids (nil_node, NIL_UUID);
  g_assert_false (trove_catalog_tree_node_matches (tree, nil_node, NIL_UUID));
  g_assert_false (trove_catalog_tree_node_matches (tree, lookup (tree, "nil"), NIL_UUID));
}

/* ---------------------------------------------------------------------------
 * Counts
 */

static void
test_counts (void)
{
  const char *const uuids[] = {
    UUID_POSES_ELLIE,
    UUID_POSES_ELLIE,
    UUID_POSES_ELLIE_TRAILING_SLASH,
    UUID_POSES_RUZENA,
    UUID_ANOTHER_RUZENA,
    UUID_POSES_RUZENA_HAND,
    UUID_WITHOUT_SIMPLENAME,
    NIL_UUID,
    UUID_UNKNOWN,
    UUID_ID_WITHOUT_PATH,
    NULL,
  };
  g_autoptr (TroveCatalogFile) file = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);
  g_autoptr (GListStore) assets = assets_with_uuids (uuids);
  g_autoptr (TroveAsset) extra = new_asset (UUID_POSES_RUZENA_FACE);
  TroveCatalogNode *ruzena = lookup (tree, "character/Ružena/poselib");
  guint notified = 0;
  guint ruzena_notified = 0;

  trove_catalog_tree_count_assets (tree, G_LIST_MODEL (assets));

  g_assert_cmpuint (trove_catalog_node_get_asset_count (trove_catalog_tree_get_all (tree)), ==, 10);
  /* nil, unknown, and the dropped "uuid::" line (not a catalog). */
  g_assert_cmpuint (trove_catalog_node_get_asset_count (trove_catalog_tree_get_unassigned (tree)),
                    ==, 3);
  g_assert_cmpuint (trove_catalog_node_get_asset_count (lookup (tree, "character")), ==, 6);
  g_assert_cmpuint (trove_catalog_node_get_asset_count (lookup (tree, "character/Ellie")), ==, 3);
  g_assert_cmpuint (trove_catalog_node_get_asset_count (lookup (tree, "character/Ellie/poselib")),
                    ==, 3);
  g_assert_cmpuint (
      trove_catalog_node_get_asset_count (lookup (tree, "character/Ellie/poselib/tailslash")), ==,
      1);
  g_assert_cmpuint (
      trove_catalog_node_get_asset_count (lookup (tree, "character/Ellie/poselib/white space")), ==,
      0);
  /* Both aliases, plus the hand below. */
  g_assert_cmpuint (trove_catalog_node_get_asset_count (ruzena), ==, 3);
  g_assert_cmpuint (trove_catalog_node_get_asset_count (lookup (tree, "path")), ==, 1);
  assert_counts_consistent (tree, G_LIST_MODEL (assets));

  /* Recounting the same assets notifies nothing; adding one notifies the
   * nodes whose count changes: All, face and its three ancestors. */
  g_signal_connect (trove_catalog_tree_get_all (tree), "notify::asset-count",
                    G_CALLBACK (count_notify_cb), &notified);
  g_signal_connect (ruzena, "notify::asset-count", G_CALLBACK (count_notify_cb), &ruzena_notified);
  g_signal_connect (lookup (tree, "character/Ellie"), "notify::asset-count",
                    G_CALLBACK (count_notify_cb), &notified);
  trove_catalog_tree_count_assets (tree, G_LIST_MODEL (assets));
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpuint (ruzena_notified, ==, 0);

  g_list_store_append (assets, extra);
  trove_catalog_tree_count_assets (tree, G_LIST_MODEL (assets));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (ruzena_notified, ==, 1);
  g_assert_cmpuint (trove_catalog_node_get_asset_count (ruzena), ==, 4);
  assert_counts_consistent (tree, G_LIST_MODEL (assets));

  /* Counting only adds what was appended; any other change counts anew:
   * an Ellie asset removed from the front, then face inserted there. */
  g_list_store_remove (assets, 0);
  trove_catalog_tree_count_assets (tree, G_LIST_MODEL (assets));
  g_assert_cmpuint (trove_catalog_node_get_asset_count (lookup (tree, "character/Ellie")), ==, 2);
  assert_counts_consistent (tree, G_LIST_MODEL (assets));
  g_list_store_insert (assets, 0, extra);
  trove_catalog_tree_count_assets (tree, G_LIST_MODEL (assets));
  g_assert_cmpuint (trove_catalog_node_get_asset_count (ruzena), ==, 5);
  g_assert_cmpuint (trove_catalog_node_get_asset_count (trove_catalog_tree_get_all (tree)), ==, 11);
  assert_counts_consistent (tree, G_LIST_MODEL (assets));
}

/* Adding a catalog updates the tree in place: new rows appear through
 * items-changed, a virtual node becomes real, and counts follow. */
static void
test_live_update (void)
{
  const char *const uuids[] = { UUID_A, UUID_B, UUID_C, NULL };
  g_autoptr (TroveCatalogFile) file = parse_text ("VERSION 1\n" UUID_A ":x/y/z:Z\n");
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);
  g_autoptr (GListStore) assets = assets_with_uuids (uuids);
  g_autoptr (TroveCatalog) parent = trove_catalog_new (UUID_B, "x/y", "Y");
  g_autoptr (TroveCatalog) sibling = trove_catalog_new (UUID_C, "x/w", "W");
  TroveCatalogNode *x = lookup (tree, "x");
  TroveCatalogNode *y = lookup (tree, "x/y");
  guint added = 0;
  guint virtual_notified = 0;
  guint uuids_notified = 0;

  trove_catalog_tree_count_assets (tree, G_LIST_MODEL (assets));
  g_assert_cmpuint (trove_catalog_node_get_asset_count (x), ==, 1);
  g_assert_cmpuint (trove_catalog_node_get_asset_count (trove_catalog_tree_get_unassigned (tree)),
                    ==, 2);

  g_signal_connect (trove_catalog_node_get_children (x), "items-changed",
                    G_CALLBACK (items_changed_cb), &added);
  g_signal_connect (y, "notify::is-virtual", G_CALLBACK (count_notify_cb), &virtual_notified);
  g_signal_connect (y, "notify::uuids", G_CALLBACK (count_notify_cb), &uuids_notified);

  g_assert_true (trove_catalog_node_is_virtual (y));
  g_assert_true (trove_catalog_file_add (file, parent));
  g_assert_true (lookup (tree, "x/y") == y);
  g_assert_false (trove_catalog_node_is_virtual (y));
  g_assert_cmpstr (trove_catalog_node_get_simple_name (y), ==, "Y");
  g_assert_cmpuint (virtual_notified, ==, 1);
  g_assert_cmpuint (uuids_notified, ==, 1);
  g_assert_cmpuint (added, ==, 0);

  g_assert_true (trove_catalog_file_add (file, sibling));
  g_assert_cmpuint (added, ==, 1);
  assert_rows (trove_catalog_node_get_children (x), "w|y");

  /* The assets of the new catalogs left Unassigned. */
  g_assert_cmpuint (trove_catalog_node_get_asset_count (x), ==, 3);
  g_assert_cmpuint (trove_catalog_node_get_asset_count (trove_catalog_tree_get_unassigned (tree)),
                    ==, 0);
  assert_counts_consistent (tree, G_LIST_MODEL (assets));
}

/* ---------------------------------------------------------------------------
 * Limits and lifetime
 */

static char *
deep_path (guint depth)
{
  GString *path = g_string_new ("d0");

  for (guint i = 1; i < depth; i++)
    g_string_append_printf (path, "/d%u", i);
  return g_string_free (path, FALSE);
}

static void
test_depth_limit (void)
{
  g_autofree char *deepest = deep_path (TROVE_CATALOG_PATH_MAX_DEPTH);
  g_autofree char *too_deep = deep_path (TROVE_CATALOG_PATH_MAX_DEPTH + 1);
  g_autofree char *text
      = g_strdup_printf ("VERSION 1\n" UUID_A ":%s:\n" UUID_B ":x/%s:\n", deepest, too_deep);
  g_autoptr (TroveCatalogFile) file = parse_text (text);
  g_autoptr (TroveCatalogTree) tree = trove_catalog_tree_new (file);
  TroveCatalogNode *leaf = trove_catalog_tree_lookup_uuid (tree, UUID_A);

  g_assert_nonnull (leaf);
  g_assert_cmpstr (trove_catalog_node_get_path (leaf), ==, deepest);
  g_assert_true (trove_catalog_tree_node_matches (tree, lookup (tree, "d0"), UUID_A));

  /* Too deep: no node at all (not even "x"), but known, so not Unassigned. */
  g_assert_null (trove_catalog_tree_lookup_uuid (tree, UUID_B));
  g_assert_null (trove_catalog_tree_lookup_path (tree, "x"));
  g_assert_false (
      trove_catalog_tree_node_matches (tree, trove_catalog_tree_get_unassigned (tree), UUID_B));
  assert_rows (trove_catalog_tree_get_roots (tree), "All|d0|Unassigned");
}

/* A node someone still holds stays usable after its tree is gone (ASan
 * also checks that dropping the tree frees the parent/child cycles). */
static void
test_node_outlives_tree (void)
{
  g_autoptr (TroveCatalogFile) file = load_fixture ("blender-fixture.cats.txt");
  TroveCatalogTree *tree = trove_catalog_tree_new (file);
  g_autoptr (TroveCatalogNode) hand = NULL;
  g_autoptr (GListModel) roots = NULL;

  hand = g_object_ref (lookup (tree, "character/Ružena/poselib/hand"));
  roots = g_object_ref (trove_catalog_tree_get_roots (tree));
  g_object_unref (tree);

  g_assert_cmpstr (trove_catalog_node_get_path (hand), ==, "character/Ružena/poselib/hand");
  g_assert_cmpstr (trove_catalog_node_get_name (trove_catalog_node_get_parent (hand)), ==,
                   "poselib");
  g_assert_nonnull (trove_catalog_node_get_children (hand));
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog-tree/blender/insert-items", test_insert_items);
  g_test_add_func ("/catalog-tree/blender/load-single-file-into-tree",
                   test_load_single_file_into_tree);
  g_test_add_func ("/catalog-tree/blender/foreach-in-tree", test_foreach_in_tree);
  g_test_add_func ("/catalog-tree/shape/virtual-nodes", test_virtual_nodes);
  g_test_add_func ("/catalog-tree/shape/aliases", test_aliases);
  g_test_add_func ("/catalog-tree/shape/byte-order", test_byte_order);
  g_test_add_func ("/catalog-tree/shape/lookup", test_lookup);
  g_test_add_func ("/catalog-tree/shape/special-nodes", test_special_nodes);
  g_test_add_func ("/catalog-tree/filter/catalog", test_catalog_filter);
  g_test_add_func ("/catalog-tree/filter/unassigned", test_unassigned_filter);
  g_test_add_func ("/catalog-tree/counts/counts", test_counts);
  g_test_add_func ("/catalog-tree/counts/live-update", test_live_update);
  g_test_add_func ("/catalog-tree/limits/depth", test_depth_limit);
  g_test_add_func ("/catalog-tree/limits/node-outlives-tree", test_node_outlives_tree);

  return g_test_run ();
}
