/* test-catalog-blender-edits.c: catalog edits write what Blender 3.4 writes
 *
 * Each case of tests/data/catalogs/blender-edits/ is a catalog file
 * (CASE.cats.txt), a list of edits (CASE.edits.json) and the file real
 * Blender 3.4.1 wrote after running those edits with its catalog operators
 * and saving (CASE.blender-3.4.1.txt, made by make-blender-edits.py there).
 * Trove replays the edits with TroveCatalogService, saves, and must write
 * Blender's file byte for byte, with two exceptions only (README.md there):
 *
 *  - the lines of the catalogs Blender invents for implicit parents (new
 *    random UUIDs, simple names derived from the path) are removed from
 *    Blender's file, because Trove keeps implicit parents virtual;
 *  - a catalog made by an add has a random UUID in both, so Blender's UUID
 *    is replaced by that of Trove's new catalog with the same path; its
 *    simple name, position and everything else must still match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "trove-catalog-service.h"

#include <locale.h>
#include <string.h>

#define CATALOG_FILE "blender_assets.cats.txt"
#define BLENDER_SUFFIX ".blender-3.4.1.txt"
#define UUID_LENGTH 36
#define SIMPLE_NAME_MAX 64 /* Blender's MAX_NAME */

/* The cases, in the order of README.md. Every CASE.edits.json in the
 * folder must be listed here (checked by /catalog-blender-edits/all-cases). */
static const char *const cases[] = {
  "aliases-delete",
  "nested-adds",
  "unicode",
  "mixed",
};

/* One catalog line of a file, split at its first two colons (the files
 * compared here are Blender's output and Trove's, canonical: no spaces
 * around fields, lower-case UUIDs, clean paths). */
typedef struct
{
  char *line;
  char *uuid;
  char *path;
  char *simple_name;
} Line;

static void
line_free (Line *line)
{
  g_free (line->line);
  g_free (line->uuid);
  g_free (line->path);
  g_free (line->simple_name);
  g_free (line);
}

static Line *
line_parse (const char *text)
{
  const char *colon1 = strchr (text, ':');
  const char *colon2 = colon1 != NULL ? strchr (colon1 + 1, ':') : NULL;
  Line *line;

  if (colon1 == NULL || colon2 == NULL || colon1 - text != UUID_LENGTH)
    return NULL;
  line = g_new0 (Line, 1);
  line->line = g_strdup (text);
  line->uuid = g_strndup (text, colon1 - text);
  line->path = g_strndup (colon1 + 1, colon2 - colon1 - 1);
  line->simple_name = g_strdup (colon2 + 1);
  return line;
}

static char *
read_text (const char *path)
{
  g_autoptr (GBytes) bytes = trove_test_read_file (path);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The catalog lines of a file as Blender writes it: the header (asserted to
 * be Blender's), then one line per catalog, each ending in '\n'. */
static GPtrArray *
written_lines (const char *text, const char *what)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)line_free);
  g_auto (GStrv) split = NULL;
  guint n;

  if (!g_str_has_prefix (text, TROVE_TEST_CATALOG_HEADER))
    g_error ("%s does not start with Blender's header", what);
  if (!g_str_has_suffix (text, "\n"))
    g_error ("%s does not end with a newline", what);
  split = g_strsplit (text + strlen (TROVE_TEST_CATALOG_HEADER), "\n", -1);
  n = g_strv_length (split);
  for (guint i = 0; i + 1 < n; i++) /* the last piece is "" after the final '\n' */
    {
      Line *line = line_parse (split[i]);

      if (line == NULL)
        g_error ("%s: not a catalog line: “%s”", what, split[i]);
      g_ptr_array_add (lines, line);
    }
  return g_steal_pointer (&lines);
}

/* The catalogs of an input file as Blender reads them (§1.3, §1.4): lines
 * trimmed of space/tab/CR/LF, blank and '#' lines and the VERSION line
 * skipped, first definition of a UUID wins. Only what the inputs here use:
 * UUIDs are lower-case and paths clean. Fills @uuids (set) and @paths
 * (set). */
static void
read_input (const char *text, GHashTable *uuids, GHashTable *paths)
{
  g_auto (GStrv) split = g_strsplit (text, "\n", -1);
  gboolean version_seen = FALSE;

  for (guint i = 0; split[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (split[i]));
      g_auto (GStrv) fields = NULL;

      if (*trimmed == '\0' || *trimmed == '#')
        continue;
      if (!version_seen)
        {
          g_assert_cmpstr (trimmed, ==, "VERSION 1");
          version_seen = TRUE;
          continue;
        }
      fields = g_strsplit (trimmed, ":", 3);
      g_assert_cmpuint (g_strv_length (fields), >=, 2);
      g_assert_cmpuint (strlen (fields[0]), ==, UUID_LENGTH);
      g_assert_cmpstr (fields[1], !=, "");
      if (g_hash_table_contains (uuids, fields[0]))
        continue;
      g_hash_table_add (uuids, g_strdup (fields[0]));
      g_hash_table_add (paths, g_strdup (fields[1]));
    }
  g_assert_true (version_seen);
}

/* Whether @path is an implicit parent of the input: a proper ancestor of an
 * input catalog's path that has no catalog of its own there. */
static gboolean
is_implicit_in_input (GHashTable *input_paths, const char *path)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_contains (input_paths, path))
    return FALSE;
  g_hash_table_iter_init (&iter, input_paths);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *input_path = key;
      gsize length = strlen (path);

      if (strncmp (input_path, path, length) == 0 && input_path[length] == '/')
        return TRUE;
    }
  return FALSE;
}

/* AssetCatalog::sensible_simple_name_for_path() in Blender 3.4, byte for
 * byte (blender-catalogs.md §4.9): '/' becomes '-'; 63 bytes or more are
 * replaced by "..." and the last 60 bytes. Written here independently of
 * Trove's own function, to recognise the lines Blender invented. */
static char *
blender_simple_name (const char *path)
{
  g_autofree char *name = g_strdelimit (g_strdup (path), "/", '-');
  gsize length = strlen (name);

  if (length < SIMPLE_NAME_MAX - 1)
    return g_steal_pointer (&name);
  return g_strconcat ("...", name + length - (SIMPLE_NAME_MAX - 4), NULL);
}

static Line *
find_by_path (GPtrArray *lines, const char *path)
{
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = lines->pdata[i];
      if (strcmp (line->path, path) == 0)
        return line;
    }
  return NULL;
}

/* Runs the edits of @edits_path; adds the UUIDs of the catalogs made by
 * adds to @added. */
static void
replay (TroveCatalogService *service, const char *edits_path, const char *name, GHashTable *added)
{
  g_autoptr (JsonNode) root = trove_test_load_json (edits_path);
  JsonArray *edits = json_node_get_array (root);

  g_assert_cmpuint (json_array_get_length (edits), >, 0);
  for (guint i = 0; i < json_array_get_length (edits); i++)
    {
      JsonObject *edit = json_array_get_object_element (edits, i);
      const char *op = json_object_get_string_member (edit, "op");
      g_autoptr (GError) error = NULL;

      if (g_strcmp0 (op, "add") == 0)
        {
          const char *parent = json_object_get_string_member (edit, "parent");
          TroveCatalog *catalog = trove_catalog_service_add (service, parent, &error);

          g_test_message ("%s: add under “%s”: %s", name, parent,
                          catalog != NULL ? trove_catalog_get_path (catalog) : error->message);
          g_assert_no_error (error);
          g_assert_nonnull (catalog);
          g_hash_table_add (added, g_strdup (trove_catalog_get_uuid (catalog)));
        }
      else if (g_strcmp0 (op, "delete") == 0)
        {
          const char *path = json_object_get_string_member (edit, "path");
          guint n_deleted = trove_catalog_service_delete (service, path, &error);

          g_test_message ("%s: delete “%s”: %u catalogs", name, path, n_deleted);
          g_assert_no_error (error);
          g_assert_cmpuint (n_deleted, >, 0);
        }
      else
        g_error ("%s: unknown edit “%s”", name, op);
    }
}

/* Blender's file without the implicit parents it invented, and with the
 * UUIDs of the catalogs it added replaced by those of Trove's (@added: the
 * UUIDs of the catalogs Trove's adds made). */
static char *
expected_from_blender (const char *name,
                       const char *blender_text,
                       GHashTable *input_uuids,
                       GHashTable *input_paths,
                       GHashTable *added,
                       GPtrArray *trove_lines)
{
  g_autoptr (GPtrArray) blender_lines = written_lines (blender_text, "Blender's file");
  g_autoptr (GHashTable) matched = g_hash_table_new (g_str_hash, g_str_equal);
  GString *expected = g_string_new (TROVE_TEST_CATALOG_HEADER);
  guint n_invented = 0, n_added = 0;

  for (guint i = 0; i < blender_lines->len; i++)
    {
      Line *line = blender_lines->pdata[i];
      g_autofree char *derived = NULL;
      Line *trove;

      if (g_hash_table_contains (input_uuids, line->uuid))
        {
          /* A catalog of the input: compared as it is. */
          g_string_append_printf (expected, "%s\n", line->line);
          continue;
        }

      trove = find_by_path (trove_lines, line->path);
      derived = blender_simple_name (line->path);
      if (trove == NULL && is_implicit_in_input (input_paths, line->path)
          && strcmp (line->simple_name, derived) == 0)
        {
          /* An implicit parent Blender invented; Trove keeps it virtual. */
          g_test_message ("%s: ignoring Blender's invented parent: %s", name, line->line);
          n_invented++;
          continue;
        }

      /* Otherwise it must be a catalog both made by an add: the catalog of
       * the same path that one of Trove's adds made (each matched once). */
      if (trove == NULL || !g_hash_table_contains (added, trove->uuid)
          || g_hash_table_contains (matched, trove->uuid))
        {
          g_test_message ("%s: Blender wrote a catalog Trove has no new catalog for: %s", name,
                          line->line);
          g_string_append_printf (expected, "%s\n", line->line);
          continue;
        }
      g_hash_table_add (matched, trove->uuid);
      g_string_append_printf (expected, "%s%s\n", trove->uuid, line->line + UUID_LENGTH);
      n_added++;
    }
  g_test_message ("%s: %u lines of Blender's, %u invented parents ignored, %u added catalogs "
                  "matched by path",
                  name, blender_lines->len, n_invented, n_added);
  return g_string_free (expected, FALSE);
}

/* Fails the test (without aborting the others), showing a line diff:
 * "-" lines only Blender wrote (after the adjustments above), "+" lines
 * only Trove wrote. */
static void
report_difference (const char *name, const char *expected, const char *written)
{
  g_auto (GStrv) want = g_strsplit (expected, "\n", -1);
  g_auto (GStrv) got = g_strsplit (written, "\n", -1);
  g_autoptr (GString) report = g_string_new (NULL);
  guint n = g_strv_length (want), m = g_strv_length (got);
  g_autofree guint *common = g_new0 (guint, (n + 1) * (m + 1));
  guint i = 0, j = 0;

#define COMMON(a, b) common[(a) * (m + 1) + (b)]
  /* COMMON(i, j): length of the longest common subsequence of the lines
   * from i and from j on. */
  for (guint a = n; a-- > 0;)
    for (guint b = m; b-- > 0;)
      COMMON (a, b) = strcmp (want[a], got[b]) == 0 ? COMMON (a + 1, b + 1) + 1
                                                    : MAX (COMMON (a + 1, b), COMMON (a, b + 1));
  while (i < n || j < m)
    {
      if (i < n && j < m && strcmp (want[i], got[j]) == 0)
        i++, j++;
      else if (j == m || (i < n && COMMON (i + 1, j) >= COMMON (i, j + 1)))
        {
          g_string_append_printf (report, "\n  line %u - Blender: %s", i + 1, want[i]);
          i++;
        }
      else
        {
          g_string_append_printf (report, "\n  line %u + Trove:   %s", j + 1, got[j]);
          j++;
        }
    }
#undef COMMON
  g_test_fail_printf ("%s: Trove's file differs from Blender's:%s", name, report->str);
}

static void
test_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input_name = g_strconcat (name, ".cats.txt", NULL);
  g_autofree char *edits_name = g_strconcat (name, ".edits.json", NULL);
  g_autofree char *blender_name = g_strconcat (name, BLENDER_SUFFIX, NULL);
  g_autofree char *input = trove_test_data_path ("catalogs", "blender-edits", input_name, NULL);
  g_autofree char *edits = trove_test_data_path ("catalogs", "blender-edits", edits_name, NULL);
  g_autofree char *blender = trove_test_data_path ("catalogs", "blender-edits", blender_name, NULL);
  g_autofree char *input_text = read_text (input);
  g_autofree char *blender_text = read_text (blender);
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *cdf = g_build_filename (dir, CATALOG_FILE, NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GHashTable) input_uuids
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) input_paths
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) trove_lines = NULL;
  g_autoptr (GFile) root = g_file_new_for_path (dir);
  g_autoptr (TroveCatalogService) service = NULL;
  g_autoptr (GError) error = NULL;

  read_input (input_text, input_uuids, input_paths);

  trove_test_copy_file (input, cdf);
  service = trove_catalog_service_new_for_library (root);
  replay (service, edits, name, added);
  g_assert_true (trove_catalog_service_save (service, NULL, &error));
  g_assert_no_error (error);

  written = read_text (cdf);
  trove_lines = written_lines (written, "Trove's file");
  expected
      = expected_from_blender (name, blender_text, input_uuids, input_paths, added, trove_lines);
  if (strcmp (written, expected) != 0)
    report_difference (name, expected, written);

  /* Saving kept the input as the backup, as Blender does. */
  {
    g_autofree char *backup = g_strconcat (cdf, "~", NULL);
    g_autofree char *backup_text = read_text (backup);
    g_assert_cmpstr (backup_text, ==, input_text);
  }

  g_clear_object (&service);
  trove_test_remove_tree (dir);
}

/* Every case in the folder is run, and has all three files. */
static void
test_all_cases (void)
{
  g_autofree char *folder = trove_test_data_path ("catalogs", "blender-edits", NULL);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *file;
  guint n_found = 0;

  g_assert_nonnull (dir);
  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *name = NULL;
      gboolean listed = FALSE;

      if (!g_str_has_suffix (file, ".edits.json"))
        continue;
      name = g_strndup (file, strlen (file) - strlen (".edits.json"));
      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        listed |= strcmp (cases[i], name) == 0;
      if (!listed)
        g_test_fail_printf ("case “%s” is not listed in test-catalog-blender-edits.c", name);
      n_found++;
    }
  g_assert_cmpuint (n_found, ==, G_N_ELEMENTS (cases));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *suffixes[] = { ".cats.txt", ".edits.json", BLENDER_SUFFIX };

      for (gsize j = 0; j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *file_name = g_strconcat (cases[i], suffixes[j], NULL);
          g_autofree char *path
              = trove_test_data_path ("catalogs", "blender-edits", file_name, NULL);
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        }
    }
}

int
main (int argc, char **argv)
{
  /* Messages show the paths as they are (UTF-8), not as "?". */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog-blender-edits/all-cases", test_all_cases);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test_path = g_strconcat ("/catalog-blender-edits/", cases[i], NULL);
      g_test_add_data_func (test_path, cases[i], test_case);
    }
  return g_test_run ();
}
