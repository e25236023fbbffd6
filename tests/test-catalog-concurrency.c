/* test-catalog-concurrency.c: two processes editing one library's catalogs,
 * and a writer killed at random moments
 *
 * The test binary is also the worker: `test-catalog-concurrency --worker
 * MODE LIBRARY NAME SEED` edits the library through a long-lived
 * TroveCatalogService, saving after every edit, as a window does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "trove-catalog-path.h"
#include "trove-catalog-service.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_EDITS 60
#define N_KILLS 40
#define SHARED_UUID "5ba7ed00-0000-4000-8000-000000000001"

static const char *self_path;

/* ---------------------------------------------------------------------------
 * Workers
 */

static TroveCatalogService *
open_library (const char *dir)
{
  g_autoptr (GFile) root = g_file_new_for_path (dir);
  return trove_catalog_service_new_for_library (root);
}

static void
save_or_die (TroveCatalogService *service)
{
  g_autoptr (GError) error = NULL;

  if (!trove_catalog_service_save (service, NULL, &error))
    g_error ("save failed: %s", error->message);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* Every catalog path of the service under @name/, written as
 * `uuid:path:simple` lines to @file, sorted. */
static void
write_view (TroveCatalogService *service, const char *name, const char *file)
{
  GListModel *catalogs = trove_catalog_file_get_catalogs (trove_catalog_service_get_file (service));
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (catalogs); i++)
    {
      g_autoptr (TroveCatalog) catalog = g_list_model_get_item (catalogs, i);
      if (trove_catalog_path_is_contained_in (trove_catalog_get_path (catalog), name))
        g_ptr_array_add (lines, g_strdup_printf ("%s:%s:%s", trove_catalog_get_uuid (catalog),
                                                 trove_catalog_get_path (catalog),
                                                 trove_catalog_get_simple_name (catalog)));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *)lines->pdata[i]);
  trove_test_write_file (file, out->str, out->len);
}

/* A catalog path of this worker's, picked at random (NULL if none). */
static char *
pick_own (TroveCatalogService *service, const char *name, GRand *rand)
{
  GListModel *catalogs = trove_catalog_file_get_catalogs (trove_catalog_service_get_file (service));
  g_autoptr (GPtrArray) own = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (catalogs); i++)
    {
      g_autoptr (TroveCatalog) catalog = g_list_model_get_item (catalogs, i);
      const char *path = trove_catalog_get_path (catalog);
      if (trove_catalog_path_is_contained_in (path, name) && strcmp (path, name) != 0)
        g_ptr_array_add (own, (gpointer)path);
    }
  if (own->len == 0)
    return NULL;
  return g_strdup (own->pdata[g_rand_int_range (rand, 0, (int)own->len)]);
}

/* One random edit of this worker's own subtree, or of the shared
 * catalog's simple name (recorded in @shared_log). */
static void
random_edit (
    TroveCatalogService *service, const char *name, GRand *rand, int step, GString *shared_log)
{
  g_autofree char *target = pick_own (service, name, rand);
  g_autoptr (GError) error = NULL;
  g_autofree char *result = NULL;
  int op = target == NULL ? 0 : g_rand_int_range (rand, 0, 6);

  switch (op)
    {
    case 0:
    case 1:
      {
        g_autofree char *path = g_strdup_printf ("%s/item-%d", name, step);
        g_assert_nonnull (trove_catalog_service_add_path (service, path, &error));
        break;
      }
    case 2:
      {
        g_autofree char *new_name = g_strdup_printf ("renamed-%d", step);
        result = trove_catalog_service_rename (service, target, new_name, &error);
        break;
      }
    case 3:
      {
        TroveCatalog *catalog = trove_catalog_service_find (service, target);
        g_autofree char *simple = g_strdup_printf ("%s simple %d", name, step);
        if (catalog != NULL)
          trove_catalog_service_set_simple_name (service, trove_catalog_get_uuid (catalog), simple,
                                                 &error);
        break;
      }
    case 4:
      trove_catalog_service_delete (service, target, &error);
      break;
    default:
      {
        g_autofree char *value = g_strdup_printf ("%s %d", name, step);
        g_assert_nonnull (
            trove_catalog_service_set_simple_name (service, SHARED_UUID, value, &error));
        g_string_append_printf (shared_log, "%s\n", value);
        break;
      }
    }
  g_assert_no_error (error);
}

static int
run_editor (const char *dir, const char *name, guint32 seed)
{
  g_autoptr (TroveCatalogService) service = open_library (dir);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GString) shared_log = g_string_new (NULL);
  g_autofree char *view = g_strdup_printf ("%s/%s.view", dir, name);
  g_autofree char *log = g_strdup_printf ("%s/%s.shared", dir, name);

  for (int step = 0; step < N_EDITS; step++)
    {
      random_edit (service, name, rand, step, shared_log);
      save_or_die (service);
      if (g_rand_boolean (rand))
        g_usleep (g_rand_int_range (rand, 0, 3000));
    }
  write_view (service, name, view);
  trove_test_write_file (log, shared_log->str, shared_log->len);
  return 0;
}

/* Saves the same catalog's simple name over and over until killed. */
static int
run_writer (const char *dir)
{
  g_autoptr (TroveCatalogService) service = open_library (dir);
  g_autoptr (GError) error = NULL;

  for (guint n = 0;; n++)
    {
      g_autofree char *value = g_strdup_printf ("value %u", n);
      if (trove_catalog_service_set_simple_name (service, SHARED_UUID, value, &error) == NULL)
        g_error ("%s", error->message);
      save_or_die (service);
    }
  return 0;
}

/* ---------------------------------------------------------------------------
 * Tests
 */

static GPid
spawn_worker (const char *mode, const char *dir, const char *name, guint32 seed)
{
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  const char *argv[] = { self_path, "--worker", mode, dir, name, seed_text, NULL };
  g_autoptr (GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static void
assert_exited_cleanly (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static char *
read_text (const char *path)
{
  g_autoptr (GBytes) bytes = trove_test_read_file (path);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Two processes edit their own subtrees and a shared catalog at once,
 * each saving after every edit. Every edit survives, or was superseded by
 * a later one of the same catalog: each process's last view of its own
 * subtree is exactly what the file holds, and the shared catalog's simple
 * name is one of the values given to it. */
static void
test_two_editors (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *cats = g_build_filename (dir, "blender_assets.cats.txt", NULL);
  const char *initial = TROVE_TEST_CATALOG_HEADER SHARED_UUID ":shared:start\n";
  g_autoptr (TroveCatalogService) final = NULL;
  g_autoptr (GString) shared_values = g_string_new ("start\n");
  const char *names[] = { "alpha", "beta" };
  GPid pids[2];
  guint32 seed = g_test_rand_int ();

  g_test_message ("seed %u", seed);
  trove_test_write_file (cats, initial, strlen (initial));
  for (int i = 0; i < 2; i++)
    pids[i] = spawn_worker ("edit", dir, names[i], seed + i);
  for (int i = 0; i < 2; i++)
    assert_exited_cleanly (pids[i]);

  final = open_library (dir);
  g_assert_null (trove_catalog_service_get_read_only_reason (final));
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *view = g_strdup_printf ("%s/%s.view", dir, names[i]);
      g_autofree char *log = g_strdup_printf ("%s/%s.shared", dir, names[i]);
      g_autofree char *final_view = g_strdup_printf ("%s/%s.final", dir, names[i]);
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;
      g_autofree char *values = NULL;

      write_view (final, names[i], final_view);
      expected = read_text (view);
      actual = read_text (final_view);
      g_assert_cmpstr (actual, ==, expected);
      values = read_text (log);
      g_string_append (shared_values, values);
    }
  {
    TroveCatalog *shared
        = trove_catalog_file_lookup (trove_catalog_service_get_file (final), SHARED_UUID);
    g_autofree char *line = NULL;

    g_assert_nonnull (shared);
    line = g_strdup_printf ("%s\n", trove_catalog_get_simple_name (shared));
    g_assert_nonnull (strstr (shared_values->str, line));
  }
  trove_test_remove_tree (dir);
}

/* A writer killed at any moment leaves the old or the new file, complete:
 * it always reads without a warning, with its one catalog. */
static void
test_killed_writer (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *cats = g_build_filename (dir, "blender_assets.cats.txt", NULL);
  const char *initial = TROVE_TEST_CATALOG_HEADER SHARED_UUID ":shared:start\n";
  g_autoptr (GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  trove_test_write_file (cats, initial, strlen (initial));
  for (int i = 0; i < N_KILLS; i++)
    {
      GPid pid = spawn_worker ("write", dir, "writer", 0);
      g_autoptr (GFile) location = g_file_new_for_path (cats);
      g_autoptr (TroveCatalogFile) file = NULL;
      int status = 0;

      g_usleep (g_rand_int_range (rand, 1000, 40000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      file = trove_catalog_file_load (location);
      g_assert_null (trove_catalog_file_get_error (file));
      g_assert_null (trove_catalog_file_get_warnings (file)[0]);
      g_assert_cmpuint (g_list_model_get_n_items (trove_catalog_file_get_catalogs (file)), ==, 1);
      g_assert_nonnull (trove_catalog_file_lookup (file, SHARED_UUID));
    }
  trove_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  if (argc == 6 && strcmp (argv[1], "--worker") == 0)
    {
      if (strcmp (argv[2], "edit") == 0)
        return run_editor (argv[3], argv[4], (guint32)g_ascii_strtoull (argv[5], NULL, 10));
      return run_writer (argv[3]);
    }

  g_test_init (&argc, &argv, NULL);
  self_path = argv[0];
  g_test_add_func ("/catalog-concurrency/two-editors", test_two_editors);
  g_test_add_func ("/catalog-concurrency/killed-writer", test_killed_writer);
  return g_test_run ();
}
