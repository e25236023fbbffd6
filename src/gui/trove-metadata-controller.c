/* trove-metadata-controller.c: the window's metadata editing
 *
 * Ties the editing form (TroveDetailsPane), the grid's selection, drops of
 * assets on catalogs and the undo keys to the library's
 * TroveMetadataService, which writes in the background:
 *
 *  - Apply in the form, or assets dropped on a catalog, become one write
 *    and one undo step;
 *  - a rewritten file's assets are new objects, so the selected ones are
 *    selected again as they arrive;
 *  - leaving a selection with changes not applied asks first;
 *  - the end of a write is reported: a toast with Undo, or the files that
 *    could not be saved and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-metadata-controller.h"
#include "trove-unreadable-dialog.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _TroveMetadataController
{
  GObject parent_instance;

  GtkWindow *window; /* weak: it owns us */
  TroveAssetGrid *grid;
  TroveDetailsPane *details;
  TroveCatalogPane *catalogs;
  GSettings *settings;

  TroveMetadataService *service;
  TroveCatalogTree *tree;
  GHashTable *reselect; /* keys of assets to select again when their file is rewritten */
  guint selection_source;
};

/* While a bulk edit rewrites file after file, the selection changes with
 * every file; the form follows at most this often. */
#define BUSY_SELECTION_DELAY_MS 500

G_DEFINE_FINAL_TYPE (TroveMetadataController, trove_metadata_controller, G_TYPE_OBJECT)

enum
{
  PROGRESS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_selection (TroveMetadataController *self);

static char *
asset_key (TroveAsset *asset)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s", trove_asset_get_file (asset),
                          trove_asset_get_id_type (asset), trove_asset_get_name (asset));
}

static void
show_toast (TroveMetadataController *self, AdwToast *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self->grid), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* The selected assets are remembered by file, type and name: a rewrite
 * replaces their objects. */
static void
remember_selection (TroveMetadataController *self)
{
  g_autoptr (GPtrArray) selected = trove_asset_grid_get_selected_assets (self->grid);

  for (guint i = 0; i < selected->len; i++)
    g_hash_table_add (self->reselect, asset_key (selected->pdata[i]));
}

static void
file_replaced_cb (TroveMetadataController *self, const char *relative_path, GPtrArray *assets)
{
  g_autoptr (GPtrArray) again = g_ptr_array_new ();

  for (guint i = 0; i < assets->len; i++)
    {
      g_autofree char *key = asset_key (assets->pdata[i]);
      if (g_hash_table_contains (self->reselect, key))
        g_ptr_array_add (again, assets->pdata[i]);
    }
  trove_asset_grid_select_assets (self->grid, again);
}

static void
show_failures_cb (AdwToast *toast, GListModel *failures)
{
  GtkWidget *window = g_object_get_data (G_OBJECT (toast), "window");
  TroveUnreadableDialog *dialog = trove_unreadable_dialog_new (GTK_WINDOW (window), failures);

  trove_unreadable_dialog_set_texts (
      dialog, _ ("Files Not Saved"),
      _ ("Trove could not write its changes into these files. They are unchanged."));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_clicked_cb (AdwToast *toast, TroveMetadataController *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.undo", NULL);
}

/* Also for the service of a library left while it was writing: its
 * failures are still reported. */
static void
finished_cb (TroveMetadataService *service,
             guint n_written,
             GListModel *failures,
             gboolean cancelled,
             TroveMetadataController *self)
{
  guint n_failed = g_list_model_get_n_items (failures);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (service == self->service)
    {
      if (!trove_metadata_service_get_busy (service))
        g_hash_table_remove_all (self->reselect);
      /* The form shows the selection as the write left it, now. */
      if (self->selection_source != 0)
        {
          g_clear_handle_id (&self->selection_source, g_source_remove);
          show_selection (self);
        }
      g_signal_emit (self, signals[PROGRESS_CHANGED], 0);
    }
  else if (!trove_metadata_service_get_busy (service))
    g_signal_handlers_disconnect_by_func (service, finished_cb, self);

  if (n_failed > 0)
    {
      text = g_strdup_printf (
          ngettext ("%u file could not be saved", "%u files could not be saved", n_failed),
          n_failed);
      toast = adw_toast_new (text);
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _ ("_Details"));
      g_object_set_data (G_OBJECT (toast), "window", self->window);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (show_failures_cb),
                             g_object_ref (failures),
                             (GClosureNotify)(void (*) (void))g_object_unref, 0);
    }
  else if (cancelled)
    {
      text = g_strdup_printf (
          ngettext ("Stopped after saving %u file", "Stopped after saving %u files", n_written),
          n_written);
      toast = adw_toast_new (text);
    }
  else if (n_written > 0)
    {
      text = g_strdup_printf (ngettext ("Saved %u file", "Saved %u files", n_written), n_written);
      toast = adw_toast_new (text);
      adw_toast_set_button_label (toast, _ ("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
    }
  else
    return;
  show_toast (self, toast);
}

static void
progress_cb (TroveMetadataController *self)
{
  g_signal_emit (self, signals[PROGRESS_CHANGED], 0);
}

static TroveBlendWriteFlags
write_flags (TroveMetadataController *self)
{
  return g_settings_get_boolean (self->settings, "keep-backups") ? TROVE_BLEND_WRITE_DEFAULT
                                                                 : TROVE_BLEND_WRITE_NO_BACKUP;
}

/**
 * trove_metadata_controller_apply:
 * @assets: (element-type TroveAsset): the assets
 * @edits: (element-type TroveAssetEdit): one per asset
 *
 * Writes the edits in the background, as one undo step.
 */
void
trove_metadata_controller_apply (TroveMetadataController *self, GPtrArray *assets, GPtrArray *edits)
{
  g_return_if_fail (TROVE_IS_METADATA_CONTROLLER (self));

  if (self->service == NULL || assets->len == 0)
    return;
  remember_selection (self);
  trove_metadata_service_set_write_flags (self->service, write_flags (self));
  trove_metadata_service_apply (self->service, assets, edits);
}

static void
apply_edits_cb (TroveMetadataController *self, GPtrArray *assets, GPtrArray *edits)
{
  trove_metadata_controller_apply (self, assets, edits);
}

/* Dropping assets on a catalog assigns it (Unassigned clears it), as
 * Blender's asset browser does: the catalog's UUID and its simple name. */
static void
assets_dropped_cb (TroveMetadataController *self, TroveCatalogNode *node, GPtrArray *assets)
{
  g_autoptr (GPtrArray) edits
      = g_ptr_array_new_with_free_func ((GDestroyNotify)trove_asset_edit_unref);
  g_autoptr (GPtrArray) writable = g_ptr_array_new_with_free_func (g_object_unref);
  const char *const *uuids = trove_catalog_node_get_uuids (node);
  gboolean assign = trove_catalog_node_get_kind (node) == TROVE_CATALOG_NODE_CATALOG
                    && uuids != NULL && uuids[0] != NULL;

  for (guint i = 0; i < assets->len; i++)
    {
      TroveAsset *asset = assets->pdata[i];
      TroveAssetEdit *edit;

      if (trove_asset_get_read_only_reason (asset) != NULL)
        continue;
      edit = trove_asset_edit_new (trove_asset_get_id_type (asset), trove_asset_get_name (asset));
      trove_asset_edit_set_catalog (edit, assign ? uuids[0] : NULL,
                                    assign ? trove_catalog_node_get_simple_name (node) : NULL);
      g_ptr_array_add (writable, g_object_ref (asset));
      g_ptr_array_add (edits, edit);
    }
  trove_metadata_controller_apply (self, writable, edits);
}

/* --- leaving a selection with changes not applied --- */

typedef struct
{
  TroveMetadataController *self;
  GPtrArray *assets;
  GPtrArray *edits;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_object_unref (p->self);
  g_ptr_array_unref (p->assets);
  g_ptr_array_unref (p->edits);
  g_free (p);
}

static void
unapplied_response_cb (AdwMessageDialog *dialog, const char *response, Pending *p)
{
  if (g_str_equal (response, "apply"))
    trove_metadata_controller_apply (p->self, p->assets, p->edits);
}

static void
ask_about_unapplied (TroveMetadataController *self, GPtrArray *assets, GPtrArray *edits)
{
  Pending *p = g_new0 (Pending, 1);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (assets->len == 1)
    body = g_strdup_printf (_ ("You changed “%s” but did not apply the changes."),
                            trove_asset_get_name (assets->pdata[0]));
  else
    body = g_strdup_printf (ngettext ("You changed %u asset but did not apply the changes.",
                                      "You changed %u assets but did not apply the changes.",
                                      assets->len),
                            assets->len);
  dialog = adw_message_dialog_new (self->window, _ ("Apply Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "discard", _ ("_Discard"), "apply",
                                    _ ("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  p->self = g_object_ref (self);
  p->assets = g_ptr_array_ref (assets);
  p->edits = g_ptr_array_ref (edits);
  g_signal_connect_data (dialog, "response", G_CALLBACK (unapplied_response_cb), p,
                         (GClosureNotify)(void (*) (void))pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_selection (TroveMetadataController *self)
{
  g_autoptr (GPtrArray) selected = NULL;
  g_autoptr (GPtrArray) assets = NULL;
  g_autoptr (GPtrArray) edits = NULL;

  if (trove_details_pane_take_edits (self->details, &assets, &edits) && assets->len > 0)
    ask_about_unapplied (self, assets, edits);
  selected = trove_asset_grid_get_selected_assets (self->grid);
  trove_details_pane_set_assets (self->details, selected, self->tree);
}

static gboolean
show_selection_cb (gpointer data)
{
  TroveMetadataController *self = data;

  self->selection_source = 0;
  show_selection (self);
  return G_SOURCE_REMOVE;
}

/**
 * trove_metadata_controller_selection_changed:
 *
 * Shows the grid's selection in the form. Changes the form had not applied
 * are kept aside and the user asked whether to apply them.
 */
void
trove_metadata_controller_selection_changed (TroveMetadataController *self)
{
  g_return_if_fail (TROVE_IS_METADATA_CONTROLLER (self));

  if (self->service != NULL && trove_metadata_service_get_busy (self->service)
      && !trove_details_pane_is_dirty (self->details))
    {
      if (self->selection_source == 0)
        self->selection_source = g_timeout_add (BUSY_SELECTION_DELAY_MS, show_selection_cb, self);
      return;
    }
  g_clear_handle_id (&self->selection_source, g_source_remove);
  show_selection (self);
}

/**
 * trove_metadata_controller_set_library:
 * @scanner: (nullable): the library's scanner, or %NULL for none
 *
 * Edits of the previous library go on being written in the background.
 */
void
trove_metadata_controller_set_library (TroveMetadataController *self,
                                       TroveScanner *scanner,
                                       TroveCatalogTree *tree)
{
  g_return_if_fail (TROVE_IS_METADATA_CONTROLLER (self));

  if (self->service != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->service, file_replaced_cb, self);
      g_signal_handlers_disconnect_by_func (self->service, progress_cb, self);
      /* A write under way goes on (its job holds the service) and is reported. */
      if (!trove_metadata_service_get_busy (self->service))
        g_signal_handlers_disconnect_by_func (self->service, finished_cb, self);
    }
  g_clear_object (&self->service);
  g_set_object (&self->tree, tree);
  g_hash_table_remove_all (self->reselect);
  if (scanner != NULL)
    {
      self->service = trove_metadata_service_new (scanner);
      g_signal_connect_swapped (self->service, "file-replaced", G_CALLBACK (file_replaced_cb),
                                self);
      g_signal_connect_object (self->service, "finished", G_CALLBACK (finished_cb), self, 0);
      g_signal_connect_swapped (self->service, "notify::busy", G_CALLBACK (progress_cb), self);
      g_signal_connect_swapped (self->service, "notify::n-files-done", G_CALLBACK (progress_cb),
                                self);
    }
  trove_details_pane_set_library_assets (
      self->details, scanner != NULL ? trove_scanner_get_assets (scanner) : NULL);
  g_signal_emit (self, signals[PROGRESS_CHANGED], 0);
}

gboolean
trove_metadata_controller_undo (TroveMetadataController *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_CONTROLLER (self), FALSE);

  if (self->service == NULL)
    return FALSE;
  remember_selection (self);
  return trove_metadata_service_undo (self->service);
}

gboolean
trove_metadata_controller_redo (TroveMetadataController *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_CONTROLLER (self), FALSE);

  if (self->service == NULL)
    return FALSE;
  remember_selection (self);
  return trove_metadata_service_redo (self->service);
}

guint64
trove_metadata_controller_get_undo_stamp (TroveMetadataController *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_CONTROLLER (self), 0);
  return self->service != NULL ? trove_metadata_service_get_undo_stamp (self->service) : 0;
}

guint64
trove_metadata_controller_get_redo_stamp (TroveMetadataController *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_CONTROLLER (self), 0);
  return self->service != NULL ? trove_metadata_service_get_redo_stamp (self->service) : 0;
}

void
trove_metadata_controller_cancel (TroveMetadataController *self)
{
  g_return_if_fail (TROVE_IS_METADATA_CONTROLLER (self));

  if (self->service != NULL)
    trove_metadata_service_cancel (self->service);
}

gboolean
trove_metadata_controller_get_busy (TroveMetadataController *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_CONTROLLER (self), FALSE);
  return self->service != NULL && trove_metadata_service_get_busy (self->service);
}

TroveMetadataService *
trove_metadata_controller_get_service (TroveMetadataController *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_CONTROLLER (self), NULL);
  return self->service;
}

/**
 * trove_metadata_controller_get_progress:
 * @fraction: (out): how far the write is
 *
 * Returns: (nullable): the status bar's text while writing, or %NULL
 */
char *
trove_metadata_controller_get_progress (TroveMetadataController *self, double *fraction)
{
  guint done, total;

  g_return_val_if_fail (TROVE_IS_METADATA_CONTROLLER (self), NULL);

  *fraction = 0;
  if (self->service == NULL || !trove_metadata_service_get_busy (self->service))
    return NULL;
  done = trove_metadata_service_get_n_files_done (self->service);
  total = trove_metadata_service_get_n_files (self->service);
  *fraction = total > 0 ? (double)done / total : 0;
  return g_strdup_printf (ngettext ("Saving %u of %u file…", "Saving %u of %u files…", total),
                          MIN (done + 1, total), total);
}

static void
trove_metadata_controller_dispose (GObject *object)
{
  TroveMetadataController *self = TROVE_METADATA_CONTROLLER (object);

  g_clear_handle_id (&self->selection_source, g_source_remove);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_object (&self->tree);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->reselect, g_hash_table_unref);
  G_OBJECT_CLASS (trove_metadata_controller_parent_class)->dispose (object);
}

static void
trove_metadata_controller_class_init (TroveMetadataControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trove_metadata_controller_dispose;

  /* The write's progress changed: the window updates its status bar. */
  signals[PROGRESS_CHANGED] = g_signal_new ("progress-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
trove_metadata_controller_init (TroveMetadataController *self)
{
  self->reselect = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * trove_metadata_controller_new:
 *
 * The widgets are the window's and live as long as it does; the window owns
 * the controller.
 */
TroveMetadataController *
trove_metadata_controller_new (GtkWindow *window,
                               TroveAssetGrid *grid,
                               TroveDetailsPane *details,
                               TroveCatalogPane *catalogs,
                               GSettings *settings)
{
  TroveMetadataController *self = g_object_new (TROVE_TYPE_METADATA_CONTROLLER, NULL);

  self->window = window;
  self->grid = grid;
  self->details = details;
  self->catalogs = catalogs;
  self->settings = g_object_ref (settings);
  g_signal_connect_object (details, "apply-edits", G_CALLBACK (apply_edits_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (catalogs, "assets-dropped", G_CALLBACK (assets_dropped_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
