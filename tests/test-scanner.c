/* test-scanner.c: finding and reading the files of a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "blend-transcode.h"
#include "trove-asset.h"
#include "trove-error.h"
#include "trove-scanner.h"
#include "trove-thread.h"
#include "trove-unreadable-file.h"

#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static JsonNode *oracle;

typedef struct
{
  GMainLoop *loop;
  GError *error;
  guint items_changed;
  guint progress_notifications;
} Run;

static void
scan_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  trove_scanner_scan_finish (TROVE_SCANNER (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, Run *run)
{
  run->items_changed++;
}

static void
progress_cb (TroveScanner *scanner, GParamSpec *pspec, Run *run)
{
  run->progress_notifications++;
  g_assert_cmpuint (trove_scanner_get_n_files_done (scanner), <=,
                    trove_scanner_get_n_files (scanner));
}

/* Runs a scan to completion; the caller owns run->error. */
static void
run_scan (TroveScanner *scanner, GCancellable *cancellable, Run *run)
{
  gulong items_id, progress_id;

  run->loop = g_main_loop_new (NULL, FALSE);
  items_id = g_signal_connect (trove_scanner_get_assets (scanner), "items-changed",
                               G_CALLBACK (items_changed_cb), run);
  progress_id = g_signal_connect (scanner, "notify::n-files-done", G_CALLBACK (progress_cb), run);
  trove_scanner_scan_async (scanner, cancellable, scan_done_cb, run);
  g_assert_true (trove_scanner_get_running (scanner));
  g_main_loop_run (run->loop);
  g_assert_false (trove_scanner_get_running (scanner));
  g_signal_handler_disconnect (trove_scanner_get_assets (scanner), items_id);
  g_signal_handler_disconnect (scanner, progress_id);
  g_main_loop_unref (run->loop);
}

static TroveScanner *
scan_path (const char *path, Run *run)
{
  g_autoptr (GFile) location = g_file_new_for_path (path);
  TroveScanner *scanner = trove_scanner_new (location);

  run_scan (scanner, NULL, run);
  return scanner;
}

/* file (relative) -> number of assets, from a model of TroveAsset */
static GHashTable *
count_by_file (GListModel *assets)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (assets); i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (assets, i);
      const char *file = trove_asset_get_file (asset);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, file));
      g_hash_table_insert (counts, g_strdup (file), GUINT_TO_POINTER (n + 1));
    }
  return counts;
}

/* The fixture library, scanned: exactly the files Blender's asset browser
 * reads (data/blender-report.py walks it the same way), with their assets. */
static void
test_scanner_library (void)
{
  g_autofree char *root = trove_test_data_path ("library", NULL);
  JsonArray *files = json_object_get_array_member (json_node_get_object (oracle), "files");
  g_autoptr (TroveScanner) scanner = NULL;
  g_autoptr (GHashTable) counts = NULL;
  Run run = { 0 };
  guint total = 0;

  scanner = scan_path (root, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (trove_scanner_get_n_files (scanner), ==, json_array_get_length (files));
  g_assert_cmpuint (trove_scanner_get_n_files_done (scanner), ==, json_array_get_length (files));
  g_assert_cmpuint (g_list_model_get_n_items (trove_scanner_get_unreadable_files (scanner)), ==, 0);

  counts = count_by_file (trove_scanner_get_assets (scanner));
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *entry = json_array_get_object_element (files, i);
      const char *file = json_object_get_string_member (entry, "file");
      guint expected = json_array_get_length (json_object_get_array_member (entry, "assets"));

      g_test_message ("file %s", file);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, file)), ==, expected);
      g_hash_table_remove (counts, file);
      total += expected;
    }
  /* Nothing from hidden folders, dot files, backups or other files. */
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (trove_scanner_get_assets (scanner)), ==, total);

  /* Results arrive in batches, with progress along the way. */
  g_assert_cmpuint (run.items_changed, >=, 1);
  g_assert_cmpuint (run.items_changed, <=, json_array_get_length (files));
  g_assert_cmpuint (run.progress_notifications, >=, 1);
}

static void
test_scanner_single_file (void)
{
  g_autofree char *path = trove_test_data_path ("library", "materials.blend", NULL);
  g_autofree char *root = trove_test_data_path ("library", NULL);
  g_autoptr (TroveScanner) scanner = NULL;
  g_autoptr (GFile) root_file = g_file_new_for_path (root);
  JsonObject *entry = trove_test_oracle_file (oracle, "materials.blend");
  Run run = { 0 };

  scanner = scan_path (path, &run);
  g_assert_no_error (run.error);
  g_assert_true (g_file_equal (trove_scanner_get_root (scanner), root_file));
  g_assert_cmpuint (g_list_model_get_n_items (trove_scanner_get_assets (scanner)), ==,
                    json_array_get_length (json_object_get_array_member (entry, "assets")));
}

static void
copy_fixture (const char *fixture, const char *dir, const char *relative)
{
  g_autofree char *src = trove_test_data_path ("library", fixture, NULL);
  g_autofree char *dest = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (dest);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  trove_test_copy_file (src, dest);
}

static GPtrArray *
sorted_files (TroveScanner *scanner)
{
  g_autoptr (GHashTable) counts = count_by_file (trove_scanner_get_assets (scanner));
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (files, g_strdup (key));
  return files;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static void
assert_files (TroveScanner *scanner, const char *const *expected)
{
  g_autoptr (GPtrArray) files = sorted_files (scanner);

  g_ptr_array_sort (files, compare_strings);
  g_assert_cmpuint (files->len, ==, g_strv_length ((char **)expected));
  for (guint i = 0; i < files->len; i++)
    g_assert_cmpstr (files->pdata[i], ==, expected[i]);
}

/* Blender's naming rules: .blend in any case, .ble and .blend.gz; not
 * backups, not temporary files, nothing hidden. */
static void
test_scanner_file_rules (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *gz = g_build_filename (dir, "h.blend.gz", NULL);
  g_autofree char *src = trove_test_data_path ("library", "sub", "dir", "nested.blend", NULL);
  const TroveTranscodeOptions gzip = { 8, FALSE, FALSE, TROVE_TRANSCODE_GZIP, NULL, NULL };
  g_autoptr (GBytes) gz_bytes = NULL;
  g_autoptr (TroveScanner) scanner = NULL;
  g_autoptr (GError) error = NULL;
  const char *expected[]
      = { "A.BLEND", "a.blend", "g.ble", "h.blend.gz", "sub/deep/f.Blend", NULL };
  Run run = { 0 };

  copy_fixture ("sub/dir/nested.blend", dir, "a.blend");
  copy_fixture ("sub/dir/nested.blend", dir, "A.BLEND");
  copy_fixture ("sub/dir/nested.blend", dir, "b.blend1");
  copy_fixture ("sub/dir/nested.blend", dir, "c.blend@");
  copy_fixture ("sub/dir/nested.blend", dir, ".hidden/d.blend");
  copy_fixture ("sub/dir/nested.blend", dir, "sub/.e.blend");
  copy_fixture ("sub/dir/nested.blend", dir, "sub/deep/f.Blend");
  copy_fixture ("sub/dir/nested.blend", dir, "g.ble");
  copy_fixture ("sub/dir/nested.blend", dir, "notes.blend.txt");
  gz_bytes = trove_test_transcode_blend (src, &gzip, &error);
  g_assert_no_error (error);
  trove_test_write_file (gz, g_bytes_get_data (gz_bytes, NULL), g_bytes_get_size (gz_bytes));

  scanner = scan_path (dir, &run);
  g_assert_no_error (run.error);
  assert_files (scanner, expected);
  trove_test_remove_tree (dir);
}

/* Symlinks are followed, loops are not, and each folder is read once. */
static void
test_scanner_symlinks (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *loop_self = g_build_filename (dir, "sub", "self", NULL);
  g_autofree char *loop_up = g_build_filename (dir, "sub", "up", NULL);
  g_autofree char *to_other = g_build_filename (dir, "linked", NULL);
  g_autofree char *file_link = g_build_filename (dir, "z-link.blend", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.blend", NULL);
  g_autofree char *other = trove_test_make_temp_dir ();
  g_autoptr (TroveScanner) scanner = NULL;
  const char *expected[] = { "a.blend", "linked/x.blend", "sub/b.blend", "z-link.blend", NULL };
  Run run = { 0 };
  GListModel *unreadable;
  g_autoptr (TroveUnreadableFile) bad = NULL;

  copy_fixture ("sub/dir/nested.blend", dir, "a.blend");
  copy_fixture ("sub/dir/nested.blend", dir, "sub/b.blend");
  copy_fixture ("sub/dir/nested.blend", other, "x.blend");
  g_assert_cmpint (symlink (".", loop_self), ==, 0);
  g_assert_cmpint (symlink ("..", loop_up), ==, 0);
  g_assert_cmpint (symlink (other, to_other), ==, 0);
  g_assert_cmpint (symlink ("a.blend", file_link), ==, 0);
  g_assert_cmpint (symlink ("does-not-exist.blend", dangling), ==, 0);

  scanner = scan_path (dir, &run);
  g_assert_no_error (run.error);
  assert_files (scanner, expected);

  /* The dangling link is reported, by name, and nothing else is lost. */
  unreadable = trove_scanner_get_unreadable_files (scanner);
  g_assert_cmpuint (g_list_model_get_n_items (unreadable), ==, 1);
  bad = g_list_model_get_item (unreadable, 0);
  g_assert_cmpstr (trove_unreadable_file_get_file (bad), ==, "dangling.blend");
  g_assert_nonnull (strstr (trove_unreadable_file_get_message (bad), "dangling.blend"));

  trove_test_remove_tree (dir);
  trove_test_remove_tree (other);
}

/* A broken file becomes an error entry; the scan goes on past it. */
static void
test_scanner_bad_files (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *truncated = g_build_filename (dir, "broken", "truncated.blend", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.blend", NULL);
  g_autofree char *src = trove_test_data_path ("library", "materials.blend", NULL);
  g_autoptr (GBytes) bytes = trove_test_read_file (src);
  g_autoptr (TroveScanner) scanner = NULL;
  const char *expected[] = { "good.blend", NULL };
  GListModel *unreadable;
  Run run = { 0 };

  copy_fixture ("materials.blend", dir, "good.blend");
  g_assert_cmpint (g_mkdir_with_parents (truncated, 0755), ==, 0);
  g_assert_cmpint (rmdir (truncated), ==, 0);
  trove_test_write_file (truncated, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);
  trove_test_write_file (garbage, "not a blend file", 16);

  scanner = scan_path (dir, &run);
  g_assert_no_error (run.error);
  assert_files (scanner, expected);
  unreadable = trove_scanner_get_unreadable_files (scanner);
  g_assert_cmpuint (g_list_model_get_n_items (unreadable), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (TroveUnreadableFile) bad = g_list_model_get_item (unreadable, i);
      const char *file = trove_unreadable_file_get_file (bad);
      g_autofree char *base = g_path_get_basename (file);

      g_assert_true (g_str_equal (file, "broken/truncated.blend")
                     || g_str_equal (file, "garbage.blend"));
      g_assert_nonnull (strstr (trove_unreadable_file_get_message (bad), base));
      g_assert_true (trove_unreadable_file_get_error (bad)->domain == TROVE_ERROR);
    }
  trove_test_remove_tree (dir);
}

static void
test_scanner_unreadable_folder (void)
{
  g_autofree char *dir = NULL, *private_dir = NULL;
  g_autoptr (TroveScanner) scanner = NULL;
  g_autoptr (TroveUnreadableFile) bad = NULL;
  g_autofree char *src = NULL, *a = NULL, *b = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const char *expected[] = { "a.blend", NULL };
  Run run = { 0 };

  /* Read the fixture while still root: "nobody" may not be able to reach
   * the source tree (a clone under /root, which is mode 0700). */
  src = trove_test_data_path ("library", "sub", "dir", "nested.blend", NULL);
  bytes = trove_test_read_file (src);
  if (!trove_test_run_unprivileged ())
    return;
  dir = trove_test_make_temp_dir ();
  private_dir = g_build_filename (dir, "private", NULL);
  g_assert_cmpint (g_mkdir_with_parents (private_dir, 0755), ==, 0);
  a = g_build_filename (dir, "a.blend", NULL);
  b = g_build_filename (private_dir, "b.blend", NULL);
  trove_test_write_file (a, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  trove_test_write_file (b, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpint (chmod (private_dir, 0), ==, 0);
  scanner = scan_path (dir, &run);
  g_assert_no_error (run.error);
  assert_files (scanner, expected);
  g_assert_cmpuint (g_list_model_get_n_items (trove_scanner_get_unreadable_files (scanner)), ==, 1);
  bad = g_list_model_get_item (trove_scanner_get_unreadable_files (scanner), 0);
  g_assert_cmpstr (trove_unreadable_file_get_file (bad), ==, "private");
  g_assert_nonnull (strstr (trove_unreadable_file_get_message (bad), "private"));
  g_assert_error ((GError *)trove_unreadable_file_get_error (bad), G_IO_ERROR,
                  G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (chmod (private_dir, 0755), ==, 0);
  trove_test_remove_tree (dir);
}

static void
test_scanner_missing_root (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-library", NULL);
  g_autoptr (TroveScanner) scanner = NULL;
  Run run = { 0 };

  scanner = scan_path (missing, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (run.error->message, "no-such-library"));
  g_clear_error (&run.error);
  trove_test_remove_tree (dir);
}

static void
test_scanner_cancel_and_rescan (void)
{
  g_autofree char *root = trove_test_data_path ("library", NULL);
  g_autoptr (GFile) location = g_file_new_for_path (root);
  g_autoptr (TroveScanner) scanner = trove_scanner_new (location);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Run cancelled = { 0 }, first = { 0 }, second = { 0 };
  guint n_assets;

  g_cancellable_cancel (cancellable);
  run_scan (scanner, cancellable, &cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);

  /* A scanner can scan again; each scan replaces the previous results. */
  run_scan (scanner, NULL, &first);
  g_assert_no_error (first.error);
  n_assets = g_list_model_get_n_items (trove_scanner_get_assets (scanner));
  g_assert_cmpuint (n_assets, >, 0);
  run_scan (scanner, NULL, &second);
  g_assert_no_error (second.error);
  g_assert_cmpuint (g_list_model_get_n_items (trove_scanner_get_assets (scanner)), ==, n_assets);
}

/* One thread or many, the result is the same. */
static void
test_scanner_threads (void)
{
  g_autofree char *root = trove_test_data_path ("library", NULL);
  g_autoptr (GFile) location = g_file_new_for_path (root);
  guint counts[2];

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (TroveScanner) scanner = trove_scanner_new (location);
      Run run = { 0 };

      trove_scanner_set_max_threads (scanner, i == 0 ? 1 : 8);
      run_scan (scanner, NULL, &run);
      g_assert_no_error (run.error);
      counts[i] = g_list_model_get_n_items (trove_scanner_get_assets (scanner));
    }
  g_assert_cmpuint (counts[0], ==, counts[1]);
}

static guint
oracle_n_assets (void)
{
  JsonArray *files = json_object_get_array_member (json_node_get_object (oracle), "files");
  guint total = 0;

  for (guint i = 0; i < json_array_get_length (files); i++)
    total += json_array_get_length (
        json_object_get_array_member (json_array_get_object_element (files, i), "assets"));
  return total;
}

static gpointer
lowered_nice (gpointer data)
{
  pid_t tid = (pid_t)syscall (SYS_gettid);

  trove_thread_make_background ();
  trove_thread_make_background (); /* once per thread */
  return GINT_TO_POINTER (getpriority (PRIO_PROCESS, (id_t)tid));
}

/* Background scans read the same; their threads, and only they, run at a
 * lower priority. */
static void
test_scanner_background (void)
{
  g_autofree char *root = trove_test_data_path ("library", NULL);
  g_autoptr (GFile) location = g_file_new_for_path (root);
  g_autoptr (TroveScanner) scanner = trove_scanner_new (location);
  int nice_before = getpriority (PRIO_PROCESS, 0);
  Run run = { 0 };

  g_assert_false (trove_scanner_get_background (scanner));
  trove_scanner_set_background (scanner, TRUE);
  g_assert_true (trove_scanner_get_background (scanner));
  run_scan (scanner, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (g_list_model_get_n_items (trove_scanner_get_assets (scanner)), ==,
                    oracle_n_assets ());
  g_assert_cmpint (getpriority (PRIO_PROCESS, 0), ==, nice_before);

  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (g_thread_new ("test", lowered_nice, NULL))), ==,
                   MAX (nice_before, 10));
  g_assert_cmpint (getpriority (PRIO_PROCESS, 0), ==, nice_before);
}

static void
test_scanner_file_names (void)
{
  g_assert_true (trove_scanner_is_library_file_name ("x.blend"));
  g_assert_true (trove_scanner_is_library_file_name ("X.BlEnD"));
  g_assert_true (trove_scanner_is_library_file_name ("x.ble"));
  g_assert_true (trove_scanner_is_library_file_name ("x.blend.gz"));
  g_assert_false (trove_scanner_is_library_file_name ("x.blend1"));
  g_assert_false (trove_scanner_is_library_file_name ("x.blend12"));
  g_assert_false (trove_scanner_is_library_file_name ("x.blend@"));
  g_assert_false (trove_scanner_is_library_file_name ("x.blend.txt"));
  g_assert_false (trove_scanner_is_library_file_name ("blend"));
}

int
main (int argc, char **argv)
{
  g_autofree char *oracle_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  oracle_path = trove_test_data_path ("library-oracle.json", NULL);
  oracle = trove_test_load_json (oracle_path);

  g_test_add_func ("/scanner/library", test_scanner_library);
  g_test_add_func ("/scanner/single-file", test_scanner_single_file);
  g_test_add_func ("/scanner/file-rules", test_scanner_file_rules);
  g_test_add_func ("/scanner/symlinks", test_scanner_symlinks);
  g_test_add_func ("/scanner/bad-files", test_scanner_bad_files);
  g_test_add_func ("/scanner/unreadable-folder", test_scanner_unreadable_folder);
  g_test_add_func ("/scanner/missing-root", test_scanner_missing_root);
  g_test_add_func ("/scanner/cancel-and-rescan", test_scanner_cancel_and_rescan);
  g_test_add_func ("/scanner/threads", test_scanner_threads);
  g_test_add_func ("/scanner/background", test_scanner_background);
  g_test_add_func ("/scanner/file-names", test_scanner_file_names);
  status = g_test_run ();

  json_node_unref (oracle);
  return status;
}
