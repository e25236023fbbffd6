/* test-cli.c: trove-cli end to end, on the fixture library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "trove-catalog-file.h"

#include <string.h>
#include <sys/wait.h>

static JsonNode *oracle;
static JsonNode *manifest;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
run_cli (Result *r, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("TROVE_CLI");
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer)cli);
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err,
                &wait_status, &error);
  g_assert_no_error (error);
  r->status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
  g_assert_true (WIFEXITED (wait_status)); /* never a crash */
}

/* `catalog` edits: each saved at once through the catalog service, each
 * printing PATH<TAB>UUID; a bad edit changes nothing. */
static void
test_cli_catalog_edits (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *cats = g_build_filename (dir, "blender_assets.cats.txt", NULL);
  g_autofree char *src = trove_test_data_path ("catalogs", "manual-example.cats.txt", NULL);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GFile) location = g_file_new_for_path (cats);
  g_autoptr (TroveCatalogFile) file = NULL;
  g_auto (GStrv) fields = NULL;

  trove_test_copy_file (src, cats);
  {
    g_auto (Result) r = { 0 };
    run_cli (&r, "catalog", "add", dir, "Props/Wood", NULL);
    g_assert_cmpint (r.status, ==, 0);
    fields = g_strsplit (g_strchomp (r.out), "\t", -1);
    g_assert_cmpstr (fields[0], ==, "Props/Wood");
    g_assert_cmpuint (strlen (fields[1]), ==, 36);
  }
  {
    g_auto (Result) r = { 0 };
    run_cli (&r, "catalog", "move", dir, "Props", "character", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_str_has_prefix (r.out, "character/Props\t"));
  }
  {
    g_auto (Result) r = { 0 };
    g_autofree char *expected = g_strdup_printf ("character/Props/Oak\t%s\n", fields[1]);
    run_cli (&r, "catalog", "rename", dir, "character/Props/Wood", "Oak", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expected);
  }
  before = trove_test_read_file (cats);
  {
    g_auto (Result) r = { 0 };
    run_cli (&r, "catalog", "move", dir, "character", "character/Props", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
  }
  after = trove_test_read_file (cats);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_auto (Result) r = { 0 };
    run_cli (&r, "catalog", "set-simple-name", dir, "b63ed357-2511-4b96-8728-1b5a7093824c",
             "Ruzena", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "character/Ružena/poselib\tb63ed357-2511-4b96-8728-1b5a7093824c\n");
  }
  {
    g_auto (Result) r = { 0 };
    g_auto (GStrv) deleted = NULL;
    run_cli (&r, "catalog", "delete", dir, "character/Ružena", NULL);
    g_assert_cmpint (r.status, ==, 0);
    deleted = g_strsplit (r.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (deleted), ==, 4); /* three lines */
  }

  file = trove_catalog_file_load (location);
  g_assert_null (trove_catalog_file_get_error (file));
  g_assert_nonnull (trove_catalog_file_lookup (file, fields[1]));
  g_assert_cmpstr (trove_catalog_get_path (trove_catalog_file_lookup (file, fields[1])), ==,
                   "character/Props/Oak");
  g_assert_null (trove_catalog_file_lookup (file, "b63ed357-2511-4b96-8728-1b5a7093824c"));
  g_assert_cmpuint (g_list_model_get_n_items (trove_catalog_file_get_catalogs (file)), ==, 6);
  trove_test_remove_tree (dir);
}

static JsonObject *
parse_json (const char *text, JsonNode **root)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  *root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*root);
}

static void
assert_keys (JsonObject *object, const char *const *keys)
{
  g_autoptr (GList) members = json_object_get_members (object);
  guint i = 0;

  /* The issue fixes the keys and their order. */
  for (GList *m = members; m != NULL; m = m->next, i++)
    g_assert_cmpstr (m->data, ==, keys[i]);
  g_assert_null (keys[i]);
}

static TroveCatalogFile *
load_catalogs (void)
{
  g_autofree char *path = trove_test_data_path ("library", "blender_assets.cats.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return trove_catalog_file_load (file);
}

/* `list --json` on the fixture library agrees with Blender for every asset. */
static void
test_cli_list_json (void)
{
  static const char *const top_keys[] = { "library", "assets", "errors", NULL };
  static const char *const asset_keys[]
      = { "file",         "id_type", "name", "description", "author",
          "copyright",    "license", "tags", "catalog_id",  "catalog_simple_name",
          "catalog_path", "preview", NULL };
  g_autofree char *root_path = trove_test_data_path ("library", NULL);
  g_autoptr (TroveCatalogFile) catalogs = load_catalogs ();
  g_autoptr (JsonNode) root = NULL;
  g_auto (Result) r = { 0 };
  JsonArray *files = json_object_get_array_member (json_node_get_object (oracle), "files");
  JsonObject *top;
  JsonArray *assets;
  guint index = 0;

  run_cli (&r, "list", "--json", root_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  top = parse_json (r.out, &root);
  assert_keys (top, top_keys);
  g_assert_true (g_path_is_absolute (json_object_get_string_member (top, "library")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "errors")), ==, 0);
  assets = json_object_get_array_member (top, "assets");

  /* The oracle is sorted by file, then type, then name, like the CLI. */
  for (guint f = 0; f < json_array_get_length (files); f++)
    {
      JsonObject *entry = json_array_get_object_element (files, f);
      JsonArray *expected = json_object_get_array_member (entry, "assets");

      for (guint a = 0; a < json_array_get_length (expected); a++, index++)
        {
          JsonObject *want = json_array_get_object_element (expected, a);
          JsonObject *got = json_array_get_object_element (assets, index);
          const char *uuid = json_object_get_string_member (got, "catalog_id");
          TroveCatalog *catalog = trove_catalog_file_lookup (catalogs, uuid);
          const char *keys[] = { "id_type",   "name",    "description", "author",
                                 "copyright", "license", "catalog_id",  "catalog_simple_name" };

          assert_keys (got, asset_keys);
          g_assert_cmpstr (json_object_get_string_member (got, "file"), ==,
                           json_object_get_string_member (entry, "file"));
          for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
            g_assert_cmpstr (json_object_get_string_member (got, keys[k]), ==,
                             json_object_get_string_member (want, keys[k]));
          g_assert_true (json_node_equal (json_object_get_member (got, "tags"),
                                          json_object_get_member (want, "tags")));

          /* Nil and unknown UUIDs have no path. */
          if (catalog == NULL || strcmp (uuid, "00000000-0000-0000-0000-000000000000") == 0)
            g_assert_true (json_object_get_null_member (got, "catalog_path"));
          else
            g_assert_cmpstr (json_object_get_string_member (got, "catalog_path"), ==,
                             trove_catalog_get_path (catalog));

          if (json_object_get_null_member (want, "preview"))
            g_assert_true (json_object_get_null_member (got, "preview"));
          else
            {
              JsonObject *gp = json_object_get_object_member (got, "preview");
              JsonObject *wp = json_object_get_object_member (want, "preview");
              g_assert_cmpint (json_object_get_int_member (gp, "width"), ==,
                               json_object_get_int_member (wp, "width"));
              g_assert_cmpint (json_object_get_int_member (gp, "height"), ==,
                               json_object_get_int_member (wp, "height"));
            }
        }
    }
  g_assert_cmpuint (index, ==, json_array_get_length (assets));
}

/* Spot checks of catalog paths, read off the fixture's catalog file. */
static void
test_cli_catalog_paths (void)
{
  g_autofree char *root_path = trove_test_data_path ("library", NULL);
  g_autoptr (JsonNode) root = NULL;
  g_auto (Result) r = { 0 };
  JsonArray *assets;
  guint found = 0;

  run_cli (&r, "list", "--json", root_path, NULL);
  assets = json_object_get_array_member (parse_json (r.out, &root), "assets");
  for (guint i = 0; i < json_array_get_length (assets); i++)
    {
      JsonObject *a = json_array_get_object_element (assets, i);
      const char *name = json_object_get_string_member (a, "name");

      if (g_str_equal (name, "Upper Extension"))
        {
          g_assert_cmpstr (json_object_get_string_member (a, "catalog_path"), ==,
                           "Misc/Upper Case Extension");
          found++;
        }
      else if (g_str_equal (name, "Unknown Catalog") || g_str_equal (name, "Nil Catalog"))
        {
          g_assert_true (json_object_get_null_member (a, "catalog_path"));
          found++;
        }
    }
  g_assert_cmpuint (found, ==, 3);
}

static void
test_cli_list_errors (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *good = g_build_filename (dir, "good.blend", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken", "bad.blend", NULL);
  g_autofree char *bad_dir = g_path_get_dirname (bad);
  g_autofree char *src = trove_test_data_path ("library", "sub", "dir", "nested.blend", NULL);
  g_autoptr (JsonNode) root = NULL;
  g_auto (Result) r = { 0 };
  g_auto (Result) text = { 0 };
  JsonArray *errors;
  JsonObject *error;

  trove_test_copy_file (src, good);
  g_assert_cmpint (g_mkdir_with_parents (bad_dir, 0755), ==, 0);
  trove_test_write_file (bad, "BLENDER-v304", 12);

  /* Per-file errors are listed, not fatal. */
  run_cli (&r, "list", "--json", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  errors = json_object_get_array_member (parse_json (r.out, &root), "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  error = json_array_get_object_element (errors, 0);
  g_assert_cmpstr (json_object_get_string_member (error, "file"), ==, "broken/bad.blend");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "bad.blend"));
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (json_node_get_object (root), "assets")),
      >, 0);

  run_cli (&text, "list", dir, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "bad.blend"));
  g_assert_nonnull (strstr (text.out, "1 unreadable file"));
  trove_test_remove_tree (dir);
}

static void
test_cli_list_single_file (void)
{
  g_autofree char *path = trove_test_data_path ("library", "materials.blend", NULL);
  JsonObject *entry = trove_test_oracle_file (oracle, "materials.blend");
  g_autoptr (JsonNode) root = NULL;
  g_auto (Result) r = { 0 };
  JsonArray *assets;

  run_cli (&r, "list", "--json", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assets = json_object_get_array_member (parse_json (r.out, &root), "assets");
  g_assert_cmpuint (json_array_get_length (assets), ==,
                    json_array_get_length (json_object_get_array_member (entry, "assets")));
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (assets, 0), "file"), ==,
      "materials.blend");
}

static void
test_cli_usage_errors (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  const char *cases[][6] = {
    { NULL },
    { "frobnicate", NULL },
    { "list", NULL },
    { "list", "a", "b", NULL },
    { "list", "--no-such-option", "x", NULL },
    { "list", missing, NULL },
    { "catalogs", missing, NULL },
    { "preview", "x.blend", "MA", NULL },
    { "preview", "x.blend", "MATERIAL", "n", NULL },
    { "thumbnail", "x.blend", NULL },
    { "catalog", NULL },
    { "catalog", "frobnicate", dir, "x", NULL },
    { "catalog", "add", dir, NULL },
    { "catalog", "add", missing, "x", NULL },
    { "catalog", "rename", dir, "no/such", "x", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Result) r = { 0 };
      run_cli (&r, cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4], NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_cmpstr (r.err, !=, "");
    }
  {
    g_auto (Result) r = { 0 };
    run_cli (&r, "list", missing, NULL);
    g_assert_nonnull (strstr (r.err, "missing"));
  }
  trove_test_remove_tree (dir);
}

static void
test_cli_preview_and_thumbnail (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  g_autofree char *blend = trove_test_data_path ("library", "previews.blend", NULL);
  g_autofree char *thumb_blend = trove_test_data_path ("thumbnail", "thumbnail.blend", NULL);
  g_autofree char *thumb_png = trove_test_data_path ("thumbnail", "thumbnail.png", NULL);
  JsonObject *entry = trove_test_oracle_file (oracle, "previews.blend");
  JsonArray *assets = json_object_get_array_member (entry, "assets");
  guint checked = 0;

  for (guint i = 0; i < json_array_get_length (assets); i++)
    {
      JsonObject *want = json_array_get_object_element (assets, i);
      g_auto (Result) r = { 0 };
      g_autoptr (GBytes) png = NULL, pixels = NULL;
      g_autofree char *sha = NULL;
      guint w, h;

      if (json_object_get_null_member (want, "preview"))
        continue;
      run_cli (&r, "preview", blend, json_object_get_string_member (want, "id_type"),
               json_object_get_string_member (want, "name"), "-o", out, NULL);
      g_assert_cmpint (r.status, ==, 0);
      png = trove_test_read_file (out);
      pixels = trove_test_decode_png (png, &w, &h);
      sha = trove_test_sha256 (pixels);
      g_assert_cmpstr (sha, ==,
                       json_object_get_string_member (
                           json_object_get_object_member (want, "preview"), "sha256"));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 4);

  {
    g_auto (Result) r = { 0 };
    g_autoptr (GBytes) ours = NULL, theirs = NULL, a = NULL, b = NULL;
    guint w1, h1, w2, h2;

    run_cli (&r, "thumbnail", thumb_blend, "-o", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    ours = trove_test_read_file (out);
    theirs = trove_test_read_file (thumb_png);
    a = trove_test_decode_png (ours, &w1, &h1);
    b = trove_test_decode_png (theirs, &w2, &h2);
    g_assert_cmpuint (w1, ==, w2);
    g_assert_cmpuint (h1, ==, h2);
    g_assert_true (g_bytes_equal (a, b));
  }
  {
    g_auto (Result) r = { 0 };
    run_cli (&r, "preview", blend, "MA", "No Such Asset", "-o", out, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "previews.blend"));
  }
  {
    /* After "--", a name starting with "-" is a name, not an option. */
    g_auto (Result) r = { 0 };
    run_cli (&r, "preview", "-o", out, "--", blend, "MA", "-? no such asset", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "-? no such asset"));
  }
  trove_test_remove_tree (dir);
}

static guint
count_nodes (JsonArray *nodes, const char *kind, guint depth)
{
  guint n = 0;

  g_assert_cmpuint (depth, <, 64);
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      if (g_str_equal (json_object_get_string_member (node, "kind"), kind))
        n++;
      n += count_nodes (json_object_get_array_member (node, "children"), kind, depth + 1);
    }
  return n;
}

static void
test_cli_catalogs (void)
{
  g_autofree char *root_path = trove_test_data_path ("library", NULL);
  g_autoptr (JsonNode) list_root = NULL, root = NULL;
  g_auto (Result) list = { 0 };
  g_auto (Result) r = { 0 };
  g_auto (Result) text = { 0 };
  JsonArray *assets, *nodes;
  JsonObject *all, *unassigned;
  guint n, n_unassigned = 0;

  run_cli (&list, "list", "--json", root_path, NULL);
  assets = json_object_get_array_member (parse_json (list.out, &list_root), "assets");
  for (guint i = 0; i < json_array_get_length (assets); i++)
    if (json_object_get_null_member (json_array_get_object_element (assets, i), "catalog_path"))
      n_unassigned++;

  run_cli (&r, "catalogs", "--json", root_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  nodes = json_object_get_array_member (parse_json (r.out, &root), "nodes");
  n = json_array_get_length (nodes);
  all = json_array_get_object_element (nodes, 0);
  unassigned = json_array_get_object_element (nodes, n - 1);
  g_assert_cmpstr (json_object_get_string_member (all, "kind"), ==, "all");
  g_assert_cmpstr (json_object_get_string_member (unassigned, "kind"), ==, "unassigned");
  g_assert_cmpint (json_object_get_int_member (all, "asset_count"), ==,
                   json_array_get_length (assets));
  g_assert_cmpint (json_object_get_int_member (unassigned, "asset_count"), ==, n_unassigned);
  g_assert_cmpuint (count_nodes (nodes, "catalog", 0), >=, 10);

  run_cli (&text, "catalogs", root_path, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Unassigned"));
}

static JsonObject *
find_node (JsonArray *nodes, const char *path, guint depth)
{
  g_assert_cmpuint (depth, <, 64);
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      JsonObject *found;
      if (!json_object_get_null_member (node, "path")
          && g_str_equal (json_object_get_string_member (node, "path"), path))
        return node;
      found = find_node (json_object_get_array_member (node, "children"), path, depth + 1);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The bundled demo library (data/demo-library, made by Blender with
 * data/demo-library-src/) reads cleanly and shows an alias, implicit parents
 * and an unassigned asset, as its README promises. */
static void
test_cli_demo_library (void)
{
  g_autofree char *demo
      = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "data", "demo-library", NULL);
  g_autoptr (JsonNode) list_root = NULL, root = NULL;
  g_auto (Result) list = { 0 };
  g_auto (Result) r = { 0 };
  JsonObject *top, *metal, *props;
  JsonArray *nodes;

  run_cli (&list, "list", "--json", demo, NULL);
  g_assert_cmpint (list.status, ==, 0);
  top = parse_json (list.out, &list_root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "assets")), >=, 24);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "errors")), ==, 0);
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (top, "assets")); i++)
    {
      JsonObject *a
          = json_array_get_object_element (json_object_get_array_member (top, "assets"), i);
      g_assert_false (json_object_get_null_member (a, "preview"));
      g_assert_cmpstr (json_object_get_string_member (a, "author"), ==, "Trove Project");
    }

  run_cli (&r, "catalogs", "--json", demo, NULL);
  g_assert_cmpint (r.status, ==, 0);
  nodes = json_object_get_array_member (parse_json (r.out, &root), "nodes");
  metal = find_node (nodes, "Materials/Metal", 0);
  g_assert_nonnull (metal);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (metal, "uuids")), ==, 2);
  props = find_node (nodes, "Props", 0);
  g_assert_nonnull (props);
  g_assert_true (json_object_get_boolean_member (props, "virtual"));
  g_assert_cmpint (
      json_object_get_int_member (
          json_array_get_object_element (nodes, json_array_get_length (nodes) - 1), "asset_count"),
      >=, 1);
}

int
main (int argc, char **argv)
{
  g_autofree char *oracle_path = NULL, *manifest_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  oracle_path = trove_test_data_path ("library-oracle.json", NULL);
  manifest_path = trove_test_data_path ("library-manifest.json", NULL);
  oracle = trove_test_load_json (oracle_path);
  manifest = trove_test_load_json (manifest_path);

  g_test_add_func ("/cli/list-json", test_cli_list_json);
  g_test_add_func ("/cli/catalog-paths", test_cli_catalog_paths);
  g_test_add_func ("/cli/list-errors", test_cli_list_errors);
  g_test_add_func ("/cli/list-single-file", test_cli_list_single_file);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/preview-and-thumbnail", test_cli_preview_and_thumbnail);
  g_test_add_func ("/cli/catalogs", test_cli_catalogs);
  g_test_add_func ("/cli/catalog-edits", test_cli_catalog_edits);
  g_test_add_func ("/cli/demo-library", test_cli_demo_library);
  status = g_test_run ();

  json_node_unref (oracle);
  json_node_unref (manifest);
  return status;
}
