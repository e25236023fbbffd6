/* trove-details-pane.c
 *
 * Read-only for now; the metadata editing issues make it a form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-details-pane.h"
#include "trove-asset-query.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _TroveDetailsPane
{
  GtkWidget parent_instance;

  GtkStack *stack;
  AdwStatusPage *many_page;
  GtkPicture *picture;
  GtkLabel *name_label;
  GtkLabel *type_label;
  AdwActionRow *catalog_row;
  AdwActionRow *file_row;
  AdwActionRow *description_row;
  AdwActionRow *author_row;
  AdwActionRow *copyright_row;
  AdwActionRow *license_row;
  GtkFlowBox *tags_box;
  GtkWidget *no_tags_label;
  GtkWidget *open_button;

  TrovePreviewCache *cache;
  TroveAsset *asset;
  char *blender;
};

G_DEFINE_FINAL_TYPE (TroveDetailsPane, trove_details_pane, GTK_TYPE_WIDGET)

static void
set_row (AdwActionRow *row, const char *value)
{
  gboolean empty = value == NULL || *value == '\0';

  /* Translators: the value shown for an empty metadata field (no author, …) */
  adw_action_row_set_subtitle (row, empty ? C_ ("metadata value", "None") : value);
  gtk_widget_set_opacity (GTK_WIDGET (row), empty ? 0.6 : 1.0);
}

static void
show_tags (TroveDetailsPane *self, const char *const *tags)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (tags[i]);
      gtk_widget_add_css_class (label, "trove-tag");
      gtk_flow_box_append (self->tags_box, label);
    }
  gtk_widget_set_visible (self->no_tags_label, tags[0] == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags[0] != NULL);
}

static void
preview_loaded_cb (TroveDetailsPane *self, TroveAsset *asset, GdkTexture *texture)
{
  if (asset == self->asset)
    gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
}

static void
show_asset (TroveDetailsPane *self, TroveAsset *asset, TroveCatalogTree *tree)
{
  const char *uuid = trove_asset_get_catalog_id (asset);
  const char *path = tree != NULL ? trove_catalog_tree_get_path_for_uuid (tree, uuid) : NULL;
  g_autofree char *catalog = NULL;

  gtk_label_set_text (self->name_label, trove_asset_get_name (asset));
  gtk_label_set_text (self->type_label, trove_asset_type_name (trove_asset_get_id_type (asset)));
  if (path != NULL)
    catalog = g_strdup (path);
  else if (trove_asset_has_catalog (asset))
    /* Translators: an asset whose catalog UUID is not in the catalog file */
    catalog = g_strdup_printf (_ ("Unknown catalog %s"), uuid);
  else
    /* Translators: the catalog of an asset in no catalog, as the catalog tree says it */
    catalog = g_strdup (_ ("Unassigned"));
  set_row (self->catalog_row, catalog);
  set_row (self->file_row, trove_asset_get_file (asset));
  set_row (self->description_row, trove_asset_get_description (asset));
  set_row (self->author_row, trove_asset_get_author (asset));
  set_row (self->copyright_row, trove_asset_get_copyright (asset));
  set_row (self->license_row, trove_asset_get_license (asset));
  show_tags (self, trove_asset_get_tags (asset));

  gtk_picture_set_paintable (self->picture,
                             GDK_PAINTABLE (trove_preview_cache_lookup (self->cache, asset)));
  trove_preview_cache_request (self->cache, asset, NULL, NULL);
}

static void
open_in_blender_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveDetailsPane *self = TROVE_DETAILS_PANE (widget);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  if (self->asset == NULL || self->blender == NULL)
    return;
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self->blender,
                              trove_asset_get_source_path (self->asset), NULL);
  if (process == NULL)
    gtk_widget_activate_action (widget, "win.toast", "s", error->message);
}

static void
show_items_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GFile) folder = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    return;
  /* No file manager implements the interface: open the folder instead. */
  g_debug ("FileManager1.ShowItems failed: %s", error->message);
  uri = g_file_get_uri (folder);
  g_app_info_launch_default_for_uri (uri, NULL, NULL);
}

static void
show_in_files_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveDetailsPane *self = TROVE_DETAILS_PANE (widget);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (self->asset == NULL)
    return;
  file = g_file_new_for_path (trove_asset_get_source_path (self->asset));
  uri = g_file_get_uri (file);
  uris[0] = uri;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      g_autoptr (GFile) parent = g_file_get_parent (file);
      g_autofree char *folder_uri = g_file_get_uri (parent);
      g_app_info_launch_default_for_uri (folder_uri, NULL, NULL);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, show_items_done_cb, g_file_get_parent (file));
}

static void
copy_path_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveDetailsPane *self = TROVE_DETAILS_PANE (widget);

  if (self->asset == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          trove_asset_get_source_path (self->asset));
  gtk_widget_activate_action (widget, "win.toast", "s", _ ("Path copied"));
}

static void
update_actions (TroveDetailsPane *self)
{
  gboolean has_asset = self->asset != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.open-in-blender",
                                 has_asset && self->blender != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.show-in-files", has_asset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-path", has_asset);
  gtk_widget_set_tooltip_text (self->open_button,
                               self->blender != NULL
                                   ? _ ("Open the asset’s file in Blender")
                                   : _ ("Blender is not installed (no “blender” command found)"));
}

/* Template roots without a bound name are not cleared by
 * gtk_widget_dispose_template(). */
static void
unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

static void
trove_details_pane_dispose (GObject *object)
{
  TroveDetailsPane *self = TROVE_DETAILS_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_DETAILS_PANE);
  unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->asset);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->blender, g_free);

  G_OBJECT_CLASS (trove_details_pane_parent_class)->dispose (object);
}

static void
trove_details_pane_class_init (TroveDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_details_pane_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, many_page);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, picture);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, name_label);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, type_label);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, catalog_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, file_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, description_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, author_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, copyright_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, license_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, tags_box);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, no_tags_label);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, open_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "details.open-in-blender", NULL,
                                   open_in_blender_activated);
  gtk_widget_class_install_action (widget_class, "details.show-in-files", NULL,
                                   show_in_files_activated);
  gtk_widget_class_install_action (widget_class, "details.copy-path", NULL, copy_path_activated);
}

static void
trove_details_pane_init (TroveDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->blender = g_find_program_in_path ("blender");
  update_actions (self);
}

void
trove_details_pane_set_preview_cache (TroveDetailsPane *self, TrovePreviewCache *cache)
{
  g_return_if_fail (TROVE_IS_DETAILS_PANE (self));
  g_return_if_fail (self->cache == NULL);

  self->cache = g_object_ref (cache);
  g_signal_connect_object (cache, "loaded", G_CALLBACK (preview_loaded_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * trove_details_pane_set_assets:
 * @assets: the selected assets (any number)
 * @tree: (nullable): for catalog paths
 */
void
trove_details_pane_set_assets (TroveDetailsPane *self, GPtrArray *assets, TroveCatalogTree *tree)
{
  g_return_if_fail (TROVE_IS_DETAILS_PANE (self));
  g_return_if_fail (assets != NULL);

  g_clear_object (&self->asset);
  if (assets->len == 1)
    {
      self->asset = g_object_ref (assets->pdata[0]);
      show_asset (self, self->asset, tree);
      gtk_stack_set_visible_child_name (self->stack, "asset");
    }
  else if (assets->len > 1)
    {
      g_autofree char *title = g_strdup_printf (
          ngettext ("%u Asset Selected", "%u Assets Selected", assets->len), assets->len);
      adw_status_page_set_title (self->many_page, title);
      gtk_stack_set_visible_child_name (self->stack, "many");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "none");
  update_actions (self);
}

TroveAsset *
trove_details_pane_get_asset (TroveDetailsPane *self)
{
  g_return_val_if_fail (TROVE_IS_DETAILS_PANE (self), NULL);
  return self->asset;
}

/* For tests: the text shown for "catalog", "file", "description", "author",
 * "copyright", "license", "name" or "type". */
const char *
trove_details_pane_get_field (TroveDetailsPane *self, const char *field)
{
  g_return_val_if_fail (TROVE_IS_DETAILS_PANE (self), NULL);

  if (g_str_equal (field, "name"))
    return gtk_label_get_text (self->name_label);
  if (g_str_equal (field, "type"))
    return gtk_label_get_text (self->type_label);
  if (g_str_equal (field, "catalog"))
    return adw_action_row_get_subtitle (self->catalog_row);
  if (g_str_equal (field, "file"))
    return adw_action_row_get_subtitle (self->file_row);
  if (g_str_equal (field, "description"))
    return adw_action_row_get_subtitle (self->description_row);
  if (g_str_equal (field, "author"))
    return adw_action_row_get_subtitle (self->author_row);
  if (g_str_equal (field, "copyright"))
    return adw_action_row_get_subtitle (self->copyright_row);
  if (g_str_equal (field, "license"))
    return adw_action_row_get_subtitle (self->license_row);
  return NULL;
}
