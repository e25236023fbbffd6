/* test-catalog-service.c: catalog edits, undo, merging and safe saving
 *
 * The rules are those of blender-catalogs.md §1.10, §1.12 and §4; the
 * manual-example fixture is what Blender 3.4.1 itself wrote after adding a
 * catalog (tests/data/catalogs/README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "trove-catalog-service.h"
#include "trove-catalog-tree.h"
#include "trove-error.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define UUID_A "aaaaaaaa-0000-4000-8000-000000000001"
#define UUID_B "bbbbbbbb-0000-4000-8000-000000000002"
#define UUID_C "cccccccc-0000-4000-8000-000000000003"
#define UUID_D "dddddddd-0000-4000-8000-000000000004"

#define HEADER TROVE_TEST_CATALOG_HEADER

typedef struct
{
  char *dir;
  char *path; /* the library's blender_assets.cats.txt */
  TroveCatalogService *service;
} Library;

/* A library folder holding @content as its catalog file (none for NULL). */
static void
library_open (Library *lib, const char *content)
{
  g_autoptr (GFile) root = NULL;

  lib->dir = trove_test_make_temp_dir ();
  lib->path = g_build_filename (lib->dir, "blender_assets.cats.txt", NULL);
  if (content != NULL)
    trove_test_write_file (lib->path, content, strlen (content));
  root = g_file_new_for_path (lib->dir);
  lib->service = trove_catalog_service_new_for_library (root);
}

static void
library_close (Library *lib)
{
  g_clear_object (&lib->service);
  trove_test_remove_tree (lib->dir);
  g_clear_pointer (&lib->dir, g_free);
  g_clear_pointer (&lib->path, g_free);
}

static char *
read_text (const char *path)
{
  g_autoptr (GBytes) bytes = trove_test_read_file (path);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The catalog lines of the service's catalogs as they would be written. */
static char *
lines (TroveCatalogService *service)
{
  g_autofree char *text = trove_catalog_file_serialize (trove_catalog_service_get_file (service));

  g_assert_true (g_str_has_prefix (text, HEADER));
  return g_strdup (text + strlen (HEADER));
}

static void
save (TroveCatalogService *service)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (trove_catalog_service_save (service, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (trove_catalog_service_has_unsaved_changes (service));
}

static const char *
path_of (TroveCatalogService *service, const char *uuid)
{
  TroveCatalog *catalog
      = trove_catalog_file_lookup (trove_catalog_service_get_file (service), uuid);

  return catalog != NULL ? trove_catalog_get_path (catalog) : NULL;
}

/* §4.1: "Catalog", then "Catalog.001"…, unique among the parent's children,
 * implicit ones included; numbers continue; names fit 63 bytes. */
static void
test_unique_names (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *long_name = g_strnfill (70, 'x');
  g_autofree char *name = NULL;
  g_autofree char *multibyte = NULL;
  TroveCatalog *catalog;

  library_open (&lib, HEADER UUID_A ":props/Catalog/deep:\n" UUID_B ":props/Foo.007:\n");

  /* props/Catalog is only an implicit parent, and still taken. */
  catalog = trove_catalog_service_add (lib.service, "props", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trove_catalog_get_path (catalog), ==, "props/Catalog.001");
  g_assert_cmpstr (trove_catalog_get_simple_name (catalog), ==, "props-Catalog.001");
  catalog = trove_catalog_service_add (lib.service, "props", &error);
  g_assert_cmpstr (trove_catalog_get_path (catalog), ==, "props/Catalog.002");
  catalog = trove_catalog_service_add (lib.service, "", &error);
  g_assert_cmpstr (trove_catalog_get_path (catalog), ==, "Catalog");

  name = trove_catalog_service_unique_name (lib.service, "props", "Foo.007");
  g_assert_cmpstr (name, ==, "Foo.008");
  g_clear_pointer (&name, g_free);
  name = trove_catalog_service_unique_name (lib.service, "props", "Free");
  g_assert_cmpstr (name, ==, "Free");
  g_clear_pointer (&name, g_free);
  name = trove_catalog_service_unique_name (lib.service, "props", long_name);
  g_assert_cmpuint (strlen (name), ==, 63);

  /* The cut never splits a character: 32 two-byte letters are cut to 31;
   * with those taken too, 29 and a number. */
  multibyte = g_strconcat ("props/", "ééééééééééééééééééééééééééééééé", NULL);
  g_clear_pointer (&name, g_free);
  name = trove_catalog_service_unique_name (lib.service, "props",
                                            "ééééééééééééééééééééééééééééééé"
                                            "é");
  g_assert_cmpstr (name, ==, multibyte + strlen ("props/"));
  g_assert_nonnull (trove_catalog_service_add_path (lib.service, multibyte, &error));
  g_clear_pointer (&name, g_free);
  name = trove_catalog_service_unique_name (lib.service, "props",
                                            "ééééééééééééééééééééééééééééééé"
                                            "é");
  g_assert_cmpstr (name, ==, "ééééééééééééééééééééééééééééé.001");

  g_assert_null (trove_catalog_service_add (lib.service, "no/such/parent", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_NOT_FOUND);
  library_close (&lib);
}

/* add_path() makes one catalog; its parents stay implicit (virtual nodes),
 * and an existing path is refused. */
static void
test_add_path (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TroveCatalogTree) tree = NULL;
  g_autofree char *text = NULL;
  TroveCatalog *catalog;

  library_open (&lib, NULL);
  tree = trove_catalog_tree_new (trove_catalog_service_get_file (lib.service));
  catalog = trove_catalog_service_add_path (lib.service, " /Props/ Wood:Oak / ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trove_catalog_get_path (catalog), ==, "Props/Wood-Oak");
  g_assert_true (trove_catalog_node_is_virtual (trove_catalog_tree_lookup_path (tree, "Props")));
  g_assert_false (
      trove_catalog_node_is_virtual (trove_catalog_tree_lookup_path (tree, "Props/Wood-Oak")));

  g_assert_null (trove_catalog_service_add_path (lib.service, "Props/Wood-Oak", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_null (trove_catalog_service_add_path (lib.service, " / ", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT);
  g_clear_error (&error);

  /* The implicit parent becomes real when asked for. */
  catalog = trove_catalog_service_add_path (lib.service, "Props", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trove_catalog_get_simple_name (catalog), ==, "Props");
  g_assert_false (trove_catalog_node_is_virtual (trove_catalog_tree_lookup_path (tree, "Props")));

  /* A library without a catalog file gets one on the first save. */
  save (lib.service);
  text = read_text (lib.path);
  g_assert_true (g_str_has_prefix (text, HEADER));
  g_assert_nonnull (strstr (text, ":Props/Wood-Oak:Props-Wood-Oak\n"));
  library_close (&lib);
}

/* §4.3: the node, its aliases and descendants move; simple names are
 * derived anew; `:` becomes `-` and `/` nests; empty names are refused. */
static void
test_rename (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *new_path = NULL;

  library_open (&lib, HEADER UUID_A ":a/b:B\n" UUID_B ":a/b:alias\n" UUID_C ":a/b/c:C\n" UUID_D
                                    ":a/bc:not below\n");

  g_assert_false (trove_catalog_service_rename_would_merge (lib.service, "a/b", "x"));
  g_assert_true (trove_catalog_service_rename_would_merge (lib.service, "a/b", "bc"));
  new_path = trove_catalog_service_rename (lib.service, "a/b", "x:y", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_path, ==, "a/x-y");
  g_assert_cmpstr (path_of (lib.service, UUID_A), ==, "a/x-y");
  g_assert_cmpstr (path_of (lib.service, UUID_B), ==, "a/x-y");
  g_assert_cmpstr (path_of (lib.service, UUID_C), ==, "a/x-y/c");
  g_assert_cmpstr (path_of (lib.service, UUID_D), ==, "a/bc");
  g_assert_cmpstr (
      trove_catalog_get_simple_name (trove_catalog_service_find (lib.service, "a/x-y/c")), ==,
      "a-x-y-c");
  g_assert_true (trove_catalog_service_is_catalog_dirty (lib.service, UUID_B));
  g_assert_false (trove_catalog_service_is_catalog_dirty (lib.service, UUID_D));

  g_clear_pointer (&new_path, g_free);
  new_path = trove_catalog_service_rename (lib.service, "a/x-y", "deep\\er", &error);
  g_assert_cmpstr (new_path, ==, "a/deep/er");
  g_assert_cmpstr (path_of (lib.service, UUID_C), ==, "a/deep/er/c");

  g_clear_pointer (&new_path, g_free);
  g_assert_null (trove_catalog_service_rename (lib.service, "a/deep/er", " / ", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_null (trove_catalog_service_rename (lib.service, "nowhere", "x", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_NOT_FOUND);
  library_close (&lib);
}

/* Renaming an implicit parent makes it real first, then moves it with
 * what lies below; renaming to the same name changes nothing. */
static void
test_rename_implicit (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *same = NULL;
  g_autofree char *new_path = NULL;
  TroveCatalog *made;

  library_open (&lib, HEADER UUID_A ":shelf/box:\n");
  same = trove_catalog_service_rename (lib.service, "shelf", " shelf ", &error);
  g_assert_cmpstr (same, ==, "shelf");
  g_assert_false (trove_catalog_service_has_unsaved_changes (lib.service));
  g_assert_false (trove_catalog_service_can_undo (lib.service));

  new_path = trove_catalog_service_rename (lib.service, "shelf", "rack", &error);
  g_assert_no_error (error);
  made = trove_catalog_service_find (lib.service, "rack");
  g_assert_nonnull (made);
  g_assert_cmpstr (trove_catalog_get_simple_name (made), ==, "rack");
  g_assert_cmpstr (path_of (lib.service, UUID_A), ==, "rack/box");
  g_assert_null (trove_catalog_service_find (lib.service, "shelf"));

  /* One edit, one undo step. */
  g_assert_true (trove_catalog_service_undo (lib.service));
  g_assert_false (trove_catalog_service_can_undo (lib.service));
  g_assert_null (trove_catalog_service_find (lib.service, "rack"));
  g_assert_cmpstr (path_of (lib.service, UUID_A), ==, "shelf/box");
  library_close (&lib);
}

/* §4.4: into another catalog with a name made unique there, or to the top
 * level; never into itself or onto its own parent. */
static void
test_move (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *to_top = NULL;

  library_open (&lib, HEADER UUID_A ":src/item:\n" UUID_B ":src/item/child:\n" UUID_C
                                    ":dst/item:\n" UUID_D ":other:\n");

  moved = trove_catalog_service_move (lib.service, "src/item", "dst", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved, ==, "dst/item.001");
  g_assert_cmpstr (path_of (lib.service, UUID_B), ==, "dst/item.001/child");
  g_assert_cmpstr (path_of (lib.service, UUID_C), ==, "dst/item");

  g_assert_null (trove_catalog_service_move (lib.service, "dst", "dst/item.001", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_null (trove_catalog_service_move (lib.service, "dst", "dst", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_null (trove_catalog_service_move (lib.service, "dst/item", "dst", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_null (trove_catalog_service_move (lib.service, "other", "", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT);
  g_clear_error (&error);

  to_top = trove_catalog_service_move (lib.service, "dst/item.001/child", "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (to_top, ==, "child");
  library_close (&lib);
}

/* §4.2: a catalog goes with its aliases and descendants, not its parent;
 * the deletion is saved, not resurrected by the merge. */
static void
test_delete (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  library_open (&lib,
                HEADER UUID_A ":p:\n" UUID_B ":p/q:\n" UUID_C ":p/q:alias\n" UUID_D ":p/q/r:\n");
  g_assert_cmpuint (trove_catalog_service_delete (lib.service, "p/q", &error), ==, 3);
  g_assert_no_error (error);
  g_assert_nonnull (path_of (lib.service, UUID_A));
  g_assert_null (path_of (lib.service, UUID_C));
  save (lib.service);
  text = read_text (lib.path);
  g_assert_cmpstr (text, ==, HEADER UUID_A ":p:\n");

  g_assert_cmpuint (trove_catalog_service_delete (lib.service, "p/q", &error), ==, 0);
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_NOT_FOUND);
  library_close (&lib);
}

static void
test_simple_name (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  TroveCatalog *catalog;

  library_open (&lib, HEADER UUID_A ":p:old\n");
  catalog = trove_catalog_service_set_simple_name (lib.service, UUID_A, "new\nname", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trove_catalog_get_simple_name (catalog), ==, "new name");
  g_assert_cmpstr (trove_catalog_get_path (catalog), ==, "p");
  g_assert_null (trove_catalog_service_set_simple_name (lib.service, UUID_B, "x", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_NOT_FOUND);
  library_close (&lib);
}

/* Unlimited undo and redo; a new edit ends the redo history; an edit
 * undone after it was saved is saved undone. */
static void
test_undo_redo (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *text = NULL;

  library_open (&lib, HEADER UUID_A ":a:\n");
  original = lines (lib.service);
  g_assert_nonnull (trove_catalog_service_add (lib.service, "a", &error));
  renamed = trove_catalog_service_rename (lib.service, "a", "b", &error);
  g_assert_cmpuint (trove_catalog_service_delete (lib.service, "b/Catalog", &error), ==, 1);
  g_assert_no_error (error);

  g_assert_true (trove_catalog_service_undo (lib.service));
  g_assert_nonnull (trove_catalog_service_find (lib.service, "b/Catalog"));
  g_assert_true (trove_catalog_service_undo (lib.service));
  g_assert_nonnull (trove_catalog_service_find (lib.service, "a/Catalog"));
  g_assert_true (trove_catalog_service_redo (lib.service));
  g_assert_nonnull (trove_catalog_service_find (lib.service, "b/Catalog"));
  g_assert_true (trove_catalog_service_undo (lib.service));
  g_assert_true (trove_catalog_service_undo (lib.service));
  g_assert_false (trove_catalog_service_can_undo (lib.service));
  g_clear_pointer (&text, g_free);
  text = lines (lib.service);
  g_assert_cmpstr (text, ==, original);
  g_assert_true (trove_catalog_service_can_redo (lib.service));

  /* Saved with the catalog, then undone and saved again: gone from disk. */
  g_assert_true (trove_catalog_service_redo (lib.service));
  save (lib.service);
  g_clear_pointer (&text, g_free);
  text = read_text (lib.path);
  g_assert_nonnull (strstr (text, ":a/Catalog:a-Catalog\n"));
  g_assert_true (trove_catalog_service_undo (lib.service));
  g_assert_true (trove_catalog_service_has_unsaved_changes (lib.service));
  save (lib.service);
  g_clear_pointer (&text, g_free);
  text = read_text (lib.path);
  g_assert_cmpstr (text, ==, HEADER UUID_A ":a:\n");

  g_assert_true (trove_catalog_service_can_redo (lib.service));
  g_assert_nonnull (trove_catalog_service_add (lib.service, "", &error));
  g_assert_false (trove_catalog_service_can_redo (lib.service));
  library_close (&lib);
}

/* Saving writes nothing when nothing was edited (or an edit was undone),
 * keeps the previous file as `~`, and writes Blender's bytes. */
static void
test_save (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *text = NULL;
  const char *original = HEADER "# a comment Blender would drop\n" UUID_A ":a:\n";
  GStatBuf before, after;

  library_open (&lib, original);
  backup = g_strconcat (lib.path, "~", NULL);
  g_assert_cmpint (g_stat (lib.path, &before), ==, 0);
  save (lib.service);
  g_assert_nonnull (trove_catalog_service_add (lib.service, "", &error));
  g_assert_true (trove_catalog_service_undo (lib.service));
  save (lib.service);
  g_assert_cmpint (g_stat (lib.path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_assert_nonnull (trove_catalog_service_set_simple_name (lib.service, UUID_A, "A", &error));
  save (lib.service);
  text = read_text (lib.path);
  g_assert_cmpstr (text, ==, HEADER UUID_A ":a:A\n");
  g_clear_pointer (&text, g_free);
  text = read_text (backup);
  g_assert_cmpstr (text, ==, original);
  g_assert_false (g_file_test (lib.path, G_FILE_TEST_IS_SYMLINK));
  library_close (&lib);
}

/* Blender 3.4.1 added character/Elly/Catalog to the manual's example and
 * wrote manual-example.blender-3.4.1.txt. Trove, doing the same, writes
 * the same lines but for those of the implicit parents Blender invented
 * (and the new catalog's random UUID). */
static void
test_agrees_with_blender_add (void)
{
  g_autofree char *input = trove_test_data_path ("catalogs", "manual-example.cats.txt", NULL);
  g_autofree char *blender
      = trove_test_data_path ("catalogs", "manual-example.blender-3.4.1.txt", NULL);
  g_autofree char *input_text = read_text (input);
  g_autofree char *blender_text = read_text (blender);
  g_autofree char *written = NULL;
  g_auto (GStrv) blender_lines = NULL;
  g_autoptr (GString) expected = g_string_new (NULL);
  const char *invented[]
      = { "deb73d28", "7faab4c0", "50c701d9", "7bfd9d02", "38e958ae", "b3183ee5" };
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  TroveCatalog *added;

  library_open (&lib, input_text);
  added = trove_catalog_service_add (lib.service, "character/Elly", &error);
  g_assert_no_error (error);
  save (lib.service);

  blender_lines = g_strsplit (blender_text, "\n", -1);
  for (guint i = 0; blender_lines[i] != NULL; i++)
    {
      gboolean skip = FALSE;
      for (gsize j = 0; j < G_N_ELEMENTS (invented); j++)
        skip |= g_str_has_prefix (blender_lines[i], invented[j]);
      if (skip)
        continue;
      if (g_str_has_prefix (blender_lines[i], "9412cdba-1534-4225-bf69-a1f0a86a698d"))
        g_string_append (expected, trove_catalog_get_uuid (added));
      g_string_append (expected, blender_lines[i]
                                     + (g_str_has_prefix (blender_lines[i], "9412cdba") ? 36 : 0));
      if (blender_lines[i + 1] != NULL)
        g_string_append_c (expected, '\n');
    }
  written = read_text (lib.path);
  g_assert_cmpstr (written, ==, expected->str);
  library_close (&lib);
}

/* §1.12, the conflict table: what another program did to the file is
 * taken in, except where this side edited or deleted the same catalog. */
static void
test_merge (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *renamed = NULL;
  const char *theirs
      = HEADER UUID_A ":kept-but-renamed-there:\n" UUID_B ":theirs:\n" UUID_C ":changed-there:\n"
                      "eeeeeeee-0000-4000-8000-000000000005:new-there:\n";

  library_open (&lib, HEADER UUID_A ":keep:\n" UUID_B ":edited-here:\n" UUID_C
                                    ":deleted-here:\n" UUID_D ":gone-there:\n");
  renamed = trove_catalog_service_rename (lib.service, "edited-here", "mine", &error);
  g_assert_cmpuint (trove_catalog_service_delete (lib.service, "deleted-here", &error), ==, 1);
  g_assert_no_error (error);

  /* Meanwhile Blender rewrites the file: A renamed, B and C changed, D
   * gone, a new E. */
  trove_test_write_file (lib.path, theirs, strlen (theirs));
  g_assert_true (trove_catalog_service_reload (lib.service, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (path_of (lib.service, UUID_A), ==, "kept-but-renamed-there");
  g_assert_cmpstr (path_of (lib.service, UUID_B), ==, "mine");
  g_assert_null (path_of (lib.service, UUID_C));
  g_assert_null (path_of (lib.service, UUID_D));
  g_assert_cmpstr (path_of (lib.service, "eeeeeeee-0000-4000-8000-000000000005"), ==, "new-there");
  /* Reloading keeps the edits unsaved. */
  g_assert_true (trove_catalog_service_has_unsaved_changes (lib.service));

  save (lib.service);
  text = read_text (lib.path);
  g_assert_cmpstr (text, ==,
                   HEADER UUID_A ":kept-but-renamed-there:\n" UUID_B ":mine:mine\n"
                                 "eeeeeeee-0000-4000-8000-000000000005:new-there:\n");
  library_close (&lib);
}

/* A catalog edited here that the other program deleted comes back. */
static void
test_merge_resurrects_edited (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  library_open (&lib, HEADER UUID_A ":a:\n" UUID_B ":b:\n");
  g_assert_nonnull (trove_catalog_service_set_simple_name (lib.service, UUID_A, "edited", &error));
  trove_test_write_file (lib.path, HEADER UUID_B ":b:\n", strlen (HEADER UUID_B ":b:\n"));
  save (lib.service);
  text = read_text (lib.path);
  g_assert_cmpstr (text, ==, HEADER UUID_A ":a:edited\n" UUID_B ":b:\n");
  library_close (&lib);
}

/* A file Trove cannot read is never written, and edits are refused with
 * the reason. */
static void
test_unreadable_file_is_read_only (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  const char *original = "VERSION 2\n" UUID_A ":a:\n";

  library_open (&lib, original);
  reason = trove_catalog_service_get_read_only_reason (lib.service);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "VERSION 1"));
  g_assert_null (trove_catalog_service_add (lib.service, "", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);
  text = read_text (lib.path);
  g_assert_cmpstr (text, ==, original);
  library_close (&lib);
}

/* A save that finds the file unreadable now (another program broke it)
 * refuses, and leaves it alone. */
static void
test_save_refuses_broken_file (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *broken = "garbage\n";

  library_open (&lib, HEADER UUID_A ":a:\n");
  g_assert_nonnull (trove_catalog_service_add (lib.service, "", &error));
  trove_test_write_file (lib.path, broken, strlen (broken));
  g_assert_false (trove_catalog_service_save (lib.service, NULL, &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);
  g_assert_true (trove_catalog_service_has_unsaved_changes (lib.service));
  text = read_text (lib.path);
  g_assert_cmpstr (text, ==, broken);
  library_close (&lib);
}

/* A folder that cannot be written makes the library read-only. */
static void
test_read_only_folder (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;

  if (!trove_test_run_unprivileged ())
    return;
  library_open (&lib, HEADER UUID_A ":a:\n");
  g_assert_cmpint (g_chmod (lib.dir, 0555), ==, 0);
  reason = trove_catalog_service_get_read_only_reason (lib.service);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "cannot be written to"));
  g_assert_null (trove_catalog_service_add (lib.service, "", &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);
  g_assert_cmpint (g_chmod (lib.dir, 0755), ==, 0);
  library_close (&lib);
}

/* The tree follows edits and undo, rebuilt with new nodes. */
static void
test_tree_follows (void)
{
  Library lib = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TroveCatalogTree) tree = NULL;
  g_autofree char *moved = NULL;

  library_open (&lib, HEADER UUID_A ":x/y:\n");
  tree = trove_catalog_tree_new (trove_catalog_service_get_file (lib.service));
  g_assert_nonnull (trove_catalog_tree_lookup_path (tree, "x/y"));
  moved = trove_catalog_service_move (lib.service, "x/y", "", &error);
  g_assert_no_error (error);
  g_assert_null (trove_catalog_tree_lookup_path (tree, "x"));
  g_assert_nonnull (trove_catalog_tree_lookup_path (tree, "y"));
  g_assert_true (trove_catalog_service_undo (lib.service));
  g_assert_nonnull (trove_catalog_tree_lookup_path (tree, "x/y"));
  g_assert_null (trove_catalog_tree_lookup_path (tree, "y"));
  library_close (&lib);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog-service/unique-names", test_unique_names);
  g_test_add_func ("/catalog-service/add-path", test_add_path);
  g_test_add_func ("/catalog-service/rename", test_rename);
  g_test_add_func ("/catalog-service/rename-implicit", test_rename_implicit);
  g_test_add_func ("/catalog-service/move", test_move);
  g_test_add_func ("/catalog-service/delete", test_delete);
  g_test_add_func ("/catalog-service/simple-name", test_simple_name);
  g_test_add_func ("/catalog-service/undo-redo", test_undo_redo);
  g_test_add_func ("/catalog-service/save", test_save);
  g_test_add_func ("/catalog-service/agrees-with-blender-add", test_agrees_with_blender_add);
  g_test_add_func ("/catalog-service/merge", test_merge);
  g_test_add_func ("/catalog-service/merge-resurrects-edited", test_merge_resurrects_edited);
  g_test_add_func ("/catalog-service/unreadable-file", test_unreadable_file_is_read_only);
  g_test_add_func ("/catalog-service/save-refuses-broken-file", test_save_refuses_broken_file);
  g_test_add_func ("/catalog-service/read-only-folder", test_read_only_folder);
  g_test_add_func ("/catalog-service/tree-follows", test_tree_follows);
  return g_test_run ();
}
