/* test-metadata-edit.c: editing asset metadata in the window, checked on disk
 *
 * A copy of Blender-made fixture files is opened in the real window under
 * Xvfb. The form, the selection, a drag from the grid to a catalog row and
 * the undo keys are driven as a user would (GTK 4.8 has no input
 * synthesis: through widgets, actions and the controllers' signals); every
 * result is then read back from the .blend files with Trove's reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-utils.h"
#include "test-utils.h"

#include "trove-asset-tile.h"
#include "trove-blend-file.h"
#include "trove-catalog-row.h"

#include <glib/gstdio.h>
#include <string.h>

#define WRITE_TIMEOUT_MS 20000

typedef struct
{
  TroveUiFixture ui;
  char *dir;
  TroveDetailsPane *details;
  TroveMetadataController *metadata;
} Fixture;

static void
fixture_open (Fixture *f)
{
  g_autofree char *source = trove_test_data_path ("library", NULL);
  const char *files[]
      = { "materials.blend", "objects.blend", "many.blend", "blender_assets.cats.txt" };
  g_autoptr (GFile) location = NULL;

  f->dir = trove_test_make_temp_dir ();
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (source, files[i], NULL);
      g_autofree char *to = g_build_filename (f->dir, files[i], NULL);
      trove_test_copy_file (from, to);
    }
  location = g_file_new_for_path (f->dir);
  trove_ui_fixture_setup (&f->ui, location);
  trove_ui_wait_for_scan (&f->ui);
  f->details = trove_window_get_details_pane (f->ui.window);
  f->metadata = trove_window_get_metadata_controller (f->ui.window);
}

static void
fixture_close (Fixture *f)
{
  trove_ui_fixture_teardown (&f->ui);
  trove_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GtkSelectionModel *
selection (Fixture *f)
{
  return trove_asset_grid_get_selection (trove_window_get_asset_grid (f->ui.window));
}

static guint
position_of (Fixture *f, const char *name)
{
  GListModel *model = G_LIST_MODEL (selection (f));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (model, i);
      if (g_str_equal (trove_asset_get_name (asset), name))
        return i;
    }
  g_error ("no asset “%s” in the grid", name);
}

static void
select_names (Fixture *f, const char *const *names)
{
  gtk_selection_model_unselect_all (selection (f));
  for (guint i = 0; names[i] != NULL; i++)
    gtk_selection_model_select_item (selection (f), position_of (f, names[i]), FALSE);
  trove_ui_spin (50);
}

static gboolean
writes_done (gpointer data)
{
  Fixture *f = data;
  return !trove_metadata_controller_get_busy (f->metadata);
}

static void
wait_for_writes (Fixture *f)
{
  g_assert_true (trove_ui_wait_for (writes_done, f, WRITE_TIMEOUT_MS));
  trove_ui_spin (50);
}

static void
apply (Fixture *f)
{
  g_assert_true (gtk_widget_get_sensitive (trove_details_pane_get_widget (f->details, "apply")));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.apply-metadata", NULL));
  g_assert_true (trove_metadata_controller_get_busy (f->metadata));
  wait_for_writes (f);
}

/* What the file holds now, read with Trove's reader. */
static TroveAsset *
on_disk (Fixture *f, const char *file, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autoptr (TroveBlendFile) blend = NULL;
  g_autoptr (GPtrArray) assets = NULL;
  g_autoptr (GError) error = NULL;

  blend = trove_blend_file_open (path, NULL, &error);
  g_assert_no_error (error);
  assets = trove_blend_file_list_assets (blend, file, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < assets->len; i++)
    if (g_str_equal (trove_asset_get_name (assets->pdata[i]), name))
      return g_object_ref (assets->pdata[i]);
  g_error ("no asset “%s” in %s", name, file);
}

static gboolean
has_tag (TroveAsset *asset, const char *tag)
{
  return g_strv_contains (trove_asset_get_tags (asset), tag);
}

/* For review: the window as the test left it, in the build folder. */
static void
screenshot (Fixture *f, const char *name)
{
  const char *dir = g_getenv ("TROVE_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  trove_ui_spin (100);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (trove_ui_save_screenshot (GTK_WIDGET (f->ui.window), path));
}

static void
type_tag (Fixture *f, const char *tag)
{
  GtkWidget *entry = trove_details_pane_get_widget (f->details, "tag-entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), tag);
  g_signal_emit_by_name (entry, "activate");
}

/* One asset: text fields, a tag added and one removed, Apply; the selection
 * stays on the rewritten asset; the old file is kept as .blend1; undo and
 * redo write the file back and forth. */
static void
test_edit_one (void)
{
  Fixture f = { 0 };
  g_autoptr (TroveAsset) after = NULL, undone = NULL;
  g_autofree char *backup = NULL;
  GtkTextBuffer *buffer;

  fixture_open (&f);
  select_names (&f, (const char *const[]){ "Copper", NULL });
  g_assert_cmpstr (trove_details_pane_get_field (f.details, "name"), ==, "Copper");
  g_assert_false (trove_details_pane_is_dirty (f.details));
  /* Blender 3.4 files have no copyright field. */
  g_assert_false (
      gtk_widget_get_sensitive (trove_details_pane_get_widget (f.details, "copyright")));
  g_assert_nonnull (
      gtk_widget_get_tooltip_text (trove_details_pane_get_widget (f.details, "copyright")));

  gtk_editable_set_text (GTK_EDITABLE (trove_details_pane_get_widget (f.details, "author")),
                         "Ada ✓");
  buffer = gtk_text_view_get_buffer (
      GTK_TEXT_VIEW (trove_details_pane_get_widget (f.details, "description")));
  gtk_text_buffer_set_text (buffer, "Edited in Trove.\nSecond line.", -1);
  type_tag (&f, "edited");
  {
    /* The chip of "warm" has a remove button. */
    GtkWidget *tags = trove_details_pane_get_widget (f.details, "tags");
    GtkWidget *label = trove_ui_find_label (tags, "warm");
    GtkWidget *button;
    g_assert_nonnull (label);
    button = gtk_widget_get_next_sibling (label);
    g_assert_true (GTK_IS_BUTTON (button));
    g_signal_emit_by_name (button, "clicked");
  }
  g_assert_true (trove_details_pane_is_dirty (f.details));
  screenshot (&f, "metadata-edit-one.png");
  apply (&f);

  after = on_disk (&f, "materials.blend", "Copper");
  g_assert_cmpstr (trove_asset_get_author (after), ==, "Ada ✓");
  g_assert_cmpstr (trove_asset_get_description (after), ==, "Edited in Trove.\nSecond line.");
  g_assert_true (has_tag (after, "edited"));
  g_assert_false (has_tag (after, "warm"));
  backup = g_build_filename (f.dir, "materials.blend1", NULL);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  /* The rewritten asset is selected again, and shown as written. */
  g_assert_cmpstr (trove_details_pane_get_field (f.details, "name"), ==, "Copper");
  g_assert_cmpstr (trove_details_pane_get_field (f.details, "author"), ==, "Ada ✓");
  g_assert_false (trove_details_pane_is_dirty (f.details));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.undo", NULL));
  wait_for_writes (&f);
  undone = on_disk (&f, "materials.blend", "Copper");
  g_assert_cmpstr (trove_asset_get_author (undone), !=, "Ada ✓");
  g_assert_true (has_tag (undone, "warm"));
  g_assert_false (has_tag (undone, "edited"));
  g_clear_object (&undone);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.redo", NULL));
  wait_for_writes (&f);
  undone = on_disk (&f, "materials.blend", "Copper");
  g_assert_cmpstr (trove_asset_get_author (undone), ==, "Ada ✓");
  fixture_close (&f);
}

/* Several assets in two files: differing fields show "Mixed" and stay as
 * they are; a tag is added to all; one remove removes it from all. */
static void
test_bulk_tag (void)
{
  Fixture f = { 0 };
  const char *names[] = { "Copper", "Oak Planks", "Barrel", NULL };
  GtkWidget *author;

  fixture_open (&f);
  select_names (&f, names);
  g_assert_nonnull (trove_ui_find_label (GTK_WIDGET (f.details), "3 Assets Selected"));
  g_assert_nonnull (trove_ui_find_label (GTK_WIDGET (f.details), "In 2 files"));
  /* Jane Doe wrote the oak planks, the fixtures the rest. */
  author = trove_details_pane_get_widget (f.details, "author");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (author)), ==, "");
  g_assert_nonnull (trove_ui_find_label (author, "Mixed"));
  gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (author), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
      "Mixed: the selected assets differ here; left as it is unless you type");

  type_tag (&f, "bulk ✓");
  screenshot (&f, "metadata-bulk.png");
  apply (&f);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *file = g_str_equal (names[i], "Barrel") ? "objects.blend" : "materials.blend";
      g_autoptr (TroveAsset) asset = on_disk (&f, file, names[i]);
      g_assert_true (has_tag (asset, "bulk ✓"));
      /* The Mixed author was left alone. */
      g_assert_cmpstr (trove_asset_get_author (asset), !=, "");
    }
  /* All three are still selected after their files were rewritten. */
  g_assert_nonnull (trove_ui_find_label (GTK_WIDGET (f.details), "3 Assets Selected"));
  fixture_close (&f);
}

static TroveCatalogRow *
find_row (GtkWidget *root, const char *path)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TroveCatalogRow *found;
      TroveCatalogNode *node;
      if (TROVE_IS_CATALOG_ROW (child)
          && (node = trove_catalog_row_get_node (TROVE_CATALOG_ROW (child))) != NULL
          && ((path == NULL && trove_catalog_node_get_kind (node) == TROVE_CATALOG_NODE_UNASSIGNED)
              || (path != NULL && g_str_equal (trove_catalog_node_get_path (node), path))))
        return TROVE_CATALOG_ROW (child);
      if ((found = find_row (child, path)) != NULL)
        return found;
    }
  return NULL;
}

static TroveAssetTile *
find_tile (GtkWidget *root, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TroveAssetTile *found;
      if (TROVE_IS_ASSET_TILE (child) && trove_asset_tile_get_asset (TROVE_ASSET_TILE (child))
          && g_str_equal (
              trove_asset_get_name (trove_asset_tile_get_asset (TROVE_ASSET_TILE (child))), name))
        return TROVE_ASSET_TILE (child);
      if ((found = find_tile (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static gpointer
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller; /* the widget keeps it */
    }
  return NULL;
}

/* Selecting a catalog opens its parents, so that its row exists; then back
 * to All, where every tile is. This changes the grid: select afterwards. */
static void
open_catalog_row (Fixture *f, const char *path)
{
  TroveCatalogPane *pane = trove_window_get_catalog_pane (f->ui.window);

  g_assert_true (trove_catalog_pane_select_path (pane, path));
  gtk_selection_model_select_item (
      gtk_list_view_get_model (trove_catalog_pane_get_list_view (pane)), 0, TRUE);
  trove_ui_spin (50);
}

/* A drag from the tile of @name, dropped on the catalog row of @path (NULL:
 * Unassigned), through the tile's drag source and the row's drop target. */
static gboolean
drag_tile_to_catalog (Fixture *f, const char *name, const char *path)
{
  TroveCatalogPane *pane = trove_window_get_catalog_pane (f->ui.window);
  TroveAssetTile *tile;
  TroveCatalogRow *row;

  row = find_row (GTK_WIDGET (pane), path);
  tile = find_tile (GTK_WIDGET (trove_window_get_asset_grid (f->ui.window)), name);
  g_autoptr (GdkContentProvider) content = NULL;
  g_auto (GValue) value = G_VALUE_INIT;
  g_autoptr (GError) error = NULL;
  gboolean accepted = FALSE;

  g_assert_nonnull (tile);
  g_assert_nonnull (row);
  g_signal_emit_by_name (find_controller (GTK_WIDGET (tile), GTK_TYPE_DRAG_SOURCE), "prepare", 5.0,
                         5.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_PTR_ARRAY);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_signal_emit_by_name (find_controller (GTK_WIDGET (row), GTK_TYPE_DROP_TARGET), "drop", &value,
                         0.0, 0.0, &accepted);
  return accepted;
}

/* Dragging the selection onto a catalog assigns it to every selected asset,
 * with the catalog's simple name; onto Unassigned clears it. Undo. */
static void
test_drag_to_catalog (void)
{
  Fixture f = { 0 };
  g_autoptr (TroveAsset) copper = NULL, granite = NULL, cleared = NULL, undone = NULL;

  fixture_open (&f);
  open_catalog_row (&f, "Props/Wood");
  select_names (&f, (const char *const[]){ "Copper", "Granite", NULL });
  g_assert_true (drag_tile_to_catalog (&f, "Copper", "Props/Wood"));
  wait_for_writes (&f);
  copper = on_disk (&f, "materials.blend", "Copper");
  granite = on_disk (&f, "materials.blend", "Granite");
  g_assert_cmpstr (trove_asset_get_catalog_id (copper), ==, "d3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f60");
  g_assert_cmpstr (trove_asset_get_catalog_simple_name (copper), ==, "Props-Wood");
  g_assert_cmpstr (trove_asset_get_catalog_id (granite), ==, trove_asset_get_catalog_id (copper));

  g_assert_true (drag_tile_to_catalog (&f, "Barrel", NULL));
  wait_for_writes (&f);
  cleared = on_disk (&f, "objects.blend", "Barrel");
  g_assert_false (trove_asset_has_catalog (cleared));
  g_assert_cmpstr (trove_asset_get_catalog_simple_name (cleared), ==, "");

  /* An implicit parent is no catalog: refused, nothing written. */
  g_assert_false (drag_tile_to_catalog (&f, "Copper", "Many"));
  g_assert_false (trove_metadata_controller_get_busy (f.metadata));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.undo", NULL));
  wait_for_writes (&f);
  undone = on_disk (&f, "objects.blend", "Barrel");
  g_assert_cmpstr (trove_asset_get_catalog_simple_name (undone), ==, "Props-Wood");
  fixture_close (&f);
}

/* A read-only file: the form says why and cannot be applied. */
static void
test_read_only (void)
{
  Fixture f = { 0 };
  g_autofree char *path = NULL;
  GtkWidget *reason;

  fixture_open (&f);
  path = g_build_filename (f.dir, "objects.blend", NULL);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  select_names (&f, (const char *const[]){ "Barrel", NULL });
  trove_ui_spin (200);
  reason = trove_details_pane_get_widget (f.details, "read-only");
  g_assert_true (gtk_widget_is_visible (reason));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (reason)), "read-only"));
  g_assert_false (gtk_widget_get_sensitive (trove_details_pane_get_widget (f.details, "author")));
  fixture_close (&f);
}

/* Leaving a selection with changes not applied asks; Apply writes them. */
static void
test_leave_asks (void)
{
  Fixture f = { 0 };
  g_autoptr (TroveAsset) after = NULL;
  AdwMessageDialog *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  fixture_open (&f);
  select_names (&f, (const char *const[]){ "Copper", NULL });
  gtk_editable_set_text (GTK_EDITABLE (trove_details_pane_get_widget (f.details, "author")),
                         "Left behind");
  select_names (&f, (const char *const[]){ "Granite", NULL });
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (trove_details_pane_get_field (f.details, "name"), ==, "Granite");
  adw_message_dialog_response (dialog, "apply");
  trove_ui_spin (50);
  wait_for_writes (&f);
  after = on_disk (&f, "materials.blend", "Copper");
  g_assert_cmpstr (trove_asset_get_author (after), ==, "Left behind");
  fixture_close (&f);
}

int
main (int argc, char **argv)
{
  g_setenv ("TROVE_NO_FIRST_RUN", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/metadata-edit/edit-one", test_edit_one);
  g_test_add_func ("/metadata-edit/bulk-tag", test_bulk_tag);
  g_test_add_func ("/metadata-edit/drag-to-catalog", test_drag_to_catalog);
  g_test_add_func ("/metadata-edit/read-only", test_read_only);
  g_test_add_func ("/metadata-edit/leave-asks", test_leave_asks);
  return g_test_run ();
}
