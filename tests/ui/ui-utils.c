/* ui-utils.c
 *
 * GTK 4.8 has no public input synthesis: tests drive the real window through
 * its actions, models and widgets, and let the main loop run in between.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-utils.h"
#include "trove-application.h"
#include "trove-asset.h"

void
trove_ui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
trove_ui_wait_for (gboolean (*condition) (gpointer data), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* @location: (nullable): the library to open, else the initial choice */
void
trove_ui_fixture_setup (TroveUiFixture *fixture, GFile *location)
{
  fixture->settings = trove_settings_new ();
  fixture->libraries = trove_library_list_new (fixture->settings);
  fixture->window = trove_window_new (NULL, fixture->settings, fixture->libraries);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  if (location != NULL)
    trove_window_show_location (fixture->window, location);
  else
    trove_window_show_initial_library (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  trove_ui_spin (50);
}

void
trove_ui_fixture_teardown (TroveUiFixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->libraries);
  g_clear_object (&fixture->settings);
  trove_ui_spin (20);
}

static gboolean
scan_finished (gpointer data)
{
  TroveUiFixture *fixture = data;
  TroveScanner *scanner = trove_window_get_scanner (fixture->window);

  return scanner != NULL && !trove_scanner_get_running (scanner);
}

void
trove_ui_wait_for_scan (TroveUiFixture *fixture)
{
  g_assert_true (trove_ui_wait_for (scan_finished, fixture, 30000));
  trove_ui_wait_for_settled_grid (fixture);
}

static gboolean
grid_settled (gpointer data)
{
  TroveUiFixture *fixture = data;
  GListModel *visible
      = trove_asset_grid_get_visible (trove_window_get_asset_grid (fixture->window));

  /* Incremental filtering is done (sorting is never deferred). */
  return gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (visible)) == 0;
}

void
trove_ui_wait_for_settled_grid (TroveUiFixture *fixture)
{
  g_assert_true (trove_ui_wait_for (grid_settled, fixture, 10000));
  trove_ui_spin (30);
}

/* Returns: (transfer full): the names the grid shows, in order */
GPtrArray *
trove_ui_visible_names (TroveUiFixture *fixture)
{
  GListModel *visible
      = trove_asset_grid_get_visible (trove_window_get_asset_grid (fixture->window));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (visible, i);
      g_ptr_array_add (names, g_strdup (trove_asset_get_name (asset)));
    }
  return names;
}

GtkWidget *
trove_ui_find_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0
          && gtk_widget_get_mapped (child))
        return child;
      if ((found = trove_ui_find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

/* Renders @widget (as on screen) to a PNG, with GTK's own renderer. */
gboolean
trove_ui_save_screenshot (GtkWidget *widget, const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
