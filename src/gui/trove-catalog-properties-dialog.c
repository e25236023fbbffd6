/* trove-catalog-properties-dialog.c
 *
 * Shows the catalogs of one path (several when the file has aliases) and
 * lets each simple name be edited. The dialog edits nothing itself: it
 * emits ::simple-name-applied and the catalog pane makes the edit, so that
 * undo, saving and the tree's state work as for every other edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-properties-dialog.h"
#include "trove-catalog-path.h"

#include <glib/gi18n.h>

struct _TroveCatalogPropertiesDialog
{
  AdwWindow parent_instance;

  GtkLabel *path_label;
  AdwPreferencesGroup *names_group;

  char *path;
};

G_DEFINE_FINAL_TYPE (TroveCatalogPropertiesDialog, trove_catalog_properties_dialog, ADW_TYPE_WINDOW)

enum
{
  SIMPLE_NAME_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
apply_cb (AdwEntryRow *row, TroveCatalogPropertiesDialog *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");

  g_signal_emit (self, signals[SIMPLE_NAME_APPLIED], 0, uuid,
                 gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
add_name_row (TroveCatalogPropertiesDialog *self,
              const char *title,
              const char *uuid,
              const char *simple_name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), simple_name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (uuid), g_free);
  g_signal_connect (row, "apply", G_CALLBACK (apply_cb), self);
  adw_preferences_group_add (self->names_group, row);
}

static int
compare_for_write_cb (gconstpointer a, gconstpointer b)
{
  return trove_catalog_compare_for_write (*(TroveCatalog **)a, *(TroveCatalog **)b);
}

/* The catalogs whose path is exactly @path, in the order they are written. */
static GPtrArray *
catalogs_at (TroveCatalogService *service, const char *path)
{
  GListModel *catalogs = trove_catalog_file_get_catalogs (trove_catalog_service_get_file (service));
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (catalogs); i++)
    {
      g_autoptr (TroveCatalog) catalog = g_list_model_get_item (catalogs, i);
      if (g_str_equal (trove_catalog_get_path (catalog), path))
        g_ptr_array_add (found, g_steal_pointer (&catalog));
    }
  g_ptr_array_sort (found, compare_for_write_cb);
  return found;
}

static void
fill (TroveCatalogPropertiesDialog *self, TroveCatalogService *service)
{
  g_autoptr (GPtrArray) catalogs = catalogs_at (service, self->path);

  gtk_label_set_text (self->path_label, self->path);
  if (catalogs->len == 0)
    {
      g_autofree char *derived = trove_catalog_path_simple_name (self->path);
      g_autofree char *description = g_strconcat (
          _ ("No catalog has this path of its own; it holds the catalogs below it"), ". ",
          _ ("Giving it a simple name makes it a catalog, with a UUID of its own."), NULL);

      adw_preferences_group_set_description (self->names_group, description);
      add_name_row (self, _ ("Simple Name"), NULL, derived);
      return;
    }
  adw_preferences_group_set_description (
      self->names_group,
      catalogs->len > 1
          ? _ ("Several catalogs of the file share this path; each has its UUID and simple "
               "name. Blender stores the simple name in each asset, to rebuild a lost "
               "catalog file.")
          : _ ("Blender stores the simple name in each asset, to rebuild a lost catalog file."));
  for (guint i = 0; i < catalogs->len; i++)
    add_name_row (self, trove_catalog_get_uuid (catalogs->pdata[i]),
                  trove_catalog_get_uuid (catalogs->pdata[i]),
                  trove_catalog_get_simple_name (catalogs->pdata[i]));
}

static void
trove_catalog_properties_dialog_finalize (GObject *object)
{
  TroveCatalogPropertiesDialog *self = TROVE_CATALOG_PROPERTIES_DIALOG (object);

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (trove_catalog_properties_dialog_parent_class)->finalize (object);
}

static void
trove_catalog_properties_dialog_class_init (TroveCatalogPropertiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = trove_catalog_properties_dialog_finalize;

  /**
   * TroveCatalogPropertiesDialog::simple-name-applied:
   * @uuid: (nullable): the catalog, or %NULL for the path's implicit parent
   * @simple_name: the name entered
   */
  signals[SIMPLE_NAME_APPLIED]
      = g_signal_new ("simple-name-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/trove/Trove/trove-catalog-properties-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogPropertiesDialog, path_label);
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogPropertiesDialog, names_group);
}

static void
trove_catalog_properties_dialog_init (TroveCatalogPropertiesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * trove_catalog_properties_dialog_new:
 * @path: the catalog tree node's path
 *
 * Returns: (transfer none): the dialog, owned by GTK's toplevel list
 */
TroveCatalogPropertiesDialog *
trove_catalog_properties_dialog_new (GtkWindow *parent,
                                     TroveCatalogService *service,
                                     const char *path)
{
  TroveCatalogPropertiesDialog *self;

  g_return_val_if_fail (TROVE_IS_CATALOG_SERVICE (service), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TROVE_TYPE_CATALOG_PROPERTIES_DIALOG, "transient-for", parent, NULL);
  self->path = g_strdup (path);
  fill (self, service);
  return self;
}

const char *
trove_catalog_properties_dialog_get_path (TroveCatalogPropertiesDialog *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_PROPERTIES_DIALOG (self), NULL);
  return self->path;
}
