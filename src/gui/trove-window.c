/* trove-window.c
 *
 * The window shows one library at a time. Showing a library starts a scan
 * (cancelling the one in flight); its assets stream into the grid as they are
 * read, the catalog counts follow at most a few times a second, and the
 * status bar reports progress and unreadable files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-window.h"
#include "trove-application.h"
#include "trove-blender-prefs.h"
#include "trove-catalog-file.h"
#include "trove-metadata-controller.h"
#include "trove-unreadable-dialog.h"

#include <glib/gi18n.h>

/* Previews kept decoded, whatever the library's size. */
#define PREVIEW_CACHE_BYTES (48 * 1024 * 1024)
/* How often catalog counts are refreshed while a scan runs. */
#define COUNT_INTERVAL_MS 300

struct _TroveWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkSearchEntry *search_entry;
  GtkDropDown *type_dropdown;
  GtkAdjustment *zoom_adjustment;
  TroveLibrarySidebar *sidebar;
  TroveCatalogPane *catalog_pane;
  GtkStack *content_stack;
  TroveAssetGrid *asset_grid;
  AdwStatusPage *status_page;
  TroveDetailsPane *details_pane;
  GtkLabel *status_label;
  GtkProgressBar *progress_bar;
  GtkWidget *stop_button;
  GtkButton *unreadable_button;
  TroveMetadataController *metadata;

  GSettings *settings;
  TroveLibraryList *libraries;
  TrovePreviewCache *cache;

  TroveLibrary *library;
  TroveScanner *scanner;
  GCancellable *scan_cancellable;
  TroveCatalogService *catalogs;
  TroveCatalogTree *tree;
  guint count_source;
  gint64 scan_started;

  /* TROVE_DEBUG_TIMING: figures for bench/gui-open.sh, on stderr. */
  gboolean timing;
  gboolean first_thumbnail_seen;
  guint stall_source;
  gint64 last_tick;
  gint64 max_stall;

  gboolean closing_anyway;
  gboolean close_when_saved;
};

G_DEFINE_FINAL_TYPE (TroveWindow, trove_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_LIBRARIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The type filter: index 0 is every type. */
static const struct
{
  const char *code;
  const char *label;
} type_filters[] = {
  { NULL, N_ ("All Types") },   { "MA", N_ ("Materials") },   { "OB", N_ ("Objects") },
  { "GR", N_ ("Collections") }, { "NT", N_ ("Node Groups") }, { "AC", N_ ("Poses") },
  { "WO", N_ ("Worlds") },      { "BR", N_ ("Brushes") },     { "ME", N_ ("Meshes") },
  { "IM", N_ ("Images") },
};

static void
show_status_page (TroveWindow *self, const char *icon, const char *title, const char *description)
{
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "status");
}

static guint
n_source_assets (TroveWindow *self)
{
  return self->scanner != NULL ? g_list_model_get_n_items (trove_scanner_get_assets (self->scanner))
                               : 0;
}

/* Grid, or one of the empty states: empty library, no results. */
static void
update_page (TroveWindow *self)
{
  guint n_visible = g_list_model_get_n_items (trove_asset_grid_get_visible (self->asset_grid));
  gboolean scanning = self->scanner != NULL && trove_scanner_get_running (self->scanner);

  if (self->library == NULL || !trove_library_get_available (self->library))
    return;
  if (n_source_assets (self) == 0 && !scanning)
    show_status_page (self, "folder-symbolic", _ ("Empty Library"),
                      _ ("No .blend file in this folder has assets. In Blender, mark data-blocks "
                         "as assets and save the file in the library folder."));
  else if (n_visible == 0 && n_source_assets (self) > 0)
    show_status_page (self, "system-search-symbolic", _ ("No Results"),
                      _ ("No asset matches the search, type and catalog chosen."));
  else
    gtk_stack_set_visible_child_name (self->content_stack, "grid");
}

static void
update_title (TroveWindow *self)
{
  guint n = n_source_assets (self);
  g_autofree char *subtitle = NULL;

  if (self->library == NULL)
    return;
  adw_window_title_set_title (self->window_title, trove_library_get_name (self->library));
  subtitle = g_strdup_printf (ngettext ("%u asset", "%u assets", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_status (TroveWindow *self)
{
  guint done = 0, total = 0, n_bad = 0;
  g_autofree char *text = NULL;
  gboolean scanning = FALSE;

  if (self->scanner != NULL)
    {
      done = trove_scanner_get_n_files_done (self->scanner);
      total = trove_scanner_get_n_files (self->scanner);
      scanning = trove_scanner_get_running (self->scanner);
      n_bad = g_list_model_get_n_items (trove_scanner_get_unreadable_files (self->scanner));
    }

  double saving_fraction = 0;
  g_autofree char *saving
      = self->metadata != NULL
            ? trove_metadata_controller_get_progress (self->metadata, &saving_fraction)
            : NULL;

  gtk_widget_set_visible (self->stop_button, saving != NULL);
  if (saving != NULL)
    {
      gtk_label_set_text (self->status_label, saving);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
      gtk_progress_bar_set_fraction (self->progress_bar, saving_fraction);
      return;
    }
  if (scanning)
    text = g_strdup_printf (ngettext ("Reading %u of %u file…", "Reading %u of %u files…", total),
                            done, total);
  else
    {
      guint n = n_source_assets (self);
      /* Each count picks its own plural form. */
      g_autofree char *assets = g_strdup_printf (ngettext ("%u asset", "%u assets", n), n);
      g_autofree char *files = g_strdup_printf (ngettext ("%u file", "%u files", total), total);

      /* Translators: the status bar: "32 assets" in "10 files" */
      text = g_strdup_printf (_ ("%s in %s"), assets, files);
    }
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), scanning);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)done / total : 0.0);

  gtk_widget_set_visible (GTK_WIDGET (self->unreadable_button), n_bad > 0);
  if (n_bad > 0)
    {
      g_autofree char *label = g_strdup_printf (
          ngettext ("%u file could not be read", "%u files could not be read", n_bad), n_bad);
      gtk_button_set_label (self->unreadable_button, label);
    }
}

static void
recount (TroveWindow *self)
{
  if (self->tree != NULL && self->scanner != NULL)
    trove_catalog_tree_count_assets (self->tree, trove_scanner_get_assets (self->scanner));
}

static gboolean
recount_cb (gpointer data)
{
  TroveWindow *self = data;

  self->count_source = 0;
  recount (self);
  update_title (self);
  return G_SOURCE_REMOVE;
}

static void
assets_changed_cb (TroveWindow *self)
{
  if (self->count_source == 0)
    self->count_source = g_timeout_add (COUNT_INTERVAL_MS, recount_cb, self);
  update_page (self);
}

/* --- timing, for the benchmark --- */

#define STALL_PROBE_MS 5

static void
timing_line (TroveWindow *self, const char *what)
{
  g_printerr ("TROVE-TIMING %s %.3f s\n", what,
              (g_get_monotonic_time () - self->scan_started) / 1e6);
}

/* A timeout that should fire every few milliseconds: the longest gap between
 * two firings is the longest time the main loop could not run. */
static gboolean
stall_probe_cb (gpointer data)
{
  TroveWindow *self = data;
  gint64 now = g_get_monotonic_time ();

  /* The first frame (fonts, CSS, icons: start-up) is not a stall of the scan. */
  if (self->last_tick != 0 && gtk_widget_get_mapped (GTK_WIDGET (self->asset_grid)))
    {
      gint64 stall = now - self->last_tick - STALL_PROBE_MS * 1000;

      self->max_stall = MAX (self->max_stall, stall);
      /* Every stall over a frame and a half; the monotonic clock in µs lets
       * a `perf record -k CLOCK_MONOTONIC` profile be cut to it. */
      if (stall > 25000)
        g_printerr ("TROVE-TIMING stall %.3f s at %.3f s (monotonic %" G_GINT64_FORMAT ")\n",
                    stall / 1e6, (self->last_tick - self->scan_started) / 1e6, self->last_tick);
    }
  self->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
first_preview_cb (TroveWindow *self, TroveAsset *asset, GdkTexture *texture)
{
  if (texture == NULL || self->first_thumbnail_seen)
    return;
  self->first_thumbnail_seen = TRUE;
  /* The texture is drawn in the next frame. */
  timing_line (self, "first-thumbnail");
}

static gboolean
quit_when_idle_cb (gpointer data)
{
  TroveWindow *self = data;

  if (trove_preview_cache_get_n_pending (self->cache) > 0)
    return G_SOURCE_CONTINUE;
  g_printerr ("TROVE-TIMING max-stall %.3f s\n", self->max_stall / 1e6);
  gtk_window_destroy (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
timing_scan_done (TroveWindow *self)
{
  g_printerr ("TROVE-TIMING scan-done %.3f s, %u assets\n",
              (g_get_monotonic_time () - self->scan_started) / 1e6, n_source_assets (self));
  if (g_getenv ("TROVE_QUIT_AFTER_LOAD") != NULL)
    g_timeout_add_full (G_PRIORITY_LOW, 200, quit_when_idle_cb, g_object_ref (self),
                        g_object_unref);
}

static void
scan_progress_cb (TroveWindow *self)
{
  update_status (self);
}

static void
scan_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (TroveWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!trove_scanner_scan_finish (TROVE_SCANNER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (TROVE_SCANNER (source) == self->scanner)
        show_status_page (self, "dialog-warning-symbolic", _ ("Library Unavailable"),
                          error->message);
    }
  if (TROVE_SCANNER (source) != self->scanner)
    return;

  g_clear_handle_id (&self->count_source, g_source_remove);
  recount (self);
  update_title (self);
  update_status (self);
  update_page (self);
  if (self->timing)
    timing_scan_done (self);
}

static void
stop_scan (TroveWindow *self)
{
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->scanner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scanner, self);
      g_signal_handlers_disconnect_by_data (trove_scanner_get_assets (self->scanner), self);
      g_signal_handlers_disconnect_by_data (trove_scanner_get_unreadable_files (self->scanner),
                                            self);
    }
  g_clear_object (&self->scanner);
  if (self->metadata != NULL)
    trove_metadata_controller_set_library (self->metadata, NULL, NULL);
}

/* The library's catalogs, to show and edit; an unreadable file is shown
 * read-only, the catalog pane saying why. */
static TroveCatalogService *
load_catalogs (TroveScanner *scanner)
{
  return trove_catalog_service_new_for_library (trove_scanner_get_root (scanner));
}

static void
start_scan (TroveWindow *self)
{
  stop_scan (self);
  trove_preview_cache_clear (self->cache);

  self->scanner = trove_scanner_new (trove_library_get_folder (self->library));
  trove_scanner_set_background (self->scanner, TRUE);
  self->scan_cancellable = g_cancellable_new ();
  g_clear_object (&self->tree);
  g_clear_object (&self->catalogs);
  self->catalogs = load_catalogs (self->scanner);
  self->tree = trove_catalog_tree_new (trove_catalog_service_get_file (self->catalogs));

  g_signal_connect_swapped (self->scanner, "notify::n-files-done", G_CALLBACK (scan_progress_cb),
                            self);
  g_signal_connect_swapped (self->scanner, "notify::n-files", G_CALLBACK (scan_progress_cb), self);
  g_signal_connect_swapped (trove_scanner_get_assets (self->scanner), "items-changed",
                            G_CALLBACK (assets_changed_cb), self);
  g_signal_connect_swapped (trove_scanner_get_unreadable_files (self->scanner), "items-changed",
                            G_CALLBACK (update_status), self);

  trove_asset_grid_set_source (self->asset_grid, trove_scanner_get_assets (self->scanner),
                               self->tree);
  trove_catalog_pane_set_catalogs (self->catalog_pane, self->catalogs, self->tree);
  trove_metadata_controller_set_library (self->metadata, self->scanner, self->tree);
  trove_metadata_controller_selection_changed (self->metadata);

  self->scan_started = g_get_monotonic_time ();
  self->first_thumbnail_seen = FALSE;
  self->max_stall = 0;
  self->last_tick = 0;
  trove_scanner_scan_async (self->scanner, self->scan_cancellable, scan_done_cb,
                            g_object_ref (self));
  update_status (self);
  update_title (self);
  gtk_stack_set_visible_child_name (self->content_stack, "grid");
}

/* A folder on a hung network mount must not freeze the window: its
 * availability is checked off the main thread before the scan starts. */
static void
availability_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (TroveWindow) self = user_data;
  TroveLibrary *library = TROVE_LIBRARY (source);
  g_autoptr (GError) error = NULL;
  gboolean available = trove_library_check_available_finish (library, result, &error);

  /* Cancelled: another library was chosen, or the window closed. */
  if (error != NULL || library != self->library)
    return;
  if (available)
    start_scan (self);
  else
    show_status_page (self, "dialog-warning-symbolic", _ ("Library Unavailable"),
                      trove_library_get_unavailable_reason (library));
}

/**
 * trove_window_show_library:
 *
 * Shows @library, which need not be registered (the demo library, or a folder
 * opened from the command line, appear above the registered ones).
 */
void
trove_window_show_library (TroveWindow *self, TroveLibrary *library)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TROVE_IS_WINDOW (self));
  g_return_if_fail (TROVE_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  trove_library_sidebar_set_transient (
      self->sidebar,
      trove_library_list_find (self->libraries, trove_library_get_folder (library)) == NULL
          ? library
          : NULL);
  trove_library_sidebar_select (self->sidebar, library);
  path = g_file_get_path (trove_library_get_folder (library));
  g_settings_set_string (self->settings, "selected-library", path != NULL ? path : "");

  /* Until the check says where to go, nothing of the previous library stays. */
  stop_scan (self);
  trove_asset_grid_set_source (self->asset_grid, NULL, NULL);
  trove_catalog_pane_set_catalogs (self->catalog_pane, NULL, NULL);
  update_title (self);
  update_status (self);
  self->scan_cancellable = g_cancellable_new ();
  trove_library_check_available_async (library, self->scan_cancellable, availability_cb,
                                       g_object_ref (self));
}

/* Shows the library at @location: a folder, or the folder of a .blend file. */
void
trove_window_show_location (TroveWindow *self, GFile *location)
{
  g_autoptr (GFile) folder = NULL;
  g_autoptr (TroveLibrary) library = NULL;
  g_autofree char *name = NULL;
  TroveLibrary *known;

  g_return_if_fail (TROVE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (location));

  if (g_file_query_file_type (location, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    folder = g_file_get_parent (location);
  else
    folder = g_object_ref (location);

  known = trove_library_list_find (self->libraries, folder);
  if (known != NULL)
    {
      trove_window_show_library (self, known);
      return;
    }
  name = trove_library_default_name (folder);
  library = trove_library_new (name, folder);
  trove_window_show_library (self, library);
}

static void
show_demo_library (TroveWindow *self)
{
  g_autoptr (GFile) folder = trove_demo_library_folder ();
  g_autoptr (TroveLibrary) demo = trove_library_new (_ ("Demo Library"), folder);

  trove_window_show_library (self, demo);
}

/**
 * trove_window_show_initial_library:
 *
 * What to show when no library was asked for: the library shown last, else
 * the first registered one, else the demo library.
 */
void
trove_window_show_initial_library (TroveWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "selected-library");
  GListModel *list = G_LIST_MODEL (self->libraries);
  TroveLibrary *library = NULL;

  if (*last != '\0')
    {
      g_autoptr (GFile) folder = g_file_new_for_path (last);
      library = trove_library_list_find (self->libraries, folder);
    }
  if (library != NULL)
    trove_window_show_library (self, library);
  else if (g_list_model_get_n_items (list) > 0)
    {
      g_autoptr (TroveLibrary) first = g_list_model_get_item (list, 0);
      trove_window_show_library (self, first);
    }
  else
    show_demo_library (self);
}

/* --- reacting to the user --- */

static void
library_selected_cb (TroveWindow *self, TroveLibrary *library)
{
  if (library != self->library)
    trove_window_show_library (self, library);
}

static void
libraries_changed_cb (TroveWindow *self, guint position, guint removed, guint added)
{
  /* The shown library was removed from the list: show something else. */
  if (self->library != NULL && removed > 0
      && trove_library_list_find (self->libraries, trove_library_get_folder (self->library)) == NULL
      && g_list_model_get_n_items (G_LIST_MODEL (self->libraries)) + removed - added > 0)
    {
      g_autoptr (GFile) demo = trove_demo_library_folder ();
      if (!g_file_equal (demo, trove_library_get_folder (self->library)))
        trove_window_show_initial_library (self);
    }
}

static void
search_changed_cb (TroveWindow *self)
{
  g_autoptr (TroveAssetQuery) query
      = trove_asset_query_parse (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  trove_asset_grid_set_query (self->asset_grid, query);
}

static void
type_changed_cb (TroveWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->type_dropdown);

  trove_asset_grid_set_type_filter (self->asset_grid, selected < G_N_ELEMENTS (type_filters)
                                                          ? type_filters[selected].code
                                                          : NULL);
}

static void
catalog_changed_cb (TroveWindow *self)
{
  trove_asset_grid_set_catalog_node (self->asset_grid,
                                     trove_catalog_pane_get_selected_node (self->catalog_pane));
}

static void
selection_changed_cb (TroveWindow *self)
{
  trove_metadata_controller_selection_changed (self->metadata);
}

/* Enter or a double click on a tile shows the details pane. */
static void
grid_activated_cb (TroveWindow *self)
{
  g_settings_set_boolean (self->settings, "details-visible", TRUE);
}

static void
visible_changed_cb (TroveWindow *self)
{
  update_page (self);
}

static void
zoom_changed_cb (TroveWindow *self)
{
  trove_asset_grid_set_tile_size (self->asset_grid,
                                  (int)gtk_adjustment_get_value (self->zoom_adjustment));
}

/* --- actions --- */

/* Ctrl+Z anywhere in the window (but in a text field, which keeps its own)
 * undoes the last edit, of catalogs or of asset metadata: each history's
 * steps carry a stamp from one counter (trove-undo.h). */
static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveWindow *self = TROVE_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  TroveCatalogService *catalogs = trove_catalog_pane_get_service (self->catalog_pane);
  guint64 catalog_stamp = 0, metadata_stamp;

  if (catalogs != NULL)
    catalog_stamp = undo ? trove_catalog_service_get_undo_stamp (catalogs)
                         : trove_catalog_service_get_redo_stamp (catalogs);
  metadata_stamp = undo ? trove_metadata_controller_get_undo_stamp (self->metadata)
                        : trove_metadata_controller_get_redo_stamp (self->metadata);
  /* Undo takes the newest step; redo the oldest undone one, which is the
   * newest of the redo stacks' tops too, as steps are undone newest first. */
  if (metadata_stamp > catalog_stamp)
    {
      if (undo)
        trove_metadata_controller_undo (self->metadata);
      else
        trove_metadata_controller_redo (self->metadata);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self->catalog_pane),
                              undo ? "catalog.undo" : "catalog.redo", NULL);
}

static void
stop_saving_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  trove_metadata_controller_cancel (TROVE_WINDOW (widget)->metadata);
}

static void
apply_metadata_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (TROVE_WINDOW (widget)->details_pane), "details.apply",
                              NULL);
}

static void
reload_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveWindow *self = TROVE_WINDOW (widget);

  if (self->library != NULL)
    trove_window_show_library (self, self->library);
}

static void
focus_search_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveWindow *self = TROVE_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
focus_libraries_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveWindow *self = TROVE_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (trove_library_sidebar_get_list_box (self->sidebar)));
}

static void
zoom_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveWindow *self = TROVE_WINDOW (widget);
  double value = gtk_adjustment_get_value (self->zoom_adjustment);

  if (g_str_equal (action_name, "win.zoom-in"))
    value += 32;
  else if (g_str_equal (action_name, "win.zoom-out"))
    value -= 32;
  else
    value = 128;
  gtk_adjustment_set_value (self->zoom_adjustment, CLAMP (value, 64, 256));
}

static void
add_library_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveWindow *self = TROVE_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->sidebar), "sidebar.add", NULL);
}

static void
show_unreadable_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveWindow *self = TROVE_WINDOW (widget);

  if (self->scanner == NULL)
    return;
  gtk_window_present (GTK_WINDOW (trove_unreadable_dialog_new (
      GTK_WINDOW (self), trove_scanner_get_unreadable_files (self->scanner))));
}

static void
toast_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveWindow *self = TROVE_WINDOW (widget);

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
sort_order_changed_cb (TroveWindow *self)
{
  trove_asset_grid_set_sort_order (
      self->asset_grid, (TroveSortOrder)g_settings_get_enum (self->settings, "sort-order"));
}

/* --- first run --- */

static gboolean
offer_blender_import_cb (gpointer data)
{
  TroveWindow *self = data;
  g_autofree char *prefs = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;

  g_settings_set_boolean (self->settings, "blender-import-offered", TRUE);
  prefs = trove_blender_prefs_find_newest (NULL);
  if (prefs == NULL)
    return G_SOURCE_REMOVE;
  found = trove_blender_prefs_read_libraries (prefs, &error);
  if (found == NULL)
    {
      g_debug ("Cannot read Blender's preferences: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < found->len; i++)
    if (trove_library_list_find (self->libraries, trove_library_get_folder (found->pdata[i]))
        == NULL)
      g_ptr_array_add (fresh, g_object_ref (found->pdata[i]));
  trove_library_sidebar_offer_blender_import (self->sidebar, fresh);
  return G_SOURCE_REMOVE;
}

/* --- closing --- */

static void
close_after_saving (TroveWindow *self)
{
  /* Each file is written whole or not at all; the last ones are waited for. */
  self->close_when_saved = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

static void
metadata_progress_cb (TroveWindow *self)
{
  update_status (self);
  if (self->close_when_saved && !trove_metadata_controller_get_busy (self->metadata))
    {
      self->close_when_saved = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
unapplied_on_close_cb (AdwMessageDialog *dialog, const char *response, TroveWindow *self)
{
  g_autoptr (GPtrArray) assets = NULL;
  g_autoptr (GPtrArray) edits = NULL;

  if (g_str_equal (response, "cancel"))
    return;
  if (trove_details_pane_take_edits (self->details_pane, &assets, &edits)
      && g_str_equal (response, "apply"))
    trove_metadata_controller_apply (self->metadata, assets, edits);
  gtk_window_close (GTK_WINDOW (self));
}

/* Changes in the form not applied yet: ask whether to write them. */
static void
ask_unapplied_on_close (TroveWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (
      GTK_WINDOW (self), _ ("Apply Changes Before Closing?"),
      _ ("The asset details have changes that are not written into the files yet."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "discard",
                                    _ ("_Discard"), "apply", _ ("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unapplied_on_close_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_anyway_cb (AdwMessageDialog *dialog, const char *response, TroveWindow *self)
{
  if (g_str_equal (response, "close"))
    {
      self->closing_anyway = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Catalog edits are saved shortly after they are made; the last ones are
 * saved now. If that fails, closing would lose them: ask. Metadata changes
 * not applied are asked about; writes under way are waited for. */
static gboolean
trove_window_close_request (GtkWindow *window)
{
  TroveWindow *self = TROVE_WINDOW (window);
  GtkWidget *dialog;

  if (trove_details_pane_is_dirty (self->details_pane))
    {
      ask_unapplied_on_close (self);
      return TRUE;
    }
  if (trove_metadata_controller_get_busy (self->metadata))
    {
      close_after_saving (self);
      return TRUE;
    }
  if (self->closing_anyway || trove_catalog_pane_save_now (self->catalog_pane))
    return GTK_WINDOW_CLASS (trove_window_parent_class)->close_request (window);
  dialog = adw_message_dialog_new (window, _ ("Catalog Edits Not Saved"),
                                   _ ("The catalog file could not be written (the message at the "
                                      "bottom of the window says why). If you close now, the "
                                      "latest catalog edits are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "close",
                                    _ ("_Close Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_anyway_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* --- GObject --- */

static void
bind_settings (TroveWindow *self)
{
  g_autoptr (GAction) sort = g_settings_create_action (self->settings, "sort-order");
  g_autoptr (GAction) details = g_settings_create_action (self->settings, "details-visible");
  g_autoptr (GAction) backups = g_settings_create_action (self->settings, "keep-backups");

  g_action_map_add_action (G_ACTION_MAP (self), sort);
  g_action_map_add_action (G_ACTION_MAP (self), details);
  g_action_map_add_action (G_ACTION_MAP (self), backups);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "tile-size", self->zoom_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "details-visible", self->details_pane, "visible",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::sort-order",
                           G_CALLBACK (sort_order_changed_cb), self, G_CONNECT_SWAPPED);
  sort_order_changed_cb (self);
  zoom_changed_cb (self);
}

static void
setup_type_dropdown (TroveWindow *self)
{
  g_autoptr (GtkStringList) types = gtk_string_list_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (type_filters); i++)
    gtk_string_list_append (types, _ (type_filters[i].label));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));
}

static void
trove_window_constructed (GObject *object)
{
  TroveWindow *self = TROVE_WINDOW (object);

  G_OBJECT_CLASS (trove_window_parent_class)->constructed (object);

  g_assert (self->settings != NULL && self->libraries != NULL);

  trove_library_sidebar_set_libraries (self->sidebar, self->libraries);
  g_signal_connect_object (self->libraries, "items-changed", G_CALLBACK (libraries_changed_cb),
                           self, G_CONNECT_SWAPPED);
  bind_settings (self);
  self->metadata = trove_metadata_controller_new (
      GTK_WINDOW (self), self->asset_grid, self->details_pane, self->catalog_pane, self->settings);
  g_signal_connect_object (self->metadata, "progress-changed", G_CALLBACK (metadata_progress_cb),
                           self, G_CONNECT_SWAPPED);

  if (!g_settings_get_boolean (self->settings, "blender-import-offered")
      && g_getenv ("TROVE_NO_FIRST_RUN") == NULL)
    g_idle_add_full (G_PRIORITY_LOW, offer_blender_import_cb, g_object_ref (self), g_object_unref);
}

static void
trove_window_dispose (GObject *object)
{
  TroveWindow *self = TROVE_WINDOW (object);

  stop_scan (self);
  g_clear_handle_id (&self->stall_source, g_source_remove);
  g_clear_object (&self->metadata);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_WINDOW);
  g_clear_object (&self->tree);
  g_clear_object (&self->catalogs);
  g_clear_object (&self->library);
  g_clear_object (&self->cache);
  g_clear_object (&self->libraries);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trove_window_parent_class)->dispose (object);
}

static void
trove_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TroveWindow *self = TROVE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_LIBRARIES:
      self->libraries = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_window_class_init (TroveWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = trove_window_constructed;
  object_class->dispose = trove_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = trove_window_close_request;
  object_class->set_property = trove_window_set_property;

  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIBRARIES]
      = g_param_spec_object ("libraries", NULL, NULL, TROVE_TYPE_LIBRARY_LIST,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TROVE_TYPE_ASSET_GRID);
  g_type_ensure (TROVE_TYPE_CATALOG_PANE);
  g_type_ensure (TROVE_TYPE_DETAILS_PANE);
  g_type_ensure (TROVE_TYPE_LIBRARY_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, zoom_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, catalog_pane);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, asset_grid);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, unreadable_button);
  gtk_widget_class_bind_template_child (widget_class, TroveWindow, stop_button);

  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-libraries", NULL,
                                   focus_libraries_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.add-library", NULL, add_library_activated);
  gtk_widget_class_install_action (widget_class, "win.show-unreadable", NULL,
                                   show_unreadable_activated);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.stop-saving", NULL, stop_saving_activated);
  gtk_widget_class_install_action (widget_class, "win.apply-metadata", NULL,
                                   apply_metadata_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.apply-metadata", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-libraries", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.add-library",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.details-visible", NULL);
}

static void
trove_window_init (TroveWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cache = trove_preview_cache_new (PREVIEW_CACHE_BYTES);
  self->timing = g_getenv ("TROVE_DEBUG_TIMING") != NULL;
  if (self->timing)
    {
      g_signal_connect_swapped (self->cache, "loaded", G_CALLBACK (first_preview_cb), self);
      self->stall_source = g_timeout_add (STALL_PROBE_MS, stall_probe_cb, self);
    }
  trove_asset_grid_set_preview_cache (self->asset_grid, self->cache);
  trove_details_pane_set_preview_cache (self->details_pane, self->cache);
  setup_type_dropdown (self);

  g_signal_connect_swapped (self->sidebar, "library-selected", G_CALLBACK (library_selected_cb),
                            self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  g_signal_connect_swapped (self->type_dropdown, "notify::selected", G_CALLBACK (type_changed_cb),
                            self);
  g_signal_connect_swapped (self->catalog_pane, "notify::selected-node",
                            G_CALLBACK (catalog_changed_cb), self);
  g_signal_connect_swapped (trove_asset_grid_get_selection (self->asset_grid), "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (trove_asset_grid_get_visible (self->asset_grid), "items-changed",
                            G_CALLBACK (visible_changed_cb), self);
  g_signal_connect_swapped (trove_asset_grid_get_grid_view (self->asset_grid), "activate",
                            G_CALLBACK (grid_activated_cb), self);
  g_signal_connect_swapped (self->zoom_adjustment, "value-changed", G_CALLBACK (zoom_changed_cb),
                            self);
}

/**
 * trove_window_new:
 * @application: (nullable): the app (tests build the window without one)
 */
TroveWindow *
trove_window_new (GtkApplication *application, GSettings *settings, TroveLibraryList *libraries)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (TROVE_IS_LIBRARY_LIST (libraries), NULL);

  return g_object_new (TROVE_TYPE_WINDOW, "application", application, "settings", settings,
                       "libraries", libraries, NULL);
}

TroveLibrary *
trove_window_get_library (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return self->library;
}

TroveScanner *
trove_window_get_scanner (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return self->scanner;
}

TroveAssetGrid *
trove_window_get_asset_grid (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return self->asset_grid;
}

TroveCatalogPane *
trove_window_get_catalog_pane (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return self->catalog_pane;
}

TroveMetadataController *
trove_window_get_metadata_controller (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return self->metadata;
}

TroveDetailsPane *
trove_window_get_details_pane (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return self->details_pane;
}

TroveLibrarySidebar *
trove_window_get_sidebar (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return self->sidebar;
}

GtkEditable *
trove_window_get_search_entry (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkDropDown *
trove_window_get_type_dropdown (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return self->type_dropdown;
}

/* "grid", or the title of the status page shown instead */
const char *
trove_window_get_page (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "grid"))
    return "grid";
  return adw_status_page_get_title (self->status_page);
}

const char *
trove_window_get_status (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkWidget *
trove_window_get_unreadable_button (TroveWindow *self)
{
  g_return_val_if_fail (TROVE_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->unreadable_button);
}
