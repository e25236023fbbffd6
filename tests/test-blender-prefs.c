/* test-blender-prefs.c: asset libraries from Blender's preferences
 *
 * data/userpref/config/userpref.blend was saved by Blender 3.4 and
 * data/userpref/expected.json is what Blender read back from it
 * (data/userpref/make-userpref.py).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "trove-blender-prefs.h"
#include "trove-error.h"
#include "trove-library.h"

#include <glib/gstdio.h>
#include <string.h>

/* Blender 3.4 writes little-endian files with 8-byte pointers: BHead8. */
#define HEADER_SIZE 12
#define BHEAD_SIZE 24
#define LIBRARY_NAME_OFFSET 16 /* bUserAssetLibrary: next, prev, name[64] */

static char *
fixture_path (void)
{
  return trove_test_data_path ("userpref", "config", "userpref.blend", NULL);
}

static JsonArray *
expected_libraries (JsonNode **root)
{
  g_autofree char *path = trove_test_data_path ("userpref", "expected.json", NULL);

  *root = trove_test_load_json (path);
  return json_object_get_array_member (json_node_get_object (*root), "asset_libraries");
}

static GPtrArray *
read_ok (const char *path)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *libraries = trove_blender_prefs_read_libraries (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (libraries);
  return libraries;
}

static void
assert_library (TroveLibrary *library, const char *name, const char *path)
{
  g_autofree char *actual_path = g_file_get_path (trove_library_get_folder (library));

  g_assert_cmpstr (trove_library_get_name (library), ==, name);
  g_assert_cmpstr (actual_path, ==, path);
}

/* Asserts that @libraries are Blender's entries [@first, @end) of
 * expected.json, minus those Trove skips (a path that is not absolute),
 * with the folder's name for a nameless entry. */
static void
assert_libraries_match (GPtrArray *libraries, guint first, guint end)
{
  g_autoptr (JsonNode) root = NULL;
  JsonArray *expected = expected_libraries (&root);
  guint n = 0;

  end = MIN (end, json_array_get_length (expected));
  for (guint i = first; i < end; i++)
    {
      JsonObject *entry = json_array_get_object_element (expected, i);
      const char *name = json_object_get_string_member (entry, "name");
      const char *path = json_object_get_string_member (entry, "path");
      g_autofree char *basename = NULL;

      if (!g_path_is_absolute (path))
        continue;
      g_assert_cmpuint (n, <, libraries->len);
      basename = g_path_get_basename (path);
      assert_library (libraries->pdata[n], name[0] != '\0' ? name : basename, path);
      n++;
    }
  g_assert_cmpuint (libraries->len, ==, n);
}

static void
test_read_fixture (void)
{
  g_autofree char *path = fixture_path ();
  g_autoptr (GPtrArray) libraries = read_ok (path);
  g_autoptr (JsonNode) root = NULL;
  JsonArray *expected = expected_libraries (&root);

  /* The oracle holds every kind of entry this test is about. */
  g_assert_cmpuint (json_array_get_length (expected), ==, 11);
  assert_libraries_match (libraries, 0, G_MAXUINT);
  g_assert_cmpuint (libraries->len, ==, 9);

  /* Blender's default library is an entry like any other. */
  assert_library (libraries->pdata[0], "User Library", "/tmp/trove-userpref-home/Blender/Assets");
  /* A name cut by Blender at 63 bytes stays valid UTF-8. */
  g_assert_true (g_utf8_validate (trove_library_get_name (libraries->pdata[3]), -1, NULL));
  /* A path filling its char[1024]. */
  {
    g_autofree char *long_path = g_file_get_path (trove_library_get_folder (libraries->pdata[4]));
    g_assert_cmpuint (strlen (long_path), ==, 1023);
  }
  /* Blender allows the same folder twice; so does this reader. */
  g_assert_true (g_file_equal (trove_library_get_folder (libraries->pdata[1]),
                               trove_library_get_folder (libraries->pdata[8])));

  /* Availability is the caller's to check. */
  for (guint i = 0; i < libraries->len; i++)
    g_assert_true (trove_library_get_available (libraries->pdata[i]));
  trove_library_check_available (libraries->pdata[5]); /* /tmp */
  g_assert_true (trove_library_get_available (libraries->pdata[5]));
  trove_library_check_available (libraries->pdata[6]);
  g_assert_false (trove_library_get_available (libraries->pdata[6]));
}

/* --- patching the fixture --- */

typedef struct
{
  gsize bhead;   /* offset of the block header */
  gsize payload; /* offset of the bUserAssetLibrary */
} Block;

static guint64
read_u64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static void
write_u64 (guint8 *p, guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

/* Finds the DATA block of the library named @name by walking the block
 * headers, independently of Trove's reader. */
static Block
find_library_block (GByteArray *file, const char *name)
{
  gsize offset = HEADER_SIZE, name_length = strlen (name);
  Block found = { 0 };
  guint matches = 0;

  g_assert_cmpmem (file->data, HEADER_SIZE, "BLENDER-v304", HEADER_SIZE);
  while (offset + BHEAD_SIZE <= file->len)
    {
      const guint8 *bhead = file->data + offset;
      guint32 length;
      const char *field;

      memcpy (&length, bhead + 4, 4);
      length = GUINT32_FROM_LE (length);
      field = (const char *)bhead + BHEAD_SIZE + LIBRARY_NAME_OFFSET;
      if (memcmp (bhead, "DATA", 4) == 0 && length >= LIBRARY_NAME_OFFSET + 64
          && memcmp (field, name, name_length) == 0 && field[name_length] == '\0')
        {
          found.bhead = offset;
          found.payload = offset + BHEAD_SIZE;
          matches++;
        }
      if (memcmp (bhead, "ENDB", 4) == 0)
        break;
      offset += BHEAD_SIZE + length;
    }
  g_assert_cmpuint (matches, ==, 1);
  return found;
}

static guint64
block_old (GByteArray *file, Block block)
{
  return read_u64 (file->data + block.bhead + 8);
}

static void
set_next (GByteArray *file, Block block, guint64 next)
{
  write_u64 (file->data + block.payload, next);
}

static GByteArray *
load_fixture (void)
{
  g_autofree char *path = fixture_path ();
  GBytes *bytes = trove_test_read_file (path);

  return g_bytes_unref_to_array (bytes);
}

/* Writes @file as @name in a fresh temporary folder; returns its path. */
static char *
write_patched (GByteArray *file, const char *name, char **dir)
{
  char *path;

  *dir = trove_test_make_temp_dir ();
  path = g_build_filename (*dir, name, NULL);
  trove_test_write_file (path, file->data, file->len);
  return path;
}

static void
assert_read_fails (GByteArray *file, const char *name, GQuark domain, int code)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_patched (file, name, &dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) libraries = trove_blender_prefs_read_libraries (path, &error);

  g_assert_null (libraries);
  g_assert_error (error, domain, code);
  /* Messages name the file. */
  g_assert_nonnull (strstr (error->message, name));
  trove_test_remove_tree (dir);
}

static GPtrArray *
read_patched (GByteArray *file)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_patched (file, "userpref.blend", &dir);
  GPtrArray *libraries = read_ok (path);

  trove_test_remove_tree (dir);
  return libraries;
}

static void
test_cycle (void)
{
  g_autoptr (GByteArray) file = load_fixture ();
  Block first = find_library_block (file, "User Library");
  Block last = find_library_block (file, "Kitchen Again");
  Block kitchen = find_library_block (file, "Kitchen Props");

  /* The last entry points back to the first. */
  set_next (file, last, block_old (file, first));
  assert_read_fails (file, "cycle.blend", TROVE_ERROR, TROVE_ERROR_CORRUPT);

  /* An entry that is its own successor. */
  set_next (file, last, 0);
  set_next (file, kitchen, block_old (file, kitchen));
  assert_read_fails (file, "self-loop.blend", TROVE_ERROR, TROVE_ERROR_CORRUPT);
}

static void
test_unresolvable_pointers (void)
{
  g_autoptr (GByteArray) file = load_fixture ();
  Block temporary = find_library_block (file, "Temporary Files");
  Block first = find_library_block (file, "User Library");
  g_autoptr (GPtrArray) cut = NULL;
  g_autoptr (GPtrArray) none = NULL;

  /* Like Blender, a `next` that resolves to no block ends the list. */
  set_next (file, temporary, G_GUINT64_CONSTANT (0xdeadbeef0));
  cut = read_patched (file);
  assert_libraries_match (cut, 0, 6);
  g_assert_cmpstr (trove_library_get_name (cut->pdata[cut->len - 1]), ==, "Temporary Files");

  /* A `first` that resolves to nothing: no libraries. */
  write_u64 (file->data + first.bhead + 8, G_GUINT64_CONSTANT (0xdeadbeef0));
  none = read_patched (file);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_invalid_utf8_name (void)
{
  g_autoptr (GByteArray) file = load_fixture ();
  Block kitchen = find_library_block (file, "Kitchen Props");
  g_autoptr (GPtrArray) libraries = NULL;
  const char *name;

  file->data[kitchen.payload + LIBRARY_NAME_OFFSET + 3] = 0xff; /* "Kit\xffhen Props" */
  libraries = read_patched (file);
  name = trove_library_get_name (libraries->pdata[1]);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (g_str_has_prefix (name, "Kit"));
  g_assert_true (g_str_has_suffix (name, "hen Props"));
}

static void
test_not_preferences (void)
{
  g_autofree char *path = trove_test_data_path ("library", "materials.blend", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) libraries = trove_blender_prefs_read_libraries (path, &error);

  g_assert_null (libraries);
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "materials.blend"));
}

static void
test_truncated (void)
{
  g_autoptr (GByteArray) file = load_fixture ();
  gsize size = file->len;

  g_byte_array_set_size (file, size / 2);
  assert_read_fails (file, "half.blend", TROVE_ERROR, TROVE_ERROR_TRUNCATED);
  g_byte_array_set_size (file, HEADER_SIZE + 10);
  assert_read_fails (file, "header.blend", TROVE_ERROR, TROVE_ERROR_TRUNCATED);
  g_byte_array_set_size (file, 0);
  assert_read_fails (file, "empty.blend", TROVE_ERROR, TROVE_ERROR_NOT_BLEND);
}

static void
test_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) libraries
      = trove_blender_prefs_read_libraries ("/nonexistent/trove-test/userpref.blend", &error);

  g_assert_null (libraries);
  g_assert_nonnull (error);
}

/* --- finding the newest preferences --- */

static void
make_version (const char *config_dir, const char *version, gboolean with_prefs)
{
  g_autofree char *folder = g_build_filename (config_dir, version, "config", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  if (with_prefs)
    {
      g_autofree char *fixture = fixture_path ();
      g_autofree char *dest = g_build_filename (folder, "userpref.blend", NULL);

      trove_test_copy_file (fixture, dest);
    }
}

static void
assert_newest (const char *config_dir, const char *version)
{
  g_autofree char *found = trove_blender_prefs_find_newest (config_dir);
  g_autofree char *expected = NULL;

  if (version == NULL)
    {
      g_assert_null (found);
      return;
    }
  expected = g_build_filename (config_dir, version, "config", "userpref.blend", NULL);
  g_assert_cmpstr (found, ==, expected);
}

static void
test_find_newest (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *config = g_build_filename (dir, "blender", NULL);
  g_autofree char *prefs_dir = NULL;
  static const char *const not_versions[]
      = { "junk", "10", "5.0beta", "5.0.1", "+5.1", "5.-2", " 5.3", "5.", ".5", "6.0 " };

  assert_newest (config, NULL); /* no such folder */
  g_assert_cmpint (g_mkdir (config, 0755), ==, 0);
  assert_newest (config, NULL); /* empty */

  make_version (config, "3.4", TRUE);
  assert_newest (config, "3.4");
  make_version (config, "3.6", TRUE);
  make_version (config, "4.9", TRUE);
  make_version (config, "4.10", TRUE);
  assert_newest (config, "4.10"); /* numeric, not textual, order */

  /* Newer folders without preferences do not count... */
  make_version (config, "4.11", FALSE);
  prefs_dir = g_build_filename (config, "4.12", "config", "userpref.blend", NULL);
  g_assert_cmpint (g_mkdir_with_parents (prefs_dir, 0755), ==, 0);
  /* ...nor do folders not named like versions. */
  for (gsize i = 0; i < G_N_ELEMENTS (not_versions); i++)
    make_version (config, not_versions[i], TRUE);
  assert_newest (config, "4.10");

  /* A version without prefs yields to the next newest. */
  {
    g_autofree char *prefs = g_build_filename (config, "4.10", "config", "userpref.blend", NULL);
    g_assert_cmpint (g_unlink (prefs), ==, 0);
  }
  assert_newest (config, "4.9");

  /* Versions compare as numbers: 10.0 is newer than 9.99. */
  make_version (config, "9.99", TRUE);
  make_version (config, "10.0", TRUE);
  assert_newest (config, "10.0");

  trove_test_remove_tree (dir);
}

static void
test_find_newest_default (void)
{
  g_autofree char *dir = NULL, *config = NULL, *host_dir = NULL, *host_config = NULL;

  /* GLib reads XDG_CONFIG_HOME once per process, so this runs in a fresh
   * one. (G_TEST_OPTION_ISOLATE_DIRS would do, but leaks in GLib 2.74.) */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = trove_test_make_temp_dir ();
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_unsetenv ("HOST_XDG_CONFIG_HOME");
  g_assert_cmpstr (g_get_user_config_dir (), ==, dir);
  config = g_build_filename (dir, "blender", NULL);

  assert_newest (NULL, NULL);
  make_version (config, "4.2", TRUE);
  {
    g_autofree char *found = trove_blender_prefs_find_newest (NULL);
    g_autofree char *expected = g_build_filename (config, "4.2", "config", "userpref.blend", NULL);
    g_assert_cmpstr (found, ==, expected);
  }

  /* In a Flatpak sandbox, Blender's folder is in the host's config folder. */
  host_dir = trove_test_make_temp_dir ();
  host_config = g_build_filename (host_dir, "blender", NULL);
  make_version (host_config, "3.6", TRUE);
  g_setenv ("HOST_XDG_CONFIG_HOME", host_dir, TRUE);
  {
    g_autofree char *found = trove_blender_prefs_find_newest (NULL);
    g_autofree char *expected
        = g_build_filename (host_config, "3.6", "config", "userpref.blend", NULL);
    g_assert_cmpstr (found, ==, expected);
  }
  g_unsetenv ("HOST_XDG_CONFIG_HOME");
  trove_test_remove_tree (host_dir);
  trove_test_remove_tree (dir);
}

static void
test_newest_is_readable (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *found = NULL;
  g_autoptr (GPtrArray) libraries = NULL;

  make_version (dir, "3.4", TRUE);
  found = trove_blender_prefs_find_newest (dir);
  g_assert_nonnull (found);
  libraries = read_ok (found);
  assert_libraries_match (libraries, 0, G_MAXUINT);
  trove_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blender-prefs/read-fixture", test_read_fixture);
  g_test_add_func ("/blender-prefs/cycle", test_cycle);
  g_test_add_func ("/blender-prefs/unresolvable-pointers", test_unresolvable_pointers);
  g_test_add_func ("/blender-prefs/invalid-utf8-name", test_invalid_utf8_name);
  g_test_add_func ("/blender-prefs/not-preferences", test_not_preferences);
  g_test_add_func ("/blender-prefs/truncated", test_truncated);
  g_test_add_func ("/blender-prefs/missing-file", test_missing_file);
  g_test_add_func ("/blender-prefs/find-newest", test_find_newest);
  g_test_add_func ("/blender-prefs/find-newest-default", test_find_newest_default);
  g_test_add_func ("/blender-prefs/newest-is-readable", test_newest_is_readable);

  return g_test_run ();
}
