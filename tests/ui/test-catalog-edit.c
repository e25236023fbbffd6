/* test-catalog-edit.c: catalog edits through the real catalog pane
 *
 * A copy of the fixture library's materials.blend and catalog file (made by
 * Blender) in a temporary folder; edits through the pane's actions, its
 * dialogs and its rows' drop targets, then the file on disk is checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-utils.h"
#include "test-utils.h"

#include "trove-catalog-dialogs.h"
#include "trove-catalog-properties-dialog.h"
#include "trove-catalog-row.h"

#include <string.h>

/* Edits are saved this long after the last one, and a little more. */
#define SAVE_WAIT_MS 700

typedef struct
{
  TroveUiFixture ui;
  char *dir;
  char *cats;
  TroveCatalogPane *pane;
} Fixture;

static void
fixture_open (Fixture *f, const char *catalog_file)
{
  g_autofree char *blend = NULL;
  g_autofree char *src_blend = trove_test_data_path ("library", "materials.blend", NULL);
  g_autofree char *src_cats = trove_test_data_path ("library", "blender_assets.cats.txt", NULL);
  g_autoptr (GFile) location = NULL;

  f->dir = trove_test_make_temp_dir ();
  f->cats = g_build_filename (f->dir, "blender_assets.cats.txt", NULL);
  blend = g_build_filename (f->dir, "materials.blend", NULL);
  trove_test_copy_file (src_blend, blend);
  if (catalog_file != NULL)
    trove_test_write_file (f->cats, catalog_file, strlen (catalog_file));
  else
    trove_test_copy_file (src_cats, f->cats);
  location = g_file_new_for_path (f->dir);
  trove_ui_fixture_setup (&f->ui, location);
  trove_ui_wait_for_scan (&f->ui);
  f->pane = trove_window_get_catalog_pane (f->ui.window);
}

static void
fixture_close (Fixture *f)
{
  trove_ui_fixture_teardown (&f->ui);
  trove_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->cats, g_free);
}

/* The catalog file on disk, re-read. */
static TroveCatalogFile *
on_disk (Fixture *f)
{
  g_autoptr (GFile) location = g_file_new_for_path (f->cats);
  TroveCatalogFile *file = trove_catalog_file_load (location);

  g_assert_null (trove_catalog_file_get_error (file));
  return file;
}

static gboolean
disk_has_path (Fixture *f, const char *path)
{
  g_autoptr (TroveCatalogFile) file = on_disk (f);
  GListModel *catalogs = trove_catalog_file_get_catalogs (file);

  for (guint i = 0; i < g_list_model_get_n_items (catalogs); i++)
    {
      g_autoptr (TroveCatalog) catalog = g_list_model_get_item (catalogs, i);
      if (g_str_equal (trove_catalog_get_path (catalog), path))
        return TRUE;
    }
  return FALSE;
}

static const char *
selected_path (Fixture *f)
{
  return trove_catalog_node_get_path (trove_catalog_pane_get_selected_node (f->pane));
}

static gboolean
dialog_open (gpointer data)
{
  return trove_catalog_find_open_dialog () != NULL;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  g_assert_true (trove_ui_wait_for (dialog_open, NULL, 5000));
  return trove_catalog_find_open_dialog ();
}

static void
answer (AdwMessageDialog *dialog, const char *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  trove_ui_spin (50);
}

static void
activate (Fixture *f, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->pane), action, NULL));
  trove_ui_spin (50);
}

/* New Catalog under the selected one, named in the dialog that opens at
 * once; an empty name is refused; the file gets the catalog. */
static void
test_new_and_rename (void)
{
  Fixture f = { 0 };
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  fixture_open (&f, NULL);
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Materials/Metal"));
  activate (&f, "catalog.new");
  g_assert_cmpstr (selected_path (&f), ==, "Materials/Metal/Catalog");

  dialog = wait_for_dialog ();
  entry = trove_catalog_dialog_get_entry (dialog);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Catalog");
  gtk_editable_set_text (entry, "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (entry, "Brass");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  answer (dialog, "accept");
  g_assert_cmpstr (selected_path (&f), ==, "Materials/Metal/Brass");

  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_true (disk_has_path (&f, "Materials/Metal/Brass"));
  g_assert_false (disk_has_path (&f, "Materials/Metal/Catalog"));
  fixture_close (&f);
}

/* Renaming onto a sibling asks first; cancelling changes nothing. */
static void
test_rename_merge_asks (void)
{
  Fixture f = { 0 };
  AdwMessageDialog *dialog;

  fixture_open (&f, NULL);
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Materials/Wood"));
  activate (&f, "catalog.rename");
  dialog = wait_for_dialog ();
  gtk_editable_set_text (trove_catalog_dialog_get_entry (dialog), "Metal");
  answer (dialog, "accept");

  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Merge Catalogs?");
  answer (dialog, "cancel");
  g_assert_cmpstr (selected_path (&f), ==, "Materials/Wood");

  activate (&f, "catalog.rename");
  dialog = wait_for_dialog ();
  gtk_editable_set_text (trove_catalog_dialog_get_entry (dialog), "Metal");
  answer (dialog, "accept");
  answer (wait_for_dialog (), "accept");
  g_assert_cmpstr (selected_path (&f), ==, "Materials/Metal");
  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_false (disk_has_path (&f, "Materials/Wood"));
  fixture_close (&f);
}

/* Delete asks, saying what goes with it; Undo (the window's Ctrl+Z
 * action) brings it back, on disk too. */
static void
test_delete_and_undo (void)
{
  Fixture f = { 0 };
  AdwMessageDialog *dialog;

  fixture_open (&f, NULL);
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Materials"));
  activate (&f, "catalog.delete");
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Materials”?");
  /* Metal and Wood below; Brushed Steel, Copper and Oak Planks in them. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Its 2 sub-catalogs"));
  g_assert_nonnull (
      strstr (adw_message_dialog_get_body (dialog), "3 assets will show as Unassigned"));
  answer (dialog, "accept");
  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_false (disk_has_path (&f, "Materials/Metal"));
  g_assert_false (disk_has_path (&f, "Materials"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.undo", NULL));
  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_true (disk_has_path (&f, "Materials/Metal"));
  g_assert_true (disk_has_path (&f, "Materials"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.redo", NULL));
  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_false (disk_has_path (&f, "Materials"));
  fixture_close (&f);
}

static TroveCatalogRow *
find_row (GtkWidget *root, const char *path)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TroveCatalogRow *found;
      if (TROVE_IS_CATALOG_ROW (child) && trove_catalog_row_get_node (TROVE_CATALOG_ROW (child))
          && g_str_equal (
              trove_catalog_node_get_path (trove_catalog_row_get_node (TROVE_CATALOG_ROW (child))),
              path))
        return TROVE_CATALOG_ROW (child);
      if ((found = find_row (child, path)) != NULL)
        return found;
    }
  return NULL;
}

/* Drops the catalog at @from on the row of @onto ("" for All) through the
 * row's drop target, as a drag would end. */
static gboolean
drop (Fixture *f, const char *from, const char *onto)
{
  TroveCatalogRow *source = find_row (GTK_WIDGET (f->pane), from);
  TroveCatalogRow *target = find_row (GTK_WIDGET (f->pane), onto);
  g_autoptr (GListModel) controllers = NULL;
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (source);
  g_assert_nonnull (target);
  g_value_init (&value, TROVE_TYPE_CATALOG_NODE);
  g_value_set_object (&value, trove_catalog_row_get_node (source));
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (target));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 0.0, 0.0, &accepted);
    }
  trove_ui_spin (50);
  return accepted;
}

/* A catalog dropped on another moves inside it, its children following;
 * dropped on its own parent or into itself, it is refused and stays. */
static void
test_drag_and_drop (void)
{
  Fixture f = { 0 };

  fixture_open (&f, NULL);
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Materials/Metal"));
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Props/Wood"));

  g_assert_false (drop (&f, "Materials/Metal", "Materials"));
  g_assert_false (drop (&f, "Materials", "Materials/Metal"));
  g_assert_true (drop (&f, "Materials/Metal", "Props"));
  g_assert_cmpstr (selected_path (&f), ==, "Props/Metal");
  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_true (disk_has_path (&f, "Props/Metal"));
  g_assert_false (disk_has_path (&f, "Materials/Metal"));
  fixture_close (&f);
}

static GtkLabel *
find_label_starting (GtkWidget *root, const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child)
          && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return GTK_LABEL (child);
      if ((found = find_label_starting (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

static GtkDropTarget *
drop_target_of (TroveCatalogRow *row)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static gboolean
row_expanded (gpointer data)
{
  return gtk_tree_list_row_get_expanded (data);
}

/* Hovering a closed row during a drag opens it after a moment. */
static void
test_drag_hover_opens (void)
{
  Fixture f = { 0 };
  TroveCatalogRow *row;
  GdkDragAction action = 0;

  fixture_open (&f, NULL);
  row = find_row (GTK_WIDGET (f.pane), "Props");
  g_assert_nonnull (row);
  g_assert_false (gtk_tree_list_row_get_expanded (trove_catalog_row_get_list_row (row)));
  g_signal_emit_by_name (drop_target_of (row), "enter", 5.0, 5.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
  g_assert_true (trove_ui_wait_for (row_expanded, trove_catalog_row_get_list_row (row), 3000));
  fixture_close (&f);
}

static TroveCatalogPropertiesDialog *
find_properties_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (TROVE_IS_CATALOG_PROPERTIES_DIALOG (window))
        return TROVE_CATALOG_PROPERTIES_DIALOG (window);
    }
  return NULL;
}

static void
collect_entry_rows (GtkWidget *root, GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ENTRY_ROW (child))
        g_ptr_array_add (rows, child);
      else
        collect_entry_rows (child, rows);
    }
}

/* Properties lists both aliases of Materials/Metal with their simple
 * names; applying one writes it. */
static void
test_properties (void)
{
  Fixture f = { 0 };
  TroveCatalogPropertiesDialog *dialog;
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (TroveCatalogFile) file = NULL;
  TroveCatalog *catalog;

  fixture_open (&f, NULL);
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Materials/Metal"));
  activate (&f, "catalog.properties");
  dialog = find_properties_dialog ();
  g_assert_nonnull (dialog);
  collect_entry_rows (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==,
                   "4a6e2c10-9d8b-4f7e-a6c5-b4d3e2f1a0b9");
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[1]), ==, "Metal (alias)");
  gtk_editable_set_text (rows->pdata[1], "Shiny");
  g_signal_emit_by_name (rows->pdata[1], "apply");
  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_null (find_properties_dialog ());

  file = on_disk (&f);
  catalog = trove_catalog_file_lookup (file, "4a6e2c10-9d8b-4f7e-a6c5-b4d3e2f1a0b9");
  g_assert_cmpstr (trove_catalog_get_simple_name (catalog), ==, "Shiny");
  g_assert_cmpstr (trove_catalog_get_path (catalog), ==, "Materials/Metal");
  fixture_close (&f);
}

static gboolean
row_exists (gpointer data)
{
  Fixture *f = data;

  return trove_catalog_pane_select_path (f->pane, "Outside/Change");
}

/* A catalog another program adds to the file appears, and an edit made
 * here but not yet saved survives it. */
static void
test_outside_change (void)
{
  Fixture f = { 0 };
  g_autoptr (GBytes) original = NULL;
  g_autoptr (GString) changed = NULL;
  AdwMessageDialog *dialog;

  fixture_open (&f, NULL);
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Props/Wood"));
  activate (&f, "catalog.rename");
  dialog = wait_for_dialog ();
  gtk_editable_set_text (trove_catalog_dialog_get_entry (dialog), "Timber");
  answer (dialog, "accept");

  original = trove_test_read_file (f.cats);
  changed = g_string_new_len (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  g_string_append (changed, "0ddba11e-0000-4000-8000-000000000001:Outside/Change:\n");
  trove_test_write_file (f.cats, changed->str, changed->len);
  g_assert_true (trove_ui_wait_for (row_exists, &f, 5000));
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Props/Timber"));

  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_true (disk_has_path (&f, "Outside/Change"));
  g_assert_true (disk_has_path (&f, "Props/Timber"));
  g_assert_false (disk_has_path (&f, "Props/Wood"));
  fixture_close (&f);
}

static AdwMessageDialog *
find_any_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Closing the window saves the last edits; when that fails, it asks
 * before losing them. */
static void
test_close_with_unsaved_edits (void)
{
  Fixture f = { 0 };
  const char *broken = "not a catalog file any more\n";
  AdwMessageDialog *dialog;

  fixture_open (&f, NULL);
  g_assert_true (trove_catalog_pane_select_path (f.pane, "Props"));
  activate (&f, "catalog.delete");
  answer (wait_for_dialog (), "accept");
  /* Before the save, another program breaks the file. */
  trove_test_write_file (f.cats, broken, strlen (broken));
  gtk_window_close (GTK_WINDOW (f.ui.window));
  trove_ui_spin (50);
  dialog = find_any_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Catalog Edits Not Saved");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.ui.window)));
  answer (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.ui.window)));

  gtk_window_close (GTK_WINDOW (f.ui.window));
  trove_ui_spin (50);
  answer (find_any_message_dialog (), "close");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f.ui.window)));
  {
    g_autoptr (GBytes) after = trove_test_read_file (f.cats);
    g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), broken,
                     strlen (broken));
  }
  fixture_close (&f);
}

/* A catalog file Trove cannot read is shown read-only, saying why, and is
 * never written. */
static void
test_read_only (void)
{
  Fixture f = { 0 };
  const char *bad = "VERSION 7\nnot a catalog file Trove knows\n";
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  GtkLabel *label;

  fixture_open (&f, bad);
  label = find_label_starting (GTK_WIDGET (f.pane), "Read-only: ");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (label), "VERSION 1"));
  before = trove_test_read_file (f.cats);
  gtk_widget_activate_action (GTK_WIDGET (f.pane), "catalog.new", NULL);
  trove_ui_spin (SAVE_WAIT_MS);
  g_assert_null (trove_catalog_find_open_dialog ());
  after = trove_test_read_file (f.cats);
  g_assert_true (g_bytes_equal (before, after));
  fixture_close (&f);
}

int
main (int argc, char **argv)
{
  g_setenv ("TROVE_NO_FIRST_RUN", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/catalog-edit/new-and-rename", test_new_and_rename);
  g_test_add_func ("/catalog-edit/rename-merge-asks", test_rename_merge_asks);
  g_test_add_func ("/catalog-edit/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/catalog-edit/drag-and-drop", test_drag_and_drop);
  g_test_add_func ("/catalog-edit/drag-hover-opens", test_drag_hover_opens);
  g_test_add_func ("/catalog-edit/properties", test_properties);
  g_test_add_func ("/catalog-edit/outside-change", test_outside_change);
  g_test_add_func ("/catalog-edit/read-only", test_read_only);
  g_test_add_func ("/catalog-edit/close-with-unsaved-edits", test_close_with_unsaved_edits);
  return g_test_run ();
}
