/* test-window.c: the real window, driven in-process on Blender-made libraries
 *
 * Runs under Xvfb (the CI runs meson test inside xvfb-run), with the cairo
 * renderer and the memory GSettings backend. Expected assets come from what
 * Blender reported for the fixture library (tests/data/library-oracle.json)
 * and from its catalog file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-utils.h"
#include "test-utils.h"

#include "trove-application.h"
#include "trove-asset.h"
#include "trove-asset-tile.h"
#include "trove-blender-prefs.h"
#include "trove-unreadable-dialog.h"

#include <string.h>

static JsonNode *oracle;

/* Names of the oracle's assets for which @keep is true, sorted like the grid. */
static GPtrArray *
oracle_names (gboolean (*keep) (JsonObject *asset, gpointer data), gpointer data)
{
  JsonArray *files = json_object_get_array_member (json_node_get_object (oracle), "files");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint f = 0; f < json_array_get_length (files); f++)
    {
      JsonArray *assets
          = json_object_get_array_member (json_array_get_object_element (files, f), "assets");
      for (guint a = 0; a < json_array_get_length (assets); a++)
        {
          JsonObject *asset = json_array_get_object_element (assets, a);
          if (keep (asset, data))
            g_ptr_array_add (names, g_strdup (json_object_get_string_member (asset, "name")));
        }
    }
  return names;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static void
assert_same_names (GPtrArray *shown, GPtrArray *expected)
{
  g_ptr_array_sort (shown, compare_strings);
  g_ptr_array_sort (expected, compare_strings);
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpstr (shown->pdata[i], ==, expected->pdata[i]);
}

static gboolean
page_is_unavailable (gpointer window)
{
  return g_str_equal (trove_window_get_page (window), "Library Unavailable");
}

static void
open_fixture_library (TroveUiFixture *fixture)
{
  g_autofree char *path = trove_test_data_path ("library", NULL);
  g_autoptr (GFile) library = g_file_new_for_path (path);

  trove_ui_fixture_setup (fixture, library);
  trove_ui_wait_for_scan (fixture);
}

/* The demo library is shown when no library is registered. */
static void
test_window_demo_library (void)
{
  TroveUiFixture fixture = { 0 };
  g_autoptr (GPtrArray) names = NULL;
  GtkWidget *title;

  trove_ui_fixture_setup (&fixture, NULL);
  trove_ui_wait_for_scan (&fixture);
  names = trove_ui_visible_names (&fixture);
  g_assert_cmpuint (names->len, >=, 24);
  /* Sorted by name, natural and case-insensitive: Barrel comes first. */
  g_assert_cmpstr (names->pdata[0], ==, "Barrel");
  g_assert_cmpstr (trove_window_get_page (fixture.window), ==, "grid");
  title = trove_ui_find_label (GTK_WIDGET (fixture.window), "Demo Library");
  g_assert_nonnull (title);
  trove_ui_fixture_teardown (&fixture);
}

static gboolean
in_metal (JsonObject *asset, gpointer data)
{
  const char *uuid = json_object_get_string_member (asset, "catalog_id");

  /* The two UUIDs of Materials/Metal in tests/data/library/blender_assets.cats.txt */
  return g_str_equal (uuid, "b7c1e5d2-3f4a-4c6b-8d9e-0f1a2b3c4d5e")
         || g_str_equal (uuid, "4a6e2c10-9d8b-4f7e-a6c5-b4d3e2f1a0b9");
}

static gboolean
in_many (JsonObject *asset, gpointer data)
{
  const char *uuid = json_object_get_string_member (asset, "catalog_id");

  /* Many/Alpha, Beta, Delta and Gamma/Deep: the implicit parent "Many" holds them all. */
  return g_str_has_prefix (uuid, "9a000000-0000-4000-8000-00000000000");
}

/* Selecting a catalog shows its assets, its aliases' and its descendants'. */
static void
test_window_select_catalog (void)
{
  TroveUiFixture fixture = { 0 };
  TroveCatalogPane *pane;
  g_autoptr (GPtrArray) shown = NULL, expected = NULL;

  open_fixture_library (&fixture);
  pane = trove_window_get_catalog_pane (fixture.window);

  g_assert_true (trove_catalog_pane_select_path (pane, "Materials/Metal"));
  trove_ui_wait_for_settled_grid (&fixture);
  shown = trove_ui_visible_names (&fixture);
  expected = oracle_names (in_metal, NULL);
  g_assert_cmpuint (expected->len, ==, 2);
  assert_same_names (shown, expected);
  g_clear_pointer (&shown, g_ptr_array_unref);
  g_clear_pointer (&expected, g_ptr_array_unref);

  g_assert_true (trove_catalog_pane_select_path (pane, "Many"));
  trove_ui_wait_for_settled_grid (&fixture);
  shown = trove_ui_visible_names (&fixture);
  expected = oracle_names (in_many, NULL);
  g_assert_cmpuint (expected->len, >, 200);
  assert_same_names (shown, expected);
  trove_ui_fixture_teardown (&fixture);
}

static gboolean
has_tag (JsonObject *asset, gpointer data)
{
  JsonArray *tags = json_object_get_array_member (asset, "tags");

  for (guint i = 0; i < json_array_get_length (tags); i++)
    if (g_str_equal (json_array_get_string_element (tags, i), data))
      return TRUE;
  return FALSE;
}

static gboolean
is_material_named_many (JsonObject *asset, gpointer data)
{
  return g_str_equal (json_object_get_string_member (asset, "id_type"), "MA")
         && g_str_has_prefix (json_object_get_string_member (asset, "name"), "Many 01");
}

/* Typing a search filters the grid; an impossible one shows "No Results". */
static void
test_window_search (void)
{
  TroveUiFixture fixture = { 0 };
  GtkEditable *entry;
  g_autoptr (GPtrArray) shown = NULL, expected = NULL;

  open_fixture_library (&fixture);
  entry = trove_window_get_search_entry (fixture.window);

  gtk_editable_set_text (entry, "tag:granite");
  trove_ui_spin (300); /* GtkSearchEntry waits a little before searching */
  trove_ui_wait_for_settled_grid (&fixture);
  shown = trove_ui_visible_names (&fixture);
  expected = oracle_names (has_tag, (gpointer) "granite");
  g_assert_cmpuint (expected->len, ==, 1);
  assert_same_names (shown, expected);
  g_clear_pointer (&shown, g_ptr_array_unref);
  g_clear_pointer (&expected, g_ptr_array_unref);

  gtk_editable_set_text (entry, "type:MA \"Many 01\"");
  trove_ui_spin (300);
  trove_ui_wait_for_settled_grid (&fixture);
  shown = trove_ui_visible_names (&fixture);
  expected = oracle_names (is_material_named_many, NULL);
  g_assert_cmpuint (expected->len, ==, 10);
  assert_same_names (shown, expected);

  gtk_editable_set_text (entry, "no asset is called this");
  trove_ui_spin (300);
  trove_ui_wait_for_settled_grid (&fixture);
  g_assert_cmpstr (trove_window_get_page (fixture.window), ==, "No Results");

  gtk_editable_set_text (entry, "");
  trove_ui_spin (300);
  trove_ui_wait_for_settled_grid (&fixture);
  g_assert_cmpstr (trove_window_get_page (fixture.window), ==, "grid");
  trove_ui_fixture_teardown (&fixture);
}

/* The type filter beside the search entry. */
static void
test_window_type_filter (void)
{
  TroveUiFixture fixture = { 0 };
  GListModel *visible;

  open_fixture_library (&fixture);
  gtk_drop_down_set_selected (trove_window_get_type_dropdown (fixture.window), 6); /* Worlds */
  trove_ui_wait_for_settled_grid (&fixture);
  visible = trove_asset_grid_get_visible (trove_window_get_asset_grid (fixture.window));
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (visible, i);
      g_assert_cmpstr (trove_asset_get_id_type (asset), ==, "WO");
    }
  trove_ui_fixture_teardown (&fixture);
}

static guint
position_of_name (TroveUiFixture *fixture, const char *name)
{
  g_autoptr (GPtrArray) names = trove_ui_visible_names (fixture);

  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return i;
  g_error ("%s is not shown", name);
}

/* Selecting an asset fills the details pane with what Blender reported. */
static void
test_window_details (void)
{
  TroveUiFixture fixture = { 0 };
  TroveDetailsPane *details;
  GtkSelectionModel *selection;
  JsonObject *entry = NULL, *copper = NULL;
  JsonArray *assets;

  open_fixture_library (&fixture);
  entry = trove_test_oracle_file (oracle, "materials.blend");
  assets = json_object_get_array_member (entry, "assets");
  for (guint i = 0; i < json_array_get_length (assets); i++)
    if (g_str_equal (
            json_object_get_string_member (json_array_get_object_element (assets, i), "name"),
            "Copper"))
      copper = json_array_get_object_element (assets, i);
  g_assert_nonnull (copper);

  selection = trove_asset_grid_get_selection (trove_window_get_asset_grid (fixture.window));
  gtk_selection_model_select_item (selection, position_of_name (&fixture, "Copper"), TRUE);
  trove_ui_spin (50);

  details = trove_window_get_details_pane (fixture.window);
  g_assert_cmpstr (trove_details_pane_get_field (details, "name"), ==, "Copper");
  g_assert_cmpstr (trove_details_pane_get_field (details, "type"), ==, "Material");
  g_assert_cmpstr (trove_details_pane_get_field (details, "file"), ==, "materials.blend");
  g_assert_cmpstr (trove_details_pane_get_field (details, "catalog"), ==, "Materials/Metal");
  g_assert_cmpstr (trove_details_pane_get_field (details, "description"), ==,
                   json_object_get_string_member (copper, "description"));
  g_assert_cmpstr (trove_details_pane_get_field (details, "author"), ==,
                   json_object_get_string_member (copper, "author"));
  g_assert_nonnull (trove_ui_find_label (GTK_WIDGET (details), "copper"));

  /* Two selected: a summary instead. */
  gtk_selection_model_select_item (selection, position_of_name (&fixture, "Brushed Steel"), FALSE);
  trove_ui_spin (50);
  g_assert_nonnull (trove_ui_find_label (GTK_WIDGET (details), "2 Assets Selected"));
  trove_ui_fixture_teardown (&fixture);
}

static AdwMessageDialog *
find_message_dialog (void)
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

static guint
n_sidebar_rows (TroveUiFixture *fixture)
{
  GtkListBox *list
      = trove_library_sidebar_get_list_box (trove_window_get_sidebar (fixture->window));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int)n) != NULL)
    n++;
  return n;
}

/* Adding a library registers it (and shows it); removing asks first and
 * never touches the folder. */
static void
test_window_add_remove_library (void)
{
  TroveUiFixture fixture = { 0 };
  g_autofree char *path = trove_test_data_path ("library", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  TroveLibrarySidebar *sidebar;
  AdwMessageDialog *dialog;
  TroveLibrary *library;

  trove_ui_fixture_setup (&fixture, NULL);
  trove_ui_wait_for_scan (&fixture);
  sidebar = trove_window_get_sidebar (fixture.window);
  g_assert_cmpuint (n_sidebar_rows (&fixture), ==, 1); /* the demo library */

  library = trove_library_list_add (fixture.libraries, "Fixtures", folder, &error);
  g_assert_no_error (error);
  trove_ui_spin (50);
  g_assert_cmpuint (n_sidebar_rows (&fixture), ==, 2);
  g_assert_nonnull (trove_ui_find_label (GTK_WIDGET (sidebar), "Fixtures"));

  g_signal_emit_by_name (sidebar, "library-selected", library);
  trove_ui_wait_for_scan (&fixture);
  g_assert_true (trove_window_get_library (fixture.window) == library);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.remove", "s", path));
  trove_ui_spin (50);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  trove_ui_spin (50);
  g_assert_null (trove_library_list_find (fixture.libraries, folder));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  trove_ui_fixture_teardown (&fixture);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* On first run, the libraries in Blender's preferences (the Blender-made
 * fixture userpref.blend, as the newest of two versions) are offered, and
 * importing registers each folder once; the offer is made only once. */
static void
test_window_blender_import (void)
{
  TroveUiFixture fixture = { 0 };
  g_autoptr (GSettings) settings = trove_settings_new ();
  g_autofree char *config = trove_test_make_temp_dir ();
  g_autofree char *newest = g_build_filename (config, "blender", "3.4", "config", NULL);
  g_autofree char *older = g_build_filename (config, "blender", "2.93", "config", NULL);
  g_autofree char *prefs = g_build_filename (newest, "userpref.blend", NULL);
  g_autofree char *fixture_prefs
      = trove_test_data_path ("userpref", "config", "userpref.blend", NULL);
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_get_contents (fixture_prefs, &contents, &length, &error));
  g_assert_cmpint (g_mkdir_with_parents (newest, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (older, 0755), ==, 0);
  g_assert_true (g_file_set_contents (prefs, contents, (gssize)length, &error));
  expected = trove_blender_prefs_read_libraries (prefs, &error);
  g_assert_no_error (error);

  /* Blender's configuration folder is found through this when sandboxed. */
  g_setenv ("HOST_XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("TROVE_NO_FIRST_RUN");
  g_settings_reset (settings, "blender-import-offered");
  g_settings_reset (settings, "libraries");

  trove_ui_fixture_setup (&fixture, NULL);
  g_assert_true (trove_ui_wait_for (message_dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import Libraries from Blender?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Kitchen Props"));
  adw_message_dialog_response (dialog, "import");
  trove_ui_spin (50);
  g_assert_true (g_settings_get_boolean (settings, "blender-import-offered"));
  for (guint i = 0; i < expected->len; i++)
    g_assert_nonnull (
        trove_library_list_find (fixture.libraries, trove_library_get_folder (expected->pdata[i])));
  /* "Kitchen Again" shares Kitchen Props' folder: registered once. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture.libraries)), <, expected->len);
  trove_ui_fixture_teardown (&fixture);

  trove_ui_fixture_setup (&fixture, NULL);
  trove_ui_spin (300);
  g_assert_null (find_message_dialog ());
  trove_ui_fixture_teardown (&fixture);

  g_settings_reset (settings, "libraries");
  g_setenv ("TROVE_NO_FIRST_RUN", "1", TRUE);
  g_unsetenv ("HOST_XDG_CONFIG_HOME");
  trove_test_remove_tree (config);
}

/* A broken file is reported in the status bar and listed with its reason. */
static void
test_window_broken_file (void)
{
  TroveUiFixture fixture = { 0 };
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *good = g_build_filename (dir, "good.blend", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken.blend", NULL);
  g_autofree char *src = trove_test_data_path ("library", "sub", "dir", "nested.blend", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  GtkWidget *button;
  TroveUnreadableDialog *dialog = NULL;
  GListModel *toplevels;

  trove_test_copy_file (src, good);
  trove_test_write_file (bad, "BLENDER-v304 and then nothing", 29);
  trove_ui_fixture_setup (&fixture, folder);
  trove_ui_wait_for_scan (&fixture);

  button = trove_window_get_unreadable_button (fixture.window);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "1 file could not be read");
  g_assert_cmpstr (trove_window_get_page (fixture.window), ==, "grid");

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-unreadable", NULL));
  trove_ui_spin (50);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (TROVE_IS_UNREADABLE_DIALOG (window))
        dialog = TROVE_UNREADABLE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (
      gtk_list_box_get_row_at_index (trove_unreadable_dialog_get_list_box (dialog), 0));
  g_assert_nonnull (trove_ui_find_label (GTK_WIDGET (dialog), "broken.blend"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  trove_ui_fixture_teardown (&fixture);
  trove_test_remove_tree (dir);
}

/* Empty states: an empty folder, and a folder that does not exist. */
static void
test_window_empty_states (void)
{
  TroveUiFixture fixture = { 0 };
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *missing_path = g_build_filename (dir, "gone", NULL);
  g_autoptr (GFile) empty = g_file_new_for_path (dir);
  g_autoptr (GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr (TroveLibrary) gone = trove_library_new ("Gone", missing);

  trove_ui_fixture_setup (&fixture, empty);
  trove_ui_wait_for_scan (&fixture);
  g_assert_cmpstr (trove_window_get_page (fixture.window), ==, "Empty Library");

  trove_window_show_library (fixture.window, gone);
  g_assert_true (trove_ui_wait_for (page_is_unavailable, fixture.window, 5000));
  g_assert_cmpstr (trove_window_get_page (fixture.window), ==, "Library Unavailable");
  trove_ui_fixture_teardown (&fixture);
  trove_test_remove_tree (dir);
}

/* The zoom actions change the tile size, within 64–256 px, and remember it. */
static void
test_window_zoom (void)
{
  TroveUiFixture fixture = { 0 };
  TroveAssetGrid *grid;

  trove_ui_fixture_setup (&fixture, NULL);
  trove_ui_wait_for_scan (&fixture);
  grid = trove_window_get_asset_grid (fixture.window);
  g_assert_cmpint (trove_asset_grid_get_tile_size (grid), ==, 128);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-in", NULL);
  g_assert_cmpint (trove_asset_grid_get_tile_size (grid), ==, 160);
  g_assert_cmpint (g_settings_get_int (fixture.settings, "tile-size"), ==, 160);
  for (int i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-out", NULL);
  g_assert_cmpint (trove_asset_grid_get_tile_size (grid), ==, 64);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-reset", NULL);
  g_assert_cmpint (trove_asset_grid_get_tile_size (grid), ==, 128);
  trove_ui_fixture_teardown (&fixture);
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

/* Key controls carry accessible names for screen readers; a tile reads as
 * its asset's name and type. */
static void
test_window_accessible_names (void)
{
  TroveUiFixture fixture = { 0 };

  trove_ui_fixture_setup (&fixture, NULL);
  trove_ui_wait_for_scan (&fixture);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (trove_asset_grid_get_grid_view (
                                           trove_window_get_asset_grid (fixture.window))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Assets");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (trove_catalog_pane_get_list_view (
                                           trove_window_get_catalog_pane (fixture.window))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Catalogs");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (trove_library_sidebar_get_list_box (
                                           trove_window_get_sidebar (fixture.window))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Libraries");
  gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (trove_window_get_search_entry (fixture.window)),
      GTK_ACCESSIBLE_PROPERTY_LABEL, "Search assets");
  gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (trove_window_get_type_dropdown (fixture.window)),
      GTK_ACCESSIBLE_PROPERTY_LABEL, "Asset type");
  gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (find_tile (GTK_WIDGET (fixture.window), "Barrel")),
      GTK_ACCESSIBLE_PROPERTY_LABEL, "Barrel, Object");
  trove_ui_fixture_teardown (&fixture);
}

static void
save_screenshot (TroveUiFixture *fixture, const char *name)
{
  const char *dir = g_getenv ("TROVE_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", name, NULL);

  g_assert_true (trove_ui_save_screenshot (GTK_WIDGET (fixture->window), path));
  g_test_message ("screenshot: %s", path);
}

/* Counts tiles with an asset that has a preview, and those that show it. */
static void
count_previews (GtkWidget *root, guint *n_with_preview, guint *n_shown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TROVE_IS_ASSET_TILE (child))
        {
          TroveAsset *asset = trove_asset_tile_get_asset (TROVE_ASSET_TILE (child));
          if (asset != NULL && trove_asset_has_preview (asset))
            {
              (*n_with_preview)++;
              *n_shown += trove_asset_tile_get_shows_preview (TROVE_ASSET_TILE (child));
            }
        }
      else
        count_previews (child, n_with_preview, n_shown);
    }
}

static gboolean
tiles_show_previews (gpointer window)
{
  guint n_with_preview = 0, n_shown = 0;

  count_previews (window, &n_with_preview, &n_shown);
  return n_with_preview > 0 && n_shown == n_with_preview;
}

/* The metainfo's screenshots: the demo library, one asset selected. */
static void
screenshot (AdwColorScheme scheme, const char *name)
{
  TroveUiFixture fixture = { 0 };
  GtkSelectionModel *selection;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  trove_ui_fixture_setup (&fixture, NULL);
  trove_ui_wait_for_scan (&fixture);
  trove_catalog_pane_select_path (trove_window_get_catalog_pane (fixture.window), "Materials");
  trove_ui_wait_for_settled_grid (&fixture);
  selection = trove_asset_grid_get_selection (trove_window_get_asset_grid (fixture.window));
  gtk_selection_model_select_item (selection, position_of_name (&fixture, "Copper"), TRUE);
  /* Every tile shown, the selected one too, gets its preview. */
  g_assert_true (trove_ui_wait_for (tiles_show_previews, fixture.window, 10000));
  trove_ui_spin (100);
  save_screenshot (&fixture, name);
  trove_ui_fixture_teardown (&fixture);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_window_screenshots (void)
{
  screenshot (ADW_COLOR_SCHEME_FORCE_LIGHT, "window-light.png");
  screenshot (ADW_COLOR_SCHEME_FORCE_DARK, "window-dark.png");
}

int
main (int argc, char **argv)
{
  g_autofree char *oracle_path = NULL;
  int status;

  g_setenv ("TROVE_NO_FIRST_RUN", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  oracle_path = trove_test_data_path ("library-oracle.json", NULL);
  oracle = trove_test_load_json (oracle_path);

  g_test_add_func ("/window/demo-library", test_window_demo_library);
  g_test_add_func ("/window/select-catalog", test_window_select_catalog);
  g_test_add_func ("/window/search", test_window_search);
  g_test_add_func ("/window/type-filter", test_window_type_filter);
  g_test_add_func ("/window/details", test_window_details);
  g_test_add_func ("/window/add-remove-library", test_window_add_remove_library);
  g_test_add_func ("/window/blender-import", test_window_blender_import);
  g_test_add_func ("/window/broken-file", test_window_broken_file);
  g_test_add_func ("/window/empty-states", test_window_empty_states);
  g_test_add_func ("/window/zoom", test_window_zoom);
  g_test_add_func ("/window/accessible-names", test_window_accessible_names);
  g_test_add_func ("/window/screenshots", test_window_screenshots);
  status = g_test_run ();

  json_node_unref (oracle);
  return status;
}
