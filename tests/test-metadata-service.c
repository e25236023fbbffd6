/* test-metadata-service.c: the window's metadata edits, in the background
 *
 * A copy of the fixture library is scanned; edits to assets in several
 * files are written by TroveMetadataService; the scanner's model must show
 * what the files now hold, undo and redo must write the files back and
 * forth, a file that cannot be written must not stop the others, and
 * cancelling must stop between files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include <glib/gstdio.h>

#include "trove-blend-file.h"
#include "trove-metadata-service.h"
#include "trove-undo.h"
#include "trove-unreadable-file.h"

typedef struct
{
  GMainLoop *loop;
  guint n_written;
  guint n_failures;
  gboolean cancelled;
  char *first_failure;
} Finished;

static void
scan_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  trove_scanner_scan_finish (TROVE_SCANNER (source), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (user_data);
}

static TroveScanner *
scan (const char *dir)
{
  g_autoptr (GFile) location = g_file_new_for_path (dir);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  TroveScanner *scanner = trove_scanner_new (location);

  trove_scanner_scan_async (scanner, NULL, scan_done_cb, loop);
  g_main_loop_run (loop);
  return scanner;
}

static void
finished_cb (TroveMetadataService *service,
             guint n_written,
             GListModel *failures,
             gboolean cancelled,
             Finished *f)
{
  f->n_written = n_written;
  f->n_failures = g_list_model_get_n_items (failures);
  f->cancelled = cancelled;
  g_clear_pointer (&f->first_failure, g_free);
  if (f->n_failures > 0)
    {
      g_autoptr (TroveUnreadableFile) failure = g_list_model_get_item (failures, 0);
      f->first_failure = g_strdup (trove_unreadable_file_get_file (failure));
    }
  g_main_loop_quit (f->loop);
}

static void
wait_finished (TroveMetadataService *service, Finished *f)
{
  gulong id = g_signal_connect (service, "finished", G_CALLBACK (finished_cb), f);

  f->loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (f->loop);
  g_main_loop_unref (f->loop);
  g_signal_handler_disconnect (service, id);
  g_assert_false (trove_metadata_service_get_busy (service));
}

static TroveAsset *
find_asset (TroveScanner *scanner, const char *id_type, const char *name)
{
  GListModel *model = trove_scanner_get_assets (scanner);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (model, i);
      if (g_str_equal (trove_asset_get_id_type (asset), id_type)
          && g_str_equal (trove_asset_get_name (asset), name))
        return asset;
    }
  return NULL;
}

/* What the file on disk says, not the model. */
static char *
author_on_disk (TroveAsset *asset)
{
  g_autoptr (TroveBlendFile) file = NULL;
  g_autoptr (GPtrArray) assets = NULL;
  g_autoptr (GError) error = NULL;

  file = trove_blend_file_open (trove_asset_get_source_path (asset), NULL, &error);
  g_assert_no_error (error);
  assets = trove_blend_file_list_assets (file, "", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < assets->len; i++)
    if (g_str_equal (trove_asset_get_name (assets->pdata[i]), trove_asset_get_name (asset)))
      return g_strdup (trove_asset_get_author (assets->pdata[i]));
  g_assert_not_reached ();
}

static void
apply_author (TroveMetadataService *service, GPtrArray *assets, const char *author)
{
  g_autoptr (GPtrArray) edits
      = g_ptr_array_new_with_free_func ((GDestroyNotify)trove_asset_edit_unref);

  for (guint i = 0; i < assets->len; i++)
    {
      TroveAssetEdit *edit = trove_asset_edit_new (trove_asset_get_id_type (assets->pdata[i]),
                                                   trove_asset_get_name (assets->pdata[i]));
      trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_AUTHOR, author);
      g_ptr_array_add (edits, edit);
    }
  trove_metadata_service_apply (service, assets, edits);
}

static char *
copy_library (void)
{
  g_autofree char *source = trove_test_data_path ("library", NULL);
  char *dir = trove_test_make_temp_dir ();
  const char *files[]
      = { "materials.blend", "objects.blend", "many.blend", "blender_assets.cats.txt" };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (source, files[i], NULL);
      g_autofree char *to = g_build_filename (dir, files[i], NULL);
      trove_test_copy_file (from, to);
    }
  return dir;
}

/* Two files in one step; the model follows; undo, redo. */
static void
test_apply_undo_redo (void)
{
  g_autofree char *dir = copy_library ();
  g_autoptr (TroveScanner) scanner = scan (dir);
  g_autoptr (TroveMetadataService) service = trove_metadata_service_new (scanner);
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *before = NULL;
  Finished f = { 0 };
  guint n_assets = g_list_model_get_n_items (trove_scanner_get_assets (scanner));
  guint64 stamp;

  g_ptr_array_add (assets, g_object_ref (find_asset (scanner, "MA", "Copper")));
  g_ptr_array_add (assets, g_object_ref (find_asset (scanner, "OB", "Barrel")));
  before = g_strdup (trove_asset_get_author (assets->pdata[0]));

  apply_author (service, assets, "Edited ✓");
  g_assert_true (trove_metadata_service_get_busy (service));
  g_assert_cmpuint (trove_metadata_service_get_n_files (service), ==, 2);
  wait_finished (service, &f);
  g_assert_cmpuint (f.n_written, ==, 2);
  g_assert_cmpuint (f.n_failures, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (trove_scanner_get_assets (scanner)), ==, n_assets);
  g_assert_cmpstr (trove_asset_get_author (find_asset (scanner, "MA", "Copper")), ==, "Edited ✓");
  g_assert_cmpstr (trove_asset_get_author (find_asset (scanner, "OB", "Barrel")), ==, "Edited ✓");

  stamp = trove_metadata_service_get_undo_stamp (service);
  g_assert_cmpuint (stamp, >, 0);
  g_assert_true (trove_metadata_service_undo (service));
  g_assert_cmpuint (trove_metadata_service_get_redo_stamp (service), ==, stamp);
  wait_finished (service, &f);
  g_assert_cmpuint (f.n_written, ==, 2);
  {
    g_autofree char *author = author_on_disk (assets->pdata[0]);
    g_assert_cmpstr (author, ==, before);
  }
  g_assert_cmpstr (trove_asset_get_author (find_asset (scanner, "MA", "Copper")), ==, before);
  g_assert_false (trove_metadata_service_can_undo (service));

  g_assert_true (trove_metadata_service_redo (service));
  wait_finished (service, &f);
  g_assert_cmpstr (trove_asset_get_author (find_asset (scanner, "OB", "Barrel")), ==, "Edited ✓");
  g_assert_cmpuint (g_list_model_get_n_items (trove_scanner_get_assets (scanner)), ==, n_assets);
  g_free (f.first_failure);
  trove_test_remove_tree (dir);
}

/* One read-only file fails; the other is written. */
static void
test_failure_does_not_stop_others (void)
{
  g_autofree char *dir = copy_library ();
  g_autoptr (TroveScanner) scanner = scan (dir);
  g_autoptr (TroveMetadataService) service = trove_metadata_service_new (scanner);
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *locked = g_build_filename (dir, "materials.blend", NULL);
  Finished f = { 0 };

  g_ptr_array_add (assets, g_object_ref (find_asset (scanner, "MA", "Copper")));
  g_ptr_array_add (assets, g_object_ref (find_asset (scanner, "OB", "Barrel")));
  g_assert_cmpint (g_chmod (locked, 0444), ==, 0);
  apply_author (service, assets, "Partly");
  wait_finished (service, &f);
  g_assert_cmpuint (f.n_written, ==, 1);
  g_assert_cmpuint (f.n_failures, ==, 1);
  g_assert_cmpstr (f.first_failure, ==, "materials.blend");
  g_assert_cmpstr (trove_asset_get_author (find_asset (scanner, "OB", "Barrel")), ==, "Partly");
  g_assert_cmpstr (trove_asset_get_author (find_asset (scanner, "MA", "Copper")), !=, "Partly");
  g_free (f.first_failure);
  trove_test_remove_tree (dir);
}

static void
cancel_on_first_file (TroveMetadataService *service, GParamSpec *pspec, gpointer data)
{
  if (trove_metadata_service_get_n_files_done (service) == 1)
    trove_metadata_service_cancel (service);
}

/* Cancelling stops between files: the files before are written, the rest
 * untouched. */
static void
test_cancel (void)
{
  g_autofree char *dir = copy_library ();
  g_autoptr (TroveScanner) scanner = scan (dir);
  g_autoptr (TroveMetadataService) service = trove_metadata_service_new (scanner);
  GListModel *model = trove_scanner_get_assets (scanner);
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  Finished f = { 0 };
  guint n_changed = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (assets, g_list_model_get_item (model, i));
  g_signal_connect (service, "notify::n-files-done", G_CALLBACK (cancel_on_first_file), NULL);
  apply_author (service, assets, "Cancelled");
  wait_finished (service, &f);
  g_assert_true (f.cancelled);
  g_assert_cmpuint (f.n_written, >=, 1);
  g_assert_cmpuint (f.n_written, <, 3);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (model, i);
      g_autofree char *author = author_on_disk (asset);
      n_changed += g_str_equal (author, "Cancelled");
    }
  g_assert_cmpuint (n_changed, >, 0);
  g_assert_cmpuint (n_changed, <, g_list_model_get_n_items (model));
  g_free (f.first_failure);
  trove_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/metadata-service/apply-undo-redo", test_apply_undo_redo);
  g_test_add_func ("/metadata-service/failure-does-not-stop-others",
                   test_failure_does_not_stop_others);
  g_test_add_func ("/metadata-service/cancel", test_cancel);
  return g_test_run ();
}
