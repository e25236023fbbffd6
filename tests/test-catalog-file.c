/* test-catalog-file.c: reading and writing blender_assets.cats.txt
 *
 * Ports of the file-level cases of Blender's asset_catalog_test.cc
 * (blender-catalogs.md §7.2), the parser rules of §1.3–§1.8, and the bytes
 * real Blender 3.4.1 wrote (tests/data/catalogs/README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-utils.h"
#include "trove-catalog-file.h"
#include "trove-catalog-path.h"
#include "trove-error.h"

#define NIL_UUID "00000000-0000-0000-0000-000000000000"

/* UUIDs of tests/data/catalogs/blender-fixture.cats.txt (Blender's names). */
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

#define UUID_A "11111111-1111-4111-8111-111111111111"
#define UUID_B "22222222-2222-4222-8222-222222222222"

#define HEADER TROVE_TEST_CATALOG_HEADER

/* What Blender writes for blender-fixture.cats.txt (without the implicit
 * parents Blender would add): sorted by path, first-loaded alias first. */
static const char fixture_serialized[]
    = HEADER "a51e17ae-34fc-47d5-ba0f-64c2c9b771f7:character/Ellie/backslashes:Windows For Life!\n"
             "df60e1f6-2259-475b-93d9-69a1b4a8db78:character/Ellie/poselib:POSES_ELLIE\n"
             "3376b94b-a28d-4d05-86c1-bf30b937130d:character/Ellie/poselib/tailslash:"
             "POSES_ELLIE_TRAILING_SLASH\n"
             "b06132f6-5687-4751-a6dd-392740eb3c46:character/Ellie/poselib/white space:"
             "POSES_ELLIE WHITESPACE\n"
             "79a4f887-ab60-4bd4-94da-d572e27d6aed:character/Ružena/poselib:POSES_RUŽENA\n"
             "00000000-d9fa-4b91-b704-e6af1f1339ef:character/Ružena/poselib:Another Ružena\n"
             "82162c1f-06cc-4d91-a9bf-4f72c104e348:character/Ružena/poselib/face:"
             "POSES_RUŽENA_FACE\n"
             "81811c31-1a88-4bd7-bb34-c6fc2607a12e:character/Ružena/poselib/hand:"
             "POSES_RUŽENA_HAND\n"
             "d7916a31-6ca9-4909-955f-182ca2b81fa3:path/without/simplename:\n";

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
load_path (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return trove_catalog_file_load (file);
}

static TroveCatalogFile *
load_fixture (const char *name)
{
  g_autofree char *path = trove_test_data_path ("catalogs", name, NULL);

  return load_path (path);
}

static char *
read_text (const char *path)
{
  g_autoptr (GBytes) bytes = trove_test_read_file (path);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static guint
n_catalogs (TroveCatalogFile *self)
{
  return g_list_model_get_n_items (trove_catalog_file_get_catalogs (self));
}

static guint
n_warnings (TroveCatalogFile *self)
{
  return g_strv_length ((char **)trove_catalog_file_get_warnings (self));
}

static void
assert_catalog (TroveCatalogFile *self,
                const char *uuid,
                const char *expected_path,
                const char *expected_simple_name)
{
  TroveCatalog *catalog = trove_catalog_file_lookup (self, uuid);

  g_assert_nonnull (catalog);
  g_assert_cmpstr (trove_catalog_get_uuid (catalog), ==, uuid);
  g_assert_cmpstr (trove_catalog_get_path (catalog), ==, expected_path);
  g_assert_cmpstr (trove_catalog_get_simple_name (catalog), ==, expected_simple_name);
}

static void
assert_serialized (TroveCatalogFile *self, const char *expected)
{
  g_autofree char *data = trove_catalog_file_serialize (self);

  g_assert_cmpstr (data, ==, expected);
}

static void
assert_clean (TroveCatalogFile *self)
{
  g_assert_no_error ((GError *)trove_catalog_file_get_error (self));
  g_assert_cmpuint (n_warnings (self), ==, 0);
  g_assert_true (trove_catalog_file_can_write (self));
}

/* The warning for @line_number exists and names the file and the line. */
static const char *
find_warning (TroveCatalogFile *self, guint line_number)
{
  g_autofree char *name = g_file_get_parse_name (trove_catalog_file_get_file (self));
  g_autofree char *prefix = g_strdup_printf ("%s:%u: ", name, line_number);
  const char *const *warnings = trove_catalog_file_get_warnings (self);

  for (guint i = 0; warnings[i] != NULL; i++)
    {
      g_assert_true (g_utf8_validate (warnings[i], -1, NULL));
      if (g_str_has_prefix (warnings[i], prefix))
        return warnings[i];
    }
  g_test_message ("no warning for line %u", line_number);
  g_assert_not_reached ();
  return NULL;
}

static void
assert_file_error (TroveCatalogFile *self, int code)
{
  const GError *error = trove_catalog_file_get_error (self);
  g_autofree char *name = g_file_get_parse_name (trove_catalog_file_get_file (self));

  g_assert_error ((GError *)error, TROVE_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, name));
  g_assert_cmpuint (n_catalogs (self), ==, 0);
  g_assert_false (trove_catalog_file_can_write (self));
}

static TroveCatalog *
new_catalog (const char *uuid, const char *path, const char *simple_name)
{
  TroveCatalog *catalog = trove_catalog_new (uuid, path, simple_name);

  g_assert_nonnull (catalog);
  return catalog;
}

/* ---------------------------------------------------------------------------
 * Real Blender 3.4.1 output
 */

/* The key test: Trove writes what Blender 3.4.1 wrote for the manual's
 * example, minus the catalogs Blender invented (see data README). */
static void
test_manual_example (void)
{
  g_autoptr (TroveCatalogFile) self = load_fixture ("manual-example.cats.txt");
  g_autofree char *expected_path
      = trove_test_data_path ("catalogs", "manual-example.expected.txt", NULL);
  g_autofree char *expected = read_text (expected_path);

  assert_clean (self);
  g_assert_true (trove_catalog_file_exists (self));
  g_assert_cmpuint (n_catalogs (self), ==, 7);
  assert_serialized (self, expected);

  /* Same path: the first line wins the first-loaded flag and is written
   * first. */
  g_assert_true (trove_catalog_get_first_loaded (
      trove_catalog_file_lookup (self, "cd66bf52-58f4-45cb-a4e2-dc0e0ee8f3fe")));
  g_assert_false (trove_catalog_get_first_loaded (
      trove_catalog_file_lookup (self, "ee9c7b60-02f1-4058-bed6-539b8d2a6d34")));
  g_assert_nonnull (strstr (expected, "cd66bf52-58f4-45cb-a4e2-dc0e0ee8f3fe:character/Elly/poselib:"
                                      "POSES_ELLY\n"
                                      "ee9c7b60-02f1-4058-bed6-539b8d2a6d34:"));
}

/* The expected file is Blender's real output minus exactly the seven lines
 * of the catalogs Trove does not create. */
static void
test_manual_example_derivation (void)
{
  static const char *const dropped[] = {
    "deb73d28-", "7faab4c0-", "50c701d9-", "7bfd9d02-", "38e958ae-", "b3183ee5-", "9412cdba-",
  };
  g_autofree char *blender_path
      = trove_test_data_path ("catalogs", "manual-example.blender-3.4.1.txt", NULL);
  g_autofree char *expected_path
      = trove_test_data_path ("catalogs", "manual-example.expected.txt", NULL);
  g_autofree char *blender = read_text (blender_path);
  g_autofree char *expected = read_text (expected_path);
  g_auto (GStrv) lines = g_strsplit (blender, "\n", -1);
  g_autoptr (GString) derived = g_string_new (NULL);
  guint n_dropped = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean drop = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (dropped); j++)
        drop = drop || g_str_has_prefix (lines[i], dropped[j]);
      if (drop)
        {
          n_dropped++;
          continue;
        }
      g_string_append (derived, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (derived, '\n');
    }
  g_assert_cmpuint (n_dropped, ==, G_N_ELEMENTS (dropped));
  g_assert_cmpstr (derived->str, ==, expected);
}

/* Blender's output has only real catalogs: Trove writes it back unchanged. */
static void
test_blender_output_round_trip (void)
{
  g_autoptr (TroveCatalogFile) self = load_fixture ("manual-example.blender-3.4.1.txt");
  g_autofree char *path
      = trove_test_data_path ("catalogs", "manual-example.blender-3.4.1.txt", NULL);
  g_autofree char *blender = read_text (path);

  assert_clean (self);
  g_assert_cmpuint (n_catalogs (self), ==, 14);
  assert_serialized (self, blender);
}

/* ---------------------------------------------------------------------------
 * Blender's AssetCatalogTest cases
 */

/* [test: load_single_file] */
static void
test_load_single_file (void)
{
  g_autoptr (TroveCatalogFile) self = load_fixture ("blender-fixture.cats.txt");
  const char *warning;

  g_assert_no_error ((GError *)trove_catalog_file_get_error (self));
  g_assert_cmpuint (n_catalogs (self), ==, 9);

  g_assert_null (trove_catalog_file_lookup (self, "8e64a4c4-5b0e-4c8c-8bd5-2c1b7c9d1f00"));
  g_assert_null (trove_catalog_file_lookup (self, UUID_ID_WITHOUT_PATH));

  assert_catalog (self, UUID_POSES_ELLIE, "character/Ellie/poselib", "POSES_ELLIE");
  assert_catalog (self, UUID_POSES_ELLIE_WHITESPACE, "character/Ellie/poselib/white space",
                  "POSES_ELLIE WHITESPACE");
  assert_catalog (self, UUID_POSES_ELLIE_TRAILING_SLASH, "character/Ellie/poselib/tailslash",
                  "POSES_ELLIE_TRAILING_SLASH");
  assert_catalog (self, UUID_POSES_RUZENA, "character/Ružena/poselib", "POSES_RUŽENA");
  assert_catalog (self, UUID_POSES_RUZENA_HAND, "character/Ružena/poselib/hand",
                  "POSES_RUŽENA_HAND");
  assert_catalog (self, UUID_POSES_RUZENA_FACE, "character/Ružena/poselib/face",
                  "POSES_RUŽENA_FACE");
  assert_catalog (self, UUID_WITHOUT_SIMPLENAME, "path/without/simplename", "");
  assert_catalog (self, UUID_ANOTHER_RUZENA, "character/Ružena/poselib", "Another Ružena");

  /* The only dropped line is "uuid::ID_WITHOUT_PATH", on line 18. */
  g_assert_cmpuint (n_warnings (self), ==, 1);
  warning = find_warning (self, 18);
  g_assert_nonnull (strstr (warning, "without a path"));
}

/* [test: load_catalog_path_backslashes] */
static void
test_backslashes (void)
{
  g_autoptr (TroveCatalogFile) self = load_fixture ("blender-fixture.cats.txt");

  assert_catalog (self, UUID_POSES_ELLIE_BACKSLASHES, "character/Ellie/backslashes",
                  "Windows For Life!");
}

/* [test: is_first_loaded_flag] */
static void
test_first_loaded (void)
{
  g_autoptr (TroveCatalogFile) self = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalog) created = new_catalog (UUID_A, "never/before/seen/path", "");
  g_autoptr (TroveCatalog) alias = new_catalog (UUID_B, "character/Ružena/poselib", "");

  g_assert_true (trove_catalog_file_add (self, created));
  g_assert_true (trove_catalog_file_add (self, alias));
  g_assert_false (trove_catalog_get_first_loaded (created));
  g_assert_false (trove_catalog_get_first_loaded (alias));

  g_assert_true (
      trove_catalog_get_first_loaded (trove_catalog_file_lookup (self, UUID_POSES_ELLIE)));
  g_assert_true (trove_catalog_get_first_loaded (
      trove_catalog_file_lookup (self, UUID_POSES_ELLIE_WHITESPACE)));
  g_assert_true (
      trove_catalog_get_first_loaded (trove_catalog_file_lookup (self, UUID_POSES_RUZENA)));
  g_assert_false (
      trove_catalog_get_first_loaded (trove_catalog_file_lookup (self, UUID_ANOTHER_RUZENA)));
}

/* [test: write_single_file], plus the exact bytes (Blender's own test has a
 * TODO for the order). */
static void
test_write_single_file (void)
{
  g_autoptr (TroveCatalogFile) self = load_fixture ("blender-fixture.cats.txt");
  g_autoptr (TroveCatalogFile) copy = NULL;
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) source = g_object_ref (trove_catalog_file_get_file (self));
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;

  assert_serialized (self, fixture_serialized);

  /* Writing to another place: re-read the data as a file bound there. */
  copy = trove_catalog_file_new (file);
  for (guint i = 0; i < n_catalogs (self); i++)
    {
      g_autoptr (TroveCatalog) catalog
          = g_list_model_get_item (trove_catalog_file_get_catalogs (self), i);
      g_assert_true (trove_catalog_file_add (copy, catalog));
    }
  g_assert_true (trove_catalog_file_save (copy, NULL, &error));
  g_assert_no_error (error);
  written = read_text (path);
  g_assert_cmpstr (written, ==, fixture_serialized);

  g_clear_object (&copy);
  copy = load_path (path);
  assert_clean (copy);
  g_assert_cmpuint (n_catalogs (copy), ==, 9);
  g_assert_nonnull (trove_catalog_file_lookup (copy, UUID_POSES_ELLIE));
  g_assert_nonnull (trove_catalog_file_lookup (copy, UUID_POSES_ELLIE_WHITESPACE));
  g_assert_nonnull (trove_catalog_file_lookup (copy, UUID_POSES_ELLIE_TRAILING_SLASH));
  g_assert_nonnull (trove_catalog_file_lookup (copy, UUID_POSES_RUZENA));
  g_assert_nonnull (trove_catalog_file_lookup (copy, UUID_POSES_RUZENA_HAND));
  g_assert_nonnull (trove_catalog_file_lookup (copy, UUID_POSES_RUZENA_FACE));
  g_assert_null (trove_catalog_file_lookup (copy, UUID_ID_WITHOUT_PATH));
  /* The first-loaded flag of the reloaded alias pair is where it was. */
  g_assert_true (
      trove_catalog_get_first_loaded (trove_catalog_file_lookup (copy, UUID_POSES_RUZENA)));
  assert_serialized (copy, fixture_serialized);

  trove_test_remove_tree (dir);
}

/* [test: read_write_unicode_filepath] */
static void
test_unicode_file_path (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *subdir = g_build_filename (dir, "новый", NULL);
  g_autofree char *path = g_build_filename (subdir, "новый.cats.txt", NULL);
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (TroveCatalogFile) reloaded = NULL;
  g_autoptr (TroveCatalog) extra = new_catalog (UUID_A, "Материалы/Металл", "");
  g_autoptr (GError) error = NULL;
  const char *text
      = "VERSION 1\na2151dff-dead-4f29-b6bc-b2c7d6cccdb4:Материалы:Russian Materials\n";

  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  trove_test_write_file (path, text, strlen (text));

  self = load_path (path);
  assert_clean (self);
  g_assert_true (trove_catalog_file_add (self, extra));
  g_assert_true (trove_catalog_file_save (self, NULL, &error));
  g_assert_no_error (error);

  reloaded = load_path (path);
  assert_clean (reloaded);
  assert_catalog (reloaded, "a2151dff-dead-4f29-b6bc-b2c7d6cccdb4", "Материалы",
                  "Russian Materials");
  assert_catalog (reloaded, UUID_A, "Материалы/Металл", "");

  trove_test_remove_tree (dir);
}

/* [test: order_by_path] */
static void
test_order_by_path (void)
{
  g_autoptr (TroveCatalog) cat1 = new_catalog (UUID_A, "simple/path/child", "");
  g_autoptr (TroveCatalog) cat2
      = new_catalog ("22222222-b847-44d9-bdca-ff04db1c24f5", "simple/path", "");
  g_autoptr (TroveCatalog) cat3 = new_catalog (UUID_B, "complex/path/...or/is/it?", "");
  g_autoptr (TroveCatalog) cat4 = new_catalog ("11111111-b847-44d9-bdca-ff04db1c24f5",
                                               "simple/path", "different ID, same path");
  g_autoptr (TroveCatalog) cat5
      = new_catalog ("11111111-b847-44d9-bdca-ff04db1c24f5", "simple/path", "same ID, same path");
  g_autoptr (TroveCatalogFile) self = parse_text ("VERSION 1\n");

  /* Same path and UUID: equal, whatever the simple name (std::set drops it). */
  g_assert_cmpint (trove_catalog_compare_for_write (cat4, cat5), ==, 0);

  g_assert_cmpint (trove_catalog_compare_for_write (cat3, cat4), <, 0);
  g_assert_cmpint (trove_catalog_compare_for_write (cat4, cat2), <, 0);
  g_assert_cmpint (trove_catalog_compare_for_write (cat2, cat1), <, 0);
  g_assert_cmpint (trove_catalog_compare_for_write (cat1, cat3), >, 0);

  /* The same order in a written file, whatever the order of adding. */
  g_assert_true (trove_catalog_file_add (self, cat1));
  g_assert_true (trove_catalog_file_add (self, cat2));
  g_assert_true (trove_catalog_file_add (self, cat3));
  g_assert_true (trove_catalog_file_add (self, cat4));
  g_assert_false (trove_catalog_file_add (self, cat5));
  assert_serialized (self,
                     HEADER "22222222-2222-4222-8222-222222222222:complex/path/...or/is/it?:\n"
                            "11111111-b847-44d9-bdca-ff04db1c24f5:simple/path:"
                            "different ID, same path\n"
                            "22222222-b847-44d9-bdca-ff04db1c24f5:simple/path:\n"
                            "11111111-1111-4111-8111-111111111111:simple/path/child:\n");
}

/* [test: order_by_path_and_first_seen] */
static void
test_order_by_path_and_first_seen (void)
{
  g_autoptr (TroveCatalog) first_seen
      = new_catalog ("3d451c87-27d1-40fd-87fc-f4c9e829c848", "simple/path/child", "");
  g_autoptr (TroveCatalog) first_sorted
      = new_catalog ("00000000-0000-0000-0000-000000000001", "simple/path/child", "");
  g_autoptr (TroveCatalog) last_sorted
      = new_catalog ("ffffffff-ffff-ffff-ffff-ffffffffffff", "simple/path/child", "");
  g_autoptr (TroveCatalogFile) loaded = NULL;

  trove_catalog_set_first_loaded (first_seen, TRUE);
  g_assert_false (trove_catalog_get_first_loaded (first_sorted));
  g_assert_false (trove_catalog_get_first_loaded (last_sorted));

  g_assert_cmpint (trove_catalog_compare_for_write (first_seen, first_sorted), <, 0);
  g_assert_cmpint (trove_catalog_compare_for_write (first_sorted, last_sorted), <, 0);
  g_assert_cmpint (trove_catalog_compare_for_write (first_seen, last_sorted), <, 0);
  g_assert_cmpint (trove_catalog_compare_for_write (last_sorted, first_seen), >, 0);

  /* The same through the reader: the first line with a path is first. */
  loaded = parse_text ("VERSION 1\n"
                       "ffffffff-ffff-ffff-ffff-ffffffffffff:simple/path/child:last\n"
                       "3d451c87-27d1-40fd-87fc-f4c9e829c848:simple/path/child:middle\n"
                       "00000000-0000-0000-0000-000000000001:/simple/path/child/:first\n");
  assert_clean (loaded);
  assert_serialized (loaded,
                     HEADER "ffffffff-ffff-ffff-ffff-ffffffffffff:simple/path/child:last\n"
                            "00000000-0000-0000-0000-000000000001:simple/path/child:first\n"
                            "3d451c87-27d1-40fd-87fc-f4c9e829c848:simple/path/child:middle\n");
}

/* [test: backups], [test: on_blendfile_save__with_existing_cdf]: the old
 * file becomes "~", replacing an older backup. */
static void
test_save_with_backup (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *temp = g_strconcat (path, ".writing", NULL);
  g_autofree char *fixture = trove_test_data_path ("catalogs", "blender-fixture.cats.txt", NULL);
  g_autofree char *original = read_text (fixture);
  g_autofree char *first_save = NULL;
  g_autofree char *content = NULL;
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (TroveCatalogFile) reloaded = NULL;
  g_autoptr (TroveCatalog) added = new_catalog (UUID_A, "some/catalog/path", "some-catalog-path");
  g_autoptr (TroveCatalog) added2 = new_catalog (UUID_B, "agents/47", "Agent 47");
  g_autoptr (GError) error = NULL;

  trove_test_copy_file (fixture, path);
  trove_test_write_file (backup, "an old backup", 13);

  self = load_path (path);
  g_assert_true (trove_catalog_file_add (self, added));
  g_assert_true (trove_catalog_file_save (self, NULL, &error));
  g_assert_no_error (error);

  first_save = read_text (path);
  content = trove_catalog_file_serialize (self);
  g_assert_cmpstr (first_save, ==, content);
  g_clear_pointer (&content, g_free);
  content = read_text (backup);
  g_assert_cmpstr (content, ==, original);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));

  reloaded = load_path (path);
  assert_clean (reloaded);
  g_assert_nonnull (trove_catalog_file_lookup (reloaded, UUID_A));
  g_assert_nonnull (trove_catalog_file_lookup (reloaded, UUID_POSES_ELLIE));

  /* A second save keeps only the newest backup. */
  g_assert_true (trove_catalog_file_add (self, added2));
  g_assert_true (trove_catalog_file_save (self, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&content, g_free);
  content = read_text (backup);
  g_assert_cmpstr (content, ==, first_save);

  trove_test_remove_tree (dir);
}

/* [test: create_first_catalog_from_scratch]: no file yet, no backup. */
static void
test_save_new_file (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *content = NULL;
  g_autoptr (TroveCatalogFile) self = load_path (path);
  g_autoptr (TroveCatalogFile) reloaded = NULL;
  g_autoptr (TroveCatalog) catalog = new_catalog (UUID_A, "some/catalog/path", "some-catalog-path");
  g_autoptr (GError) error = NULL;

  /* Missing is fine: no error, nothing to warn about. */
  assert_clean (self);
  g_assert_false (trove_catalog_file_exists (self));
  g_assert_cmpuint (n_catalogs (self), ==, 0);
  assert_serialized (self, HEADER);

  g_assert_true (trove_catalog_file_add (self, catalog));
  g_assert_true (trove_catalog_file_save (self, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (trove_catalog_file_exists (self));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  content = read_text (path);
  g_assert_cmpstr (content, ==,
                   HEADER "11111111-1111-4111-8111-111111111111:some/catalog/path:"
                          "some-catalog-path\n");
  reloaded = load_path (path);
  assert_catalog (reloaded, UUID_A, "some/catalog/path", "some-catalog-path");

  trove_test_remove_tree (dir);
}

/* ---------------------------------------------------------------------------
 * The version line (§1.3 step 4, §1.8)
 */

static void
test_version_accepted (void)
{
  static const char *const lines[] = {
    "VERSION 1",     "VERSION  1",    "VERSION 01", "VERSION 1.9", "VERSION 1 # x",
    "  VERSION 1  ", "\tVERSION 1\r", "VERSION +1", "VERSION 1x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *text = g_strdup_printf ("# comment\n\n%s\n" UUID_A ":a/b:AB\n", lines[i]);
      g_autoptr (TroveCatalogFile) self = parse_text (text);

      g_test_message ("version line “%s”", lines[i]);
      assert_clean (self);
      assert_catalog (self, UUID_A, "a/b", "AB");
    }
}

static void
test_version_rejected (void)
{
  static const char *const lines[] = {
    "version 1",
    "VERSION1",
    "VERSION 2",
    "VERSION x",
    "VERSION 0",
    "VERSION",
    "VERSION\t1",
    "VERSION -1",
    "Version 1",
    UUID_A ":a/b:AB",
    "\xEF\xBB\xBFVERSION 1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s\n" UUID_A ":a/b:AB\n", lines[i]);
      g_autoptr (TroveCatalogFile) self = parse_text (text);

      g_test_message ("version line “%s”", lines[i]);
      assert_file_error (self, TROVE_ERROR_CATALOG_FILE);
      g_assert_null (trove_catalog_file_lookup (self, UUID_A));
    }
}

/* A UTF-8 BOM hides even a comment: the first meaningful line is then
 * "\uFEFF# …", which is not a version line. The message explains. */
static void
test_version_bom (void)
{
  g_autoptr (TroveCatalogFile) self
      = parse_text ("\xEF\xBB\xBF# This is an Asset Catalog Definition file for Blender.\n"
                    "VERSION 1\n" UUID_A ":a:a\n");
  const GError *error = trove_catalog_file_get_error (self);

  assert_file_error (self, TROVE_ERROR_CATALOG_FILE);
  g_assert_nonnull (strstr (error->message, "byte order mark"));
}

/* Only comments and blank lines: Blender treats it as empty, so does Trove,
 * with a note; a truly empty file gets no note. */
static void
test_version_missing_in_empty_file (void)
{
  g_autoptr (TroveCatalogFile) comments = parse_text ("# only\n# comments\n\n");
  g_autoptr (TroveCatalogFile) empty = parse_text ("");
  g_autoptr (TroveCatalogFile) blank = parse_text (" \n\t\r\n");

  g_assert_no_error ((GError *)trove_catalog_file_get_error (comments));
  g_assert_true (trove_catalog_file_can_write (comments));
  g_assert_cmpuint (n_catalogs (comments), ==, 0);
  g_assert_cmpuint (n_warnings (comments), ==, 1);

  assert_clean (empty);
  assert_clean (blank);
  g_assert_cmpuint (n_catalogs (empty), ==, 0);
}

/* ---------------------------------------------------------------------------
 * Catalog lines (§1.4, §1.5, §1.6)
 */

static void
test_crlf (void)
{
  g_autofree char *fixture = trove_test_data_path ("catalogs", "blender-fixture.cats.txt", NULL);
  g_autofree char *text = read_text (fixture);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autoptr (TroveCatalogFile) self = parse_text (crlf);

  g_assert_nonnull (strstr (crlf, "VERSION 1\r\n"));
  g_assert_cmpuint (n_catalogs (self), ==, 9);
  assert_catalog (self, UUID_POSES_ELLIE_WHITESPACE, "character/Ellie/poselib/white space",
                  "POSES_ELLIE WHITESPACE");
  assert_catalog (self, UUID_WITHOUT_SIMPLENAME, "path/without/simplename", "");
  /* Written back with LF only. */
  assert_serialized (self, fixture_serialized);
}

static void
test_duplicate_uuid (void)
{
  g_autoptr (TroveCatalogFile) self
      = parse_text ("VERSION 1\n" UUID_POSES_ELLIE ":first/path:First\n" UUID_B
                    ":other:Other\n" UUID_POSES_ELLIE ":second/path:Second\n"
                    "DF60E1F6-2259-475B-93D9-69A1B4A8DB78:third/path:Third\n");

  /* First wins; the upper-case spelling is the same UUID. */
  g_assert_cmpuint (n_catalogs (self), ==, 2);
  assert_catalog (self, UUID_POSES_ELLIE, "first/path", "First");
  g_assert_nonnull (strstr (find_warning (self, 4), UUID_POSES_ELLIE));
  g_assert_nonnull (strstr (find_warning (self, 5), UUID_POSES_ELLIE));
  g_assert_cmpuint (n_warnings (self), ==, 2);
  assert_serialized (self, HEADER UUID_POSES_ELLIE ":first/path:First\n" UUID_B ":other:Other\n");
}

/* `uuid::x` is dropped (with a warning); `uuid:`, `uuid: :x` and `uuid:/:x`
 * make catalogs with an empty path, which Blender keeps and writes back as
 * `uuid::x` (§1.4). */
static void
test_empty_paths (void)
{
  g_autoptr (TroveCatalogFile) self = parse_text ("VERSION 1\n" UUID_A "::dropped\n" UUID_B ":\n"
                                                  "33333333-3333-4333-8333-333333333333: :x\n"
                                                  "44444444-4444-4444-8444-444444444444:/:y\n");

  g_assert_null (trove_catalog_file_lookup (self, UUID_A));
  assert_catalog (self, UUID_B, "", "");
  assert_catalog (self, "33333333-3333-4333-8333-333333333333", "", "x");
  assert_catalog (self, "44444444-4444-4444-8444-444444444444", "", "y");
  g_assert_nonnull (strstr (find_warning (self, 2), "without a path"));
  g_assert_nonnull (strstr (find_warning (self, 3), "empty path"));
  g_assert_nonnull (find_warning (self, 4));
  g_assert_nonnull (find_warning (self, 5));
  g_assert_cmpuint (n_warnings (self), ==, 4);
  assert_serialized (self, HEADER UUID_B "::\n"
                                         "33333333-3333-4333-8333-333333333333::x\n"
                                         "44444444-4444-4444-8444-444444444444::y\n");
}

static void
test_line_grammar (void)
{
  g_autoptr (TroveCatalogFile) self
      = parse_text ("VERSION 1\n"
                    "no colon at all\n"                                             /* 2: dropped */
                    "not-a-uuid:some/path:Name\n"                                   /* 3: dropped */
                    UUID_A ":colons/in:simple:name: too\n"                          /* 4 */
                    "1-2-3-4455-66778899aabb:short/groups\n"                        /* 5 */
                    "DF60E1F6-2259-475B-93D9-69A1B4A8DB78:upper/case:X\n"           /* 6 */
                    UUID_B "trailing-garbage:garbage:G\n"                           /* 7 */
                    "33333333-3333-4333-8333-333333333333:a#b/c d:#not a comment\n" /* 8 */
                    "  # indented comment\n"                                        /* 9 */
                    NIL_UUID ":nil/catalog:Nil\n"                                   /* 10 */
                    "\t" UUID_POSES_ELLIE "\t:\tp/q\t:\t\n"); /* 11: same as line 6 */

  g_assert_nonnull (strstr (find_warning (self, 2), "no “:”"));
  g_assert_nonnull (strstr (find_warning (self, 3), "not-a-uuid"));
  assert_catalog (self, UUID_A, "colons/in", "simple:name: too");
  assert_catalog (self, "00000001-0002-0003-4455-66778899aabb", "short/groups", "");
  assert_catalog (self, UUID_POSES_ELLIE, "upper/case", "X");
  g_assert_nonnull (trove_catalog_file_lookup (self, "DF60E1F6-2259-475B-93D9-69A1B4A8DB78"));
  assert_catalog (self, UUID_B, "garbage", "G");
  assert_catalog (self, "33333333-3333-4333-8333-333333333333", "a#b/c d", "#not a comment");
  assert_catalog (self, NIL_UUID, "nil/catalog", "Nil");
  /* Line 11 repeats line 6's UUID. */
  g_assert_nonnull (strstr (find_warning (self, 11), "more than once"));
  g_assert_cmpuint (n_catalogs (self), ==, 6);
  g_assert_cmpuint (n_warnings (self), ==, 3);

  g_assert_null (trove_catalog_file_lookup (self, "not-a-uuid"));
  g_assert_null (trove_catalog_file_lookup (self, ""));
}

/* Invalid UTF-8 and NUL bytes are repaired per line, with a warning. */
static void
test_invalid_utf8 (void)
{
  static const char data[]
      = "VERSION 1\n" UUID_A ":bad\xff path:na\xc3me\n" UUID_B ":nul\0byte:x\0y\n"
        "# comment \xfe\n"
        "33333333-3333-4333-8333-333333333333:ok:ok\n";
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/blender_assets.cats.txt");
  g_autoptr (TroveCatalogFile) self
      = trove_catalog_file_new_from_data (file, data, sizeof data - 1);
  g_autofree char *serialized = NULL;

  assert_catalog (self, UUID_A, "bad\xEF\xBF\xBD path", "na\xEF\xBF\xBDme");
  assert_catalog (self, UUID_B,
                  "nul\xEF\xBF\xBD"
                  "byte",
                  "x\xEF\xBF\xBDy");
  assert_catalog (self, "33333333-3333-4333-8333-333333333333", "ok", "ok");
  g_assert_nonnull (strstr (find_warning (self, 2), "UTF-8"));
  g_assert_nonnull (find_warning (self, 3));
  g_assert_nonnull (find_warning (self, 4));
  g_assert_cmpuint (n_warnings (self), ==, 3);

  serialized = trove_catalog_file_serialize (self);
  g_assert_true (g_utf8_validate (serialized, -1, NULL));

  /* The error message for a garbled version line is valid UTF-8 too. */
  {
    static const char bad_version[] = "VERSION \xff\xfe\n";
    g_autoptr (TroveCatalogFile) bad
        = trove_catalog_file_new_from_data (file, bad_version, sizeof bad_version - 1);

    assert_file_error (bad, TROVE_ERROR_CATALOG_FILE);
  }
}

/* A very long line is parsed; messages quote only its start. */
static void
test_long_lines (void)
{
  g_autofree char *long_name = g_strnfill (1024 * 1024, 'n');
  g_autofree char *long_junk = g_strnfill (1024 * 1024, 'j');
  g_autofree char *text
      = g_strdup_printf ("VERSION 1\n" UUID_A ":a:%s\n%s\n", long_name, long_junk);
  g_autoptr (TroveCatalogFile) self = parse_text (text);

  assert_catalog (self, UUID_A, "a", long_name);
  g_assert_cmpuint (strlen (find_warning (self, 3)), <, 300);
}

/* Catalogs deeper than the tree shows are kept (and written) with a
 * warning. */
static void
test_deep_path (void)
{
  g_autoptr (GString) text = g_string_new ("VERSION 1\n" UUID_A ":");
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autofree char *serialized = NULL;

  for (guint i = 0; i < TROVE_CATALOG_PATH_MAX_DEPTH + 1; i++)
    g_string_append (text, "/d");
  g_string_append (text, ":deep\n");

  self = parse_text (text->str);
  g_assert_nonnull (trove_catalog_file_lookup (self, UUID_A));
  g_assert_nonnull (strstr (find_warning (self, 2), "path components"));
  serialized = trove_catalog_file_serialize (self);
  g_assert_nonnull (strstr (serialized, UUID_A ":d/d/d/"));
}

/* ---------------------------------------------------------------------------
 * Files that cannot be read
 */

static void
test_missing_file (void)
{
  g_autoptr (TroveCatalogFile) self
      = load_path ("/nonexistent/trove-test/" TROVE_CATALOG_FILE_NAME);

  assert_clean (self);
  g_assert_false (trove_catalog_file_exists (self));
  g_assert_cmpuint (n_catalogs (self), ==, 0);
}

static void
test_directory (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  self = load_path (path);
  assert_file_error (self, TROVE_ERROR_CATALOG_FILE);
  g_assert_true (trove_catalog_file_exists (self));

  g_assert_false (trove_catalog_file_save (self, NULL, &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  trove_test_remove_tree (dir);
}

/* A FIFO must not make load() block. */
static void
test_fifo (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autoptr (TroveCatalogFile) self = NULL;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  self = load_path (path);
  assert_file_error (self, TROVE_ERROR_CATALOG_FILE);

  trove_test_remove_tree (dir);
}

static void
test_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (GError) error = NULL;

  if (!trove_test_run_unprivileged ())
    return;

  dir = trove_test_make_temp_dir ();
  path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  trove_test_write_file (path, "VERSION 1\n", 10);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  self = load_path (path);
  assert_file_error (self, TROVE_ERROR_CATALOG_FILE);
  g_assert_false (trove_catalog_file_save (self, NULL, &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);

  g_chmod (path, 0644);
  trove_test_remove_tree (dir);
}

static void
test_too_large (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autoptr (TroveCatalogFile) self = NULL;

  /* Sparse: costs no disk space. */
  trove_test_write_file (path, "VERSION 1\n", 10);
  g_assert_cmpint (truncate (path, 64 * 1024 * 1024 + 1), ==, 0);

  self = load_path (path);
  assert_file_error (self, TROVE_ERROR_TOO_LARGE);
  g_assert_true (trove_catalog_file_exists (self));

  trove_test_remove_tree (dir);
}

/* ---------------------------------------------------------------------------
 * Saving safely
 */

/* Blender would silently replace a file with an unknown version; Trove must
 * not touch it. */
static void
test_refuse_bad_version (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *temp = g_strconcat (path, ".writing", NULL);
  g_autofree char *after = NULL;
  const char *original = "# from the future\nVERSION 2\n" UUID_A ":a/b:AB\nsome new syntax\n";
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (TroveCatalog) catalog = new_catalog (UUID_B, "new", "");
  g_autoptr (GError) error = NULL;

  trove_test_write_file (path, original, strlen (original));
  self = load_path (path);
  assert_file_error (self, TROVE_ERROR_CATALOG_FILE);
  g_assert_nonnull (strstr (trove_catalog_file_get_error (self)->message, "VERSION 2"));

  g_assert_false (trove_catalog_file_add (self, catalog));
  g_assert_false (trove_catalog_file_save (self, NULL, &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, path));

  after = read_text (path);
  g_assert_cmpstr (after, ==, original);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));

  trove_test_remove_tree (dir);
}

/* Another program (Blender) rewrote or created the file after Trove read
 * it: saving would lose its changes. */
static void
test_refuse_changed_on_disk (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autofree char *after = NULL;
  const char *ours = "VERSION 1\n" UUID_A ":ours:\n";
  const char *theirs = "VERSION 1\n" UUID_B ":theirs:\n";
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (TroveCatalogFile) created = NULL;
  g_autoptr (GError) error = NULL;

  trove_test_write_file (path, ours, strlen (ours));
  self = load_path (path);
  assert_clean (self);
  trove_test_write_file (path, theirs, strlen (theirs));

  g_assert_false (trove_catalog_file_save (self, NULL, &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);
  after = read_text (path);
  g_assert_cmpstr (after, ==, theirs);
  g_clear_error (&error);

  /* A file that appeared where there was none. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (path);
    created = trove_catalog_file_new (file);
  }
  g_assert_false (trove_catalog_file_save (created, NULL, &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);
  g_clear_pointer (&after, g_free);
  after = read_text (path);
  g_assert_cmpstr (after, ==, theirs);

  trove_test_remove_tree (dir);
}

/* When a step of the write fails, the original file stays as it was and the
 * temporary file is cleaned up. Directories in the way make the steps fail
 * even for root. */
static void
test_save_failure_keeps_original (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *backup_child = g_build_filename (backup, "child", NULL);
  g_autofree char *temp = g_strconcat (path, ".writing", NULL);
  g_autofree char *temp_child = g_build_filename (temp, "child", NULL);
  g_autofree char *fixture = trove_test_data_path ("catalogs", "blender-fixture.cats.txt", NULL);
  g_autofree char *original = read_text (fixture);
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (TroveCatalog) catalog = new_catalog (UUID_A, "new", "");
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;

  trove_test_copy_file (fixture, path);
  self = load_path (path);
  g_assert_true (trove_catalog_file_add (self, catalog));

  /* The backup cannot be made: "~" is a directory. */
  g_assert_cmpint (g_mkdir (backup, 0755), ==, 0);
  trove_test_write_file (backup_child, "x", 1);
  g_assert_false (trove_catalog_file_save (self, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, path));
  after = read_text (path);
  g_assert_cmpstr (after, ==, original);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  trove_test_remove_tree (backup);
  g_clear_error (&error);

  /* The temporary file cannot be made: ".writing" is a directory. */
  g_assert_cmpint (g_mkdir (temp, 0755), ==, 0);
  trove_test_write_file (temp_child, "x", 1);
  g_assert_false (trove_catalog_file_save (self, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_pointer (&after, g_free);
  after = read_text (path);
  g_assert_cmpstr (after, ==, original);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  trove_test_remove_tree (temp);
  g_clear_error (&error);

  /* Nothing in the way: the same object saves fine. */
  g_assert_true (trove_catalog_file_save (self, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = read_text (backup);
  g_assert_cmpstr (after, ==, original);

  trove_test_remove_tree (dir);
}

static void
test_save_missing_directory (void)
{
  g_autoptr (TroveCatalogFile) self
      = load_path ("/nonexistent/trove-test/" TROVE_CATALOG_FILE_NAME);
  g_autoptr (GError) error = NULL;

  g_assert_false (trove_catalog_file_save (self, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/trove-test/" TROVE_CATALOG_FILE_NAME));
}

static void
test_save_cancelled (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autoptr (TroveCatalogFile) self = load_path (path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (trove_catalog_file_save (self, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  trove_test_remove_tree (dir);
}

/* A group-writable library stays group-writable. */
static void
test_save_keeps_permissions (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, TROVE_CATALOG_FILE_NAME, NULL);
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  trove_test_write_file (path, "VERSION 1\n", 10);
  g_assert_cmpint (g_chmod (path, 0664), ==, 0);
  /* As root, another user's file stays theirs. */
  if (geteuid () == 0)
    g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  self = load_path (path);
  g_assert_true (trove_catalog_file_save (self, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0664);
  if (geteuid () == 0)
    g_assert_cmpint (st.st_uid, ==, 65534);

  trove_test_remove_tree (dir);
}

/* ---------------------------------------------------------------------------
 * API details
 */

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, guint *count)
{
  *count += added;
}

static void
test_lookup_and_add (void)
{
  g_autoptr (TroveCatalogFile) self = parse_text ("VERSION 1\n" UUID_A ":a:A\n");
  g_autoptr (TroveCatalog) duplicate
      = new_catalog ("11111111-1111-4111-8111-111111111111", "b", "");
  g_autoptr (TroveCatalog) added = new_catalog (UUID_B, "b", "B");
  g_autoptr (TroveCatalog) last = NULL;
  guint count = 0;

  g_assert_nonnull (trove_catalog_file_lookup (self, UUID_A));
  g_assert_nonnull (trove_catalog_file_lookup (self, "11111111-1111-4111-8111-111111111111"));
  g_assert_true (trove_catalog_file_lookup (self, "11111111-1111-4111-8111-111111111111")
                 == trove_catalog_file_lookup (self, UUID_A));
  g_assert_null (trove_catalog_file_lookup (self, UUID_B));
  g_assert_null (trove_catalog_file_lookup (self, "garbage"));

  g_signal_connect (trove_catalog_file_get_catalogs (self), "items-changed",
                    G_CALLBACK (items_changed_cb), &count);
  g_assert_false (trove_catalog_file_add (self, duplicate));
  g_assert_cmpuint (count, ==, 0);
  g_assert_true (trove_catalog_file_add (self, added));
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (n_catalogs (self), ==, 2);
  last = g_list_model_get_item (trove_catalog_file_get_catalogs (self), 1);
  g_assert_true (last == added);
  g_assert_true (trove_catalog_file_lookup (self, UUID_B) == added);
}

static void
notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_catalog_object (void)
{
  g_autoptr (TroveCatalog) catalog
      = trove_catalog_new ("DF60E1F6-2259-475B-93D9-69A1B4A8DB78", " /a\\b: c/\n", NULL);
  g_autoptr (TroveCatalog) broken = trove_catalog_new (UUID_A, "line\nbreak", "simple\r\nname");
  g_autofree char *uuid = NULL;
  guint count = 0;

  g_assert_cmpstr (trove_catalog_get_uuid (catalog), ==, UUID_POSES_ELLIE);
  g_assert_cmpstr (trove_catalog_get_path (catalog), ==, "a/b- c");
  g_assert_cmpstr (trove_catalog_get_simple_name (catalog), ==, "");
  g_assert_false (trove_catalog_get_first_loaded (catalog));

  /* Line breaks would split a line of the file. */
  g_assert_cmpstr (trove_catalog_get_path (broken), ==, "line break");
  g_assert_cmpstr (trove_catalog_get_simple_name (broken), ==, "simple  name");

  g_object_get (catalog, "uuid", &uuid, NULL);
  g_assert_cmpstr (uuid, ==, UUID_POSES_ELLIE);

  g_signal_connect (catalog, "notify::first-loaded", G_CALLBACK (notify_cb), &count);
  trove_catalog_set_first_loaded (catalog, TRUE);
  trove_catalog_set_first_loaded (catalog, TRUE);
  g_assert_cmpuint (count, ==, 1);
  trove_catalog_set_first_loaded (catalog, FALSE);
  g_assert_cmpuint (count, ==, 2);

  if (g_test_undefined ())
    {
      TroveCatalog *invalid;

      g_test_expect_message ("Trove", G_LOG_LEVEL_CRITICAL, "*trove_uuid_parse*");
      invalid = trove_catalog_new ("not a uuid", "path", NULL);
      g_test_assert_expected_messages ();
      g_assert_null (invalid);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog-file/blender-3.4.1/manual-example", test_manual_example);
  g_test_add_func ("/catalog-file/blender-3.4.1/manual-example-derivation",
                   test_manual_example_derivation);
  g_test_add_func ("/catalog-file/blender-3.4.1/output-round-trip", test_blender_output_round_trip);

  g_test_add_func ("/catalog-file/blender/load-single-file", test_load_single_file);
  g_test_add_func ("/catalog-file/blender/backslashes", test_backslashes);
  g_test_add_func ("/catalog-file/blender/first-loaded", test_first_loaded);
  g_test_add_func ("/catalog-file/blender/write-single-file", test_write_single_file);
  g_test_add_func ("/catalog-file/blender/unicode-file-path", test_unicode_file_path);
  g_test_add_func ("/catalog-file/blender/order-by-path", test_order_by_path);
  g_test_add_func ("/catalog-file/blender/order-by-path-and-first-seen",
                   test_order_by_path_and_first_seen);
  g_test_add_func ("/catalog-file/blender/save-with-backup", test_save_with_backup);
  g_test_add_func ("/catalog-file/blender/save-new-file", test_save_new_file);

  g_test_add_func ("/catalog-file/version/accepted", test_version_accepted);
  g_test_add_func ("/catalog-file/version/rejected", test_version_rejected);
  g_test_add_func ("/catalog-file/version/bom", test_version_bom);
  g_test_add_func ("/catalog-file/version/missing-in-empty-file",
                   test_version_missing_in_empty_file);

  g_test_add_func ("/catalog-file/lines/crlf", test_crlf);
  g_test_add_func ("/catalog-file/lines/duplicate-uuid", test_duplicate_uuid);
  g_test_add_func ("/catalog-file/lines/empty-paths", test_empty_paths);
  g_test_add_func ("/catalog-file/lines/grammar", test_line_grammar);
  g_test_add_func ("/catalog-file/lines/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/catalog-file/lines/long-lines", test_long_lines);
  g_test_add_func ("/catalog-file/lines/deep-path", test_deep_path);

  g_test_add_func ("/catalog-file/read/missing", test_missing_file);
  g_test_add_func ("/catalog-file/read/directory", test_directory);
  g_test_add_func ("/catalog-file/read/fifo", test_fifo);
  g_test_add_func ("/catalog-file/read/unreadable", test_unreadable);
  g_test_add_func ("/catalog-file/read/too-large", test_too_large);

  g_test_add_func ("/catalog-file/save/refuse-bad-version", test_refuse_bad_version);
  g_test_add_func ("/catalog-file/save/refuse-changed-on-disk", test_refuse_changed_on_disk);
  g_test_add_func ("/catalog-file/save/failure-keeps-original", test_save_failure_keeps_original);
  g_test_add_func ("/catalog-file/save/missing-directory", test_save_missing_directory);
  g_test_add_func ("/catalog-file/save/cancelled", test_save_cancelled);
  g_test_add_func ("/catalog-file/save/keeps-permissions", test_save_keeps_permissions);

  g_test_add_func ("/catalog-file/api/lookup-and-add", test_lookup_and_add);
  g_test_add_func ("/catalog-file/api/catalog-object", test_catalog_object);

  return g_test_run ();
}
