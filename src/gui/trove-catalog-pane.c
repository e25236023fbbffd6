/* trove-catalog-pane.c
 *
 * A GtkListView over a GtkTreeListModel of the tree's roots (All, the
 * top-level catalogs in byte order, Unassigned); children are created lazily
 * when a row is expanded.
 *
 * Edits go through the library's TroveCatalogService: each is undoable,
 * saved shortly after (merged with the file on disk), and followed by a
 * toast with an Undo button. An edit rebuilds the tree with new nodes, so
 * the pane notes which paths were expanded and selected before it and
 * finds them again after (moved along with a rename or a move). Outside
 * changes to the file arrive through a file monitor and are merged the
 * same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-pane.h"
#include "trove-widget-utils.h"
#include "trove-catalog-dialogs.h"
#include "trove-catalog-path.h"
#include "trove-catalog-properties-dialog.h"
#include "trove-catalog-row.h"

#include <glib/gi18n.h>
#include <string.h>

/* Edits are saved this long after the last one: a burst of edits (undo,
 * undo, undo) makes one write. */
#define SAVE_DELAY_MS 400
/* Outside changes usually come as several events (write, rename). */
#define RELOAD_DELAY_MS 250
/* Hovering a collapsed row this long during a drag opens it. */
#define DRAG_EXPAND_DELAY_MS 700
/* Near the list's top or bottom edge, a drag scrolls it. */
#define AUTOSCROLL_EDGE 32
#define AUTOSCROLL_STEP 12.0

struct _TroveCatalogPane
{
  GtkWidget parent_instance;

  GtkLabel *read_only_label;
  GtkScrolledWindow *scroller;
  GtkListView *list_view;
  GMenuModel *context_menu;
  GtkWidget *menu_popover;

  TroveCatalogTree *tree;
  TroveCatalogService *service;
  GtkSingleSelection *selection;

  AdwToast *last_toast; /* weak: the overlay owns it */
  guint save_source;
  GFileMonitor *monitor;
  guint reload_source;

  /* Drag and drop */
  guint expand_source;
  GtkTreeListRow *expand_row;
  guint autoscroll_tick;
  double autoscroll_speed;
};

G_DEFINE_FINAL_TYPE (TroveCatalogPane, trove_catalog_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED_NODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ASSETS_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What an edit must not lose: the open rows and the selected one. */
typedef struct
{
  GPtrArray *expanded; /* paths */
  char *selected;      /* a path, "" for All, NULL for Unassigned */
} ViewState;

static void
view_state_clear (ViewState *state)
{
  g_clear_pointer (&state->expanded, g_ptr_array_unref);
  g_clear_pointer (&state->selected, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ViewState, view_state_clear)

/* ---------------------------------------------------------------------------
 * The view and its state
 */

static GListModel *
create_children (gpointer item, gpointer user_data)
{
  GListModel *children = trove_catalog_node_get_children (item);

  if (g_list_model_get_n_items (children) == 0)
    return NULL;
  return g_object_ref (children);
}

static GListModel *
rows (TroveCatalogPane *self)
{
  return gtk_single_selection_get_model (self->selection);
}

static TroveCatalogNode *
node_of_row (GtkTreeListRow *row)
{
  TroveCatalogNode *node = gtk_tree_list_row_get_item (row);

  /* The tree keeps its nodes alive; hand out a borrowed pointer. */
  g_object_unref (node);
  return node;
}

static void
capture_state (TroveCatalogPane *self, ViewState *state)
{
  GListModel *model = rows (self);
  TroveCatalogNode *selected = trove_catalog_pane_get_selected_node (self);

  state->expanded = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (model, i);
      if (gtk_tree_list_row_get_expanded (row))
        g_ptr_array_add (state->expanded,
                         g_strdup (trove_catalog_node_get_path (node_of_row (row))));
    }
  if (selected != NULL && trove_catalog_node_get_kind (selected) != TROVE_CATALOG_NODE_UNASSIGNED)
    state->selected = g_strdup (trove_catalog_node_get_path (selected));
}

/* @path moved from @from to @to by a rename or move (NULL: nothing moved). */
static char *
follow (const char *path, const char *from, const char *to)
{
  if (from != NULL && *path != '\0' && trove_catalog_path_is_contained_in (path, from))
    return trove_catalog_path_rebase (path, from, to);
  return g_strdup (path);
}

static void
select_path_or_parent (TroveCatalogPane *self, const char *path)
{
  g_autofree char *candidate = g_strdup (path);

  /* A deleted catalog's place goes to its closest remaining ancestor. */
  while (*candidate != '\0' && !trove_catalog_pane_select_path (self, candidate))
    {
      char *parent = trove_catalog_path_parent (candidate);
      g_free (candidate);
      candidate = parent;
    }
  if (*candidate == '\0')
    gtk_single_selection_set_selected (self->selection, 0);
}

/* A fresh GtkTreeListModel over the tree's roots. An edit builds the tree
 * anew, and GTK 4.8's tree model remembers a row as "not expandable" if it
 * was asked while the new node had no children yet. */
static void
reset_model (TroveCatalogPane *self)
{
  GtkTreeListModel *model = NULL;

  if (self->tree != NULL)
    model = gtk_tree_list_model_new (g_object_ref (trove_catalog_tree_get_roots (self->tree)),
                                     FALSE, FALSE, create_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  g_clear_object (&model);
}

static void
restore_state (
    TroveCatalogPane *self, ViewState *state, const char *from, const char *to, const char *select)
{
  GListModel *model;
  g_autoptr (GHashTable) open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  reset_model (self);
  model = rows (self);
  for (guint i = 0; i < state->expanded->len; i++)
    g_hash_table_add (open, follow (state->expanded->pdata[i], from, to));
  /* Children appear right after a row is opened, so one pass opens them all. */
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (model, i);
      if (g_hash_table_contains (open, trove_catalog_node_get_path (node_of_row (row))))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  if (select != NULL)
    select_path_or_parent (self, select);
  else if (state->selected != NULL)
    {
      g_autofree char *selected = follow (state->selected, from, to);
      select_path_or_parent (self, selected);
    }
  else /* Unassigned */
    gtk_single_selection_set_selected (self->selection, g_list_model_get_n_items (model) > 0
                                                            ? g_list_model_get_n_items (model) - 1
                                                            : 0);
}

/* ---------------------------------------------------------------------------
 * Saving and outside changes
 */

static void
show_toast (TroveCatalogPane *self, AdwToast *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_message (TroveCatalogPane *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0); /* errors stay until read */
  show_toast (self, toast);
}

/**
 * trove_catalog_pane_save_now:
 *
 * Writes pending edits at once (the window calls it before closing).
 *
 * Returns: whether everything is saved
 */
gboolean
trove_catalog_pane_save_now (TroveCatalogPane *self)
{
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->service == NULL || trove_catalog_service_save (self->service, NULL, &error))
    return TRUE;
  {
    /* Translators: a message; %s says why, naming the file. */
    g_autofree char *message = g_strdup_printf (_ ("Catalogs not saved: %s"), error->message);
    show_message (self, message);
  }
  return FALSE;
}

static gboolean
save_cb (gpointer data)
{
  TroveCatalogPane *self = data;

  self->save_source = 0;
  trove_catalog_pane_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (TroveCatalogPane *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static gboolean
reload_cb (gpointer data)
{
  TroveCatalogPane *self = data;
  g_auto (ViewState) state = { 0 };
  g_autoptr (GError) error = NULL;

  self->reload_source = 0;
  if (self->service == NULL)
    return G_SOURCE_REMOVE;
  capture_state (self, &state);
  if (!trove_catalog_service_reload (self->service, &error))
    /* Another program may be half-way through writing it: the next change
     * event brings the rest. */
    g_debug ("%s", error->message);
  restore_state (self, &state, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (TroveCatalogPane *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static void
watch_file (TroveCatalogPane *self)
{
  GFile *location;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_clear_object (&self->monitor);
    }
  if (self->service == NULL)
    return;
  location = trove_catalog_file_get_file (trove_catalog_service_get_file (self->service));
  self->monitor = g_file_monitor_file (location, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_swapped (self->monitor, "changed", G_CALLBACK (file_changed_cb), self);
}

/* ---------------------------------------------------------------------------
 * Edits
 */

static void
undo_clicked_cb (AdwToast *toast, TroveCatalogPane *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "catalog.undo", NULL);
}

/* After every edit: the view found again, saving planned, and a toast
 * that can take it back. */
static void
edited (TroveCatalogPane *self,
        ViewState *state,
        const char *from,
        const char *to,
        const char *select,
        const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  restore_state (self, state, from, to, select);
  schedule_save (self);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  /* One toast at a time: the overlay would queue them, each for seconds. */
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
  g_set_weak_pointer (&self->last_toast, toast);
  show_toast (self, toast);
}

static void
edit_failed (TroveCatalogPane *self, GError *error)
{
  show_message (self, error->message);
}

/* The selected node's path, when it is a catalog (or an implicit one). */
static const char *
selected_catalog_path (TroveCatalogPane *self)
{
  TroveCatalogNode *node = trove_catalog_pane_get_selected_node (self);

  if (node == NULL || trove_catalog_node_get_kind (node) != TROVE_CATALOG_NODE_CATALOG)
    return NULL;
  return trove_catalog_node_get_path (node);
}

static void
rename_to (TroveCatalogPane *self, const char *path, const char *name)
{
  g_auto (ViewState) state = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *message = NULL;

  capture_state (self, &state);
  new_path = trove_catalog_service_rename (self->service, path, name, &error);
  if (new_path == NULL)
    {
      restore_state (self, &state, NULL, NULL, NULL);
      edit_failed (self, error);
      return;
    }
  if (g_str_equal (new_path, path))
    return;
  /* Translators: a toast; %s is the catalog's new name. */
  message = g_strdup_printf (_ ("Catalog renamed to “%s”"), trove_catalog_path_name (new_path));
  edited (self, &state, path, new_path, new_path, message);
}

typedef struct
{
  char *path;
  char *name;
} Rename;

static void
rename_free (Rename *rename)
{
  g_free (rename->path);
  g_free (rename->name);
  g_free (rename);
}

static void
merge_confirmed (GObject *owner, gpointer data)
{
  Rename *rename = data;

  rename_to (TROVE_CATALOG_PANE (owner), rename->path, rename->name);
}

/* Blender merges two catalogs renamed onto one path silently; Trove asks. */
static void
name_chosen (GObject *owner, const char *name, gpointer data)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (owner);
  const char *path = data;
  Rename *rename;
  g_autofree char *body = NULL;

  if (!trove_catalog_service_rename_would_merge (self->service, path, name))
    {
      rename_to (self, path, name);
      return;
    }
  rename = g_new0 (Rename, 1);
  rename->path = g_strdup (path);
  rename->name = g_strdup (name);
  body = g_strdup_printf (
      /* Translators: %s is a catalog name. */
      _ ("A catalog named “%s” already exists beside this one. Both will become one catalog, "
         "showing the assets of both; each keeps its UUID."),
      name);
  trove_catalog_confirm (GTK_WIDGET (self), owner, _ ("Merge Catalogs?"), body, _ ("_Merge"), FALSE,
                         merge_confirmed, rename, (GDestroyNotify)rename_free);
}

static void
ask_rename (TroveCatalogPane *self, const char *path)
{
  trove_catalog_ask_name (GTK_WIDGET (self), G_OBJECT (self), _ ("Rename Catalog"),
                          trove_catalog_path_name (path), _ ("_Rename"), name_chosen,
                          g_strdup (path), g_free);
}

static void
new_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (widget);
  /* Copied: the edit builds the tree, and so this node, anew. */
  g_autofree char *parent = g_strdup (selected_catalog_path (self));
  g_auto (ViewState) state = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  TroveCatalog *catalog;

  capture_state (self, &state);
  catalog = trove_catalog_service_add (self->service, parent != NULL ? parent : "", &error);
  if (catalog == NULL)
    {
      restore_state (self, &state, NULL, NULL, NULL);
      edit_failed (self, error);
      return;
    }
  path = g_strdup (trove_catalog_get_path (catalog));
  if (parent != NULL)
    g_ptr_array_add (state.expanded, g_strdup (parent));
  edited (self, &state, NULL, NULL, path, _ ("Catalog created"));
  /* A new catalog is named at once, as in a file manager. */
  ask_rename (self, path);
}

static void
rename_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (widget);
  const char *path = selected_catalog_path (self);

  if (path != NULL)
    ask_rename (self, path);
}

static void
delete_confirmed (GObject *owner, gpointer data)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (owner);
  const char *path = data;
  g_auto (ViewState) state = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  capture_state (self, &state);
  if (trove_catalog_service_delete (self->service, path, &error) == 0)
    {
      restore_state (self, &state, NULL, NULL, NULL);
      edit_failed (self, error);
      return;
    }
  /* Translators: a toast; %s is a catalog name. */
  message = g_strdup_printf (_ ("Catalog “%s” deleted"), trove_catalog_path_name (path));
  edited (self, &state, NULL, NULL, path, message);
}

static guint
count_descendants (TroveCatalogNode *node)
{
  GListModel *children = trove_catalog_node_get_children (node);
  guint n = g_list_model_get_n_items (children);
  guint total = n;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TroveCatalogNode) child = g_list_model_get_item (children, i);
      total += count_descendants (child);
    }
  return total;
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (widget);
  TroveCatalogNode *node = trove_catalog_pane_get_selected_node (self);
  g_autofree char *heading = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  guint n_below, n_assets;

  if (selected_catalog_path (self) == NULL)
    return;
  n_below = count_descendants (node);
  n_assets = trove_catalog_node_get_asset_count (node);
  /* Translators: %s is a catalog name. */
  heading = g_strdup_printf (_ ("Delete “%s”?"), trove_catalog_node_get_name (node));
  if (n_below > 0)
    g_string_append_printf (body,
                            ngettext ("Its %u sub-catalog is deleted with it. ",
                                      "Its %u sub-catalogs are deleted with it. ", n_below),
                            n_below);
  if (n_assets > 0)
    g_string_append_printf (body,
                            /* Translators: Unassigned is the row of the catalog tree */
                            ngettext ("%u asset will show as Unassigned. ",
                                      "%u assets will show as Unassigned. ", n_assets),
                            n_assets);
  g_string_append (body, _ ("No asset file is changed."));
  trove_catalog_confirm (GTK_WIDGET (self), G_OBJECT (self), heading, body->str, _ ("_Delete"),
                         TRUE, delete_confirmed, g_strdup (trove_catalog_node_get_path (node)),
                         g_free);
}

static void
simple_name_applied_cb (TroveCatalogPropertiesDialog *dialog,
                        const char *uuid,
                        const char *name,
                        TroveCatalogPane *self)
{
  const char *path = trove_catalog_properties_dialog_get_path (dialog);
  g_auto (ViewState) state = { 0 };
  g_autoptr (GError) error = NULL;

  capture_state (self, &state);
  /* An implicit parent becomes a catalog to carry the name. */
  if (uuid == NULL)
    {
      TroveCatalog *made = trove_catalog_service_make_real (self->service, path, &error);
      uuid = made != NULL ? trove_catalog_get_uuid (made) : NULL;
    }
  if (uuid == NULL
      || trove_catalog_service_set_simple_name (self->service, uuid, name, &error) == NULL)
    {
      restore_state (self, &state, NULL, NULL, NULL);
      edit_failed (self, error);
      return;
    }
  edited (self, &state, NULL, NULL, NULL, _ ("Simple name changed"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
properties_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (widget);
  const char *path = selected_catalog_path (self);
  TroveCatalogPropertiesDialog *dialog;

  if (path == NULL)
    return;
  dialog = trove_catalog_properties_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                self->service, path);
  g_signal_connect_object (dialog, "simple-name-applied", G_CALLBACK (simple_name_applied_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (widget);
  g_auto (ViewState) state = { 0 };
  gboolean undo = g_str_equal (action_name, "catalog.undo");

  capture_state (self, &state);
  if (undo ? trove_catalog_service_undo (self->service)
           : trove_catalog_service_redo (self->service))
    schedule_save (self);
  restore_state (self, &state, NULL, NULL, NULL);
}

/**
 * trove_catalog_pane_move:
 * @path: the catalog to move
 * @new_parent: where to, "" for the top level
 *
 * What dropping a catalog onto another (or onto "All") does. A refused move
 * is explained in a toast.
 *
 * Returns: whether the catalog moved
 */
gboolean
trove_catalog_pane_move (TroveCatalogPane *self, const char *path, const char *new_parent)
{
  g_auto (ViewState) state = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), FALSE);
  g_return_val_if_fail (path != NULL && new_parent != NULL, FALSE);

  if (self->service == NULL)
    return FALSE;
  capture_state (self, &state);
  new_path = trove_catalog_service_move (self->service, path, new_parent, &error);
  if (new_path == NULL)
    {
      restore_state (self, &state, NULL, NULL, NULL);
      edit_failed (self, error);
      return FALSE;
    }
  if (*new_parent != '\0')
    g_ptr_array_add (state.expanded, g_strdup (new_parent));
  /* Translators: a toast; %s is a catalog path. */
  message = g_strdup_printf (_ ("Catalog moved to “%s”"), new_path);
  edited (self, &state, path, new_path, new_path, message);
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Which actions apply
 */

static void
update_actions (TroveCatalogPane *self)
{
  g_autofree char *reason
      = self->service != NULL ? trove_catalog_service_get_read_only_reason (self->service) : NULL;
  gboolean editable = self->service != NULL && reason == NULL;
  gboolean on_catalog = selected_catalog_path (self) != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "catalog.new", editable);
  gtk_widget_action_set_enabled (widget, "catalog.rename", editable && on_catalog);
  gtk_widget_action_set_enabled (widget, "catalog.delete", editable && on_catalog);
  gtk_widget_action_set_enabled (widget, "catalog.properties", on_catalog && self->service != NULL);
  gtk_widget_action_set_enabled (widget, "catalog.undo",
                                 editable && trove_catalog_service_can_undo (self->service));
  gtk_widget_action_set_enabled (widget, "catalog.redo",
                                 editable && trove_catalog_service_can_redo (self->service));

  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), reason != NULL);
  if (reason != NULL)
    {
      /* Translators: shown above the catalog tree; %s says why. */
      g_autofree char *text = g_strdup_printf (_ ("Read-only: %s"), reason);
      gtk_label_set_text (self->read_only_label, text);
    }
}

static void
selection_changed_cb (TroveCatalogPane *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_NODE]);
}

/* ---------------------------------------------------------------------------
 * Context menu
 */

static void
context_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, TroveCatalogRow *row)
{
  TroveCatalogPane *self
      = TROVE_CATALOG_PANE (gtk_widget_get_ancestor (GTK_WIDGET (row), TROVE_TYPE_CATALOG_PANE));
  GtkListItem *item = g_object_get_data (G_OBJECT (row), "list-item");
  double px, py;

  if (self == NULL || item == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (item));
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (row), GTK_WIDGET (self), x, y, &px, &py))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu_popover),
                               &(GdkRectangle){ (int)px, (int)py, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu_popover));
}

/* ---------------------------------------------------------------------------
 * Drag and drop
 */

/* Where a drop on @node puts a catalog: its path, "" for All, NULL for
 * Unassigned (not a place for catalogs). */
static const char *
drop_parent (TroveCatalogNode *node)
{
  switch (trove_catalog_node_get_kind (node))
    {
    case TROVE_CATALOG_NODE_ALL:
      return "";
    case TROVE_CATALOG_NODE_CATALOG:
      return trove_catalog_node_get_path (node);
    case TROVE_CATALOG_NODE_UNASSIGNED:
    default:
      return NULL;
    }
}

/* The rules of trove_catalog_service_move(), checked while hovering. */
static gboolean
drop_allowed (TroveCatalogNode *dragged, TroveCatalogNode *target)
{
  const char *path = trove_catalog_node_get_path (dragged);
  const char *parent = drop_parent (target);
  g_autofree char *current_parent = trove_catalog_path_parent (path);

  if (parent == NULL)
    return FALSE;
  if (*parent != '\0' && trove_catalog_path_is_contained_in (parent, path))
    return FALSE;
  return !g_str_equal (parent, current_parent);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, TroveCatalogRow *row)
{
  TroveCatalogNode *node = trove_catalog_row_get_node (row);

  if (node == NULL || trove_catalog_node_get_kind (node) != TROVE_CATALOG_NODE_CATALOG)
    return NULL;
  return gdk_content_provider_new_typed (TROVE_TYPE_CATALOG_NODE, node);
}

static void
drag_begin_cb (GtkDragSource *source, GdkDrag *drag, TroveCatalogRow *row)
{
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (row));

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

/* Assets dragged from the grid: a GPtrArray of TroveAsset. */
static GPtrArray *
dragged_assets (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  return value != NULL && G_VALUE_HOLDS (value, G_TYPE_PTR_ARRAY) ? g_value_get_boxed (value)
                                                                  : NULL;
}

/* Assets can go to a catalog, or to Unassigned; not to All, nor to a
 * path that is only implied by its sub-catalogs (it has no UUID). */
static gboolean
asset_drop_allowed (TroveCatalogNode *node)
{
  switch (trove_catalog_node_get_kind (node))
    {
    case TROVE_CATALOG_NODE_UNASSIGNED:
      return TRUE;
    case TROVE_CATALOG_NODE_CATALOG:
      return !trove_catalog_node_is_virtual (node);
    case TROVE_CATALOG_NODE_ALL:
    default:
      return FALSE;
    }
}

static GdkDragAction
asset_drop_motion (TroveCatalogRow *row, TroveCatalogNode *node)
{
  if (trove_catalog_node_get_kind (node) == TROVE_CATALOG_NODE_ALL)
    return 0;
  if (!asset_drop_allowed (node))
    gtk_widget_add_css_class (GTK_WIDGET (row), "trove-drop-refused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "trove-drop-refused");
  return GDK_ACTION_LINK;
}

static gboolean
drop_assets (TroveCatalogPane *self, TroveCatalogNode *node, GPtrArray *assets)
{
  if (!asset_drop_allowed (node))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a catalog of its own, only the parent of others; assets cannot be "
             "assigned to it"),
          trove_catalog_node_get_path (node));
      show_message (self, message);
      return FALSE;
    }
  g_signal_emit (self, signals[ASSETS_DROPPED], 0, node, assets);
  return TRUE;
}

static TroveCatalogNode *
dragged_node (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  return value != NULL && G_VALUE_HOLDS (value, TROVE_TYPE_CATALOG_NODE)
             ? g_value_get_object (value)
             : NULL;
}

static gboolean
expand_cb (gpointer data)
{
  TroveCatalogPane *self = data;

  self->expand_source = 0;
  if (self->expand_row != NULL)
    gtk_tree_list_row_set_expanded (self->expand_row, TRUE);
  g_clear_object (&self->expand_row);
  return G_SOURCE_REMOVE;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target, double x, double y, TroveCatalogRow *row)
{
  TroveCatalogNode *dragged = dragged_node (target);
  TroveCatalogNode *node = trove_catalog_row_get_node (row);

  if (node != NULL && dragged_assets (target) != NULL)
    return asset_drop_motion (row, node);
  if (node == NULL || drop_parent (node) == NULL)
    return 0;
  /* A refused place is marked, and a drop there says why. */
  if (dragged != NULL && !drop_allowed (dragged, node))
    gtk_widget_add_css_class (GTK_WIDGET (row), "trove-drop-refused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "trove-drop-refused");
  return GDK_ACTION_MOVE;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target, double x, double y, TroveCatalogRow *row)
{
  TroveCatalogPane *self
      = TROVE_CATALOG_PANE (gtk_widget_get_ancestor (GTK_WIDGET (row), TROVE_TYPE_CATALOG_PANE));
  GtkTreeListRow *list_row = trove_catalog_row_get_list_row (row);

  if (self != NULL && list_row != NULL && gtk_tree_list_row_is_expandable (list_row)
      && !gtk_tree_list_row_get_expanded (list_row))
    {
      g_clear_handle_id (&self->expand_source, g_source_remove);
      g_set_object (&self->expand_row, list_row);
      self->expand_source = g_timeout_add (DRAG_EXPAND_DELAY_MS, expand_cb, self);
    }
  return drop_motion_cb (target, x, y, row);
}

static void
drop_leave_cb (GtkDropTarget *target, TroveCatalogRow *row)
{
  TroveCatalogPane *self
      = TROVE_CATALOG_PANE (gtk_widget_get_ancestor (GTK_WIDGET (row), TROVE_TYPE_CATALOG_PANE));

  gtk_widget_remove_css_class (GTK_WIDGET (row), "trove-drop-refused");
  if (self != NULL)
    {
      g_clear_handle_id (&self->expand_source, g_source_remove);
      g_clear_object (&self->expand_row);
    }
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, TroveCatalogRow *row)
{
  TroveCatalogPane *self
      = TROVE_CATALOG_PANE (gtk_widget_get_ancestor (GTK_WIDGET (row), TROVE_TYPE_CATALOG_PANE));
  TroveCatalogNode *node = trove_catalog_row_get_node (row);
  TroveCatalogNode *dragged
      = G_VALUE_HOLDS (value, TROVE_TYPE_CATALOG_NODE) ? g_value_get_object (value) : NULL;
  g_autofree char *path = NULL;
  g_autofree char *parent = NULL;

  drop_leave_cb (target, row);
  if (self != NULL && node != NULL && G_VALUE_HOLDS (value, G_TYPE_PTR_ARRAY))
    return drop_assets (self, node, g_value_get_boxed (value));
  if (self == NULL || node == NULL || dragged == NULL || drop_parent (node) == NULL)
    return FALSE;
  /* Copied: the move rebuilds the tree these nodes belong to. */
  path = g_strdup (trove_catalog_node_get_path (dragged));
  parent = g_strdup (drop_parent (node));
  return trove_catalog_pane_move (self, path, parent);
}

static gboolean
autoscroll_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  TroveCatalogPane *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_value (adjustment) + self->autoscroll_speed);
  return G_SOURCE_CONTINUE;
}

static void
stop_autoscroll (TroveCatalogPane *self)
{
  if (self->autoscroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->autoscroll_tick);
  self->autoscroll_tick = 0;
}

static void
drag_motion_cb (GtkDropControllerMotion *motion, double x, double y, TroveCatalogPane *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->scroller));

  self->autoscroll_speed = y < AUTOSCROLL_EDGE            ? -AUTOSCROLL_STEP
                           : y > height - AUTOSCROLL_EDGE ? AUTOSCROLL_STEP
                                                          : 0;
  if (self->autoscroll_speed == 0)
    stop_autoscroll (self);
  else if (self->autoscroll_tick == 0)
    self->autoscroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroller),
                                                          autoscroll_tick_cb, self, NULL);
}

static void
add_row_controllers (TroveCatalogRow *row)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE | GDK_ACTION_LINK);
  GtkGesture *click = gtk_gesture_click_new ();
  GType types[] = { TROVE_TYPE_CATALOG_NODE, G_TYPE_PTR_ARRAY };

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (source));

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (drop_enter_cb), row);
  g_signal_connect (target, "motion", G_CALLBACK (drop_motion_cb), row);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), row);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (target));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (context_pressed_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (click));
}

/* ---------------------------------------------------------------------------
 * Rows
 */

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  TroveCatalogRow *row = trove_catalog_row_new ();

  g_object_set_data (G_OBJECT (row), "list-item", item);
  add_row_controllers (row);
  gtk_list_item_set_child (item, GTK_WIDGET (row));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  trove_catalog_row_bind (TROVE_CATALOG_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  trove_catalog_row_unbind (TROVE_CATALOG_ROW (gtk_list_item_get_child (item)));
}

/* Double-clicking a catalog renames it, as in Blender. */
static void
activate_cb (GtkListView *list_view, guint position, TroveCatalogPane *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "catalog.rename", NULL);
}

/* ---------------------------------------------------------------------------
 * GObject
 */

static void
trove_catalog_pane_dispose (GObject *object)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (object);

  if (self->save_source != 0)
    trove_catalog_pane_save_now (self);
  g_clear_handle_id (&self->expand_source, g_source_remove);
  g_clear_object (&self->expand_row);
  g_clear_weak_pointer (&self->last_toast);
  stop_autoscroll (self);
  g_clear_object (&self->service);
  watch_file (self);
  g_clear_pointer (&self->menu_popover, gtk_widget_unparent);
  trove_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_CATALOG_PANE);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);

  G_OBJECT_CLASS (trove_catalog_pane_parent_class)->dispose (object);
}

static void
trove_catalog_pane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (object);

  switch (prop_id)
    {
    case PROP_SELECTED_NODE:
      g_value_set_object (value, trove_catalog_pane_get_selected_node (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "catalog.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "catalog.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "catalog.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "catalog.properties", NULL, properties_activated);
  gtk_widget_class_install_action (widget_class, "catalog.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "catalog.redo", NULL, undo_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "catalog.new",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "catalog.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "catalog.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "catalog.properties", NULL);
}

static void
trove_catalog_pane_class_init (TroveCatalogPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_catalog_pane_dispose;
  object_class->get_property = trove_catalog_pane_get_property;

  properties[PROP_SELECTED_NODE]
      = g_param_spec_object ("selected-node", NULL, NULL, TROVE_TYPE_CATALOG_NODE,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TroveCatalogPane::assets-dropped:
   * @node: a catalog, or Unassigned
   * @assets: (element-type TroveAsset): the assets dropped on it
   *
   * Assets dragged from the grid were dropped on a catalog: the window
   * assigns it to them (or clears it, for Unassigned).
   */
  signals[ASSETS_DROPPED]
      = g_signal_new ("assets-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, TROVE_TYPE_CATALOG_NODE, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-catalog-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogPane, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogPane, context_menu);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  install_actions (widget_class);
}

static void
trove_catalog_pane_init (TroveCatalogPane *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *motion;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (activate_cb), self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->menu_popover = gtk_popover_menu_new_from_model (self->context_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu_popover), FALSE);
  gtk_widget_set_halign (self->menu_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu_popover, GTK_WIDGET (self));

  motion = gtk_drop_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (drag_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (stop_autoscroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), motion);
  update_actions (self);
}

/* ---------------------------------------------------------------------------
 * Public API
 */

static void
service_state_cb (TroveCatalogPane *self)
{
  update_actions (self);
}

/**
 * trove_catalog_pane_set_catalogs:
 * @service: (nullable): the library's catalogs, to edit
 * @tree: (nullable): their tree, made from the service's file
 *
 * Shows @tree with "All" selected. Edits not yet saved from the previous
 * library are saved first.
 */
void
trove_catalog_pane_set_catalogs (TroveCatalogPane *self,
                                 TroveCatalogService *service,
                                 TroveCatalogTree *tree)
{

  g_return_if_fail (TROVE_IS_CATALOG_PANE (self));
  g_return_if_fail (service == NULL || TROVE_IS_CATALOG_SERVICE (service));

  if (self->save_source != 0)
    trove_catalog_pane_save_now (self);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  if (service != NULL)
    {
      g_signal_connect_swapped (service, "notify::can-undo", G_CALLBACK (service_state_cb), self);
      g_signal_connect_swapped (service, "notify::can-redo", G_CALLBACK (service_state_cb), self);
    }
  watch_file (self);

  g_set_object (&self->tree, tree);
  reset_model (self);
  gtk_single_selection_set_selected (self->selection, 0);
  update_actions (self);
}

/* Returns: (transfer none) (nullable): the library's catalog service */
TroveCatalogService *
trove_catalog_pane_get_service (TroveCatalogPane *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), NULL);
  return self->service;
}

/* Returns: (transfer none) (nullable): the selected row's node */
TroveCatalogNode *
trove_catalog_pane_get_selected_node (TroveCatalogPane *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? node_of_row (row) : NULL;
}

/* Expands the way to @path and selects it. */
gboolean
trove_catalog_pane_select_path (TroveCatalogPane *self, const char *path)
{
  GListModel *model;

  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  model = rows (self);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (model, i);
      TroveCatalogNode *node = node_of_row (row);
      const char *node_path = trove_catalog_node_get_path (node);
      gsize length = strlen (node_path);

      if (trove_catalog_node_get_kind (node) != TROVE_CATALOG_NODE_CATALOG)
        continue;
      if (g_str_equal (node_path, path))
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
      /* An ancestor of @path: open it; its children follow it in the model. */
      if (strncmp (path, node_path, length) == 0 && path[length] == '/')
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return FALSE;
}

GtkListView *
trove_catalog_pane_get_list_view (TroveCatalogPane *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), NULL);
  return self->list_view;
}
