/* trove-library-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-library-row.h"

#include <glib/gi18n.h>

struct _TroveLibraryRow
{
  GtkListBoxRow parent_instance;

  GtkImage *icon;
  GtkLabel *name_label;
  GtkLabel *detail_label;
  GtkMenuButton *menu_button;

  TroveLibrary *library;
  gboolean registered;
};

G_DEFINE_FINAL_TYPE (TroveLibraryRow, trove_library_row, GTK_TYPE_LIST_BOX_ROW)

static void
update (TroveLibraryRow *self)
{
  g_autofree char *path = g_file_get_path (trove_library_get_folder (self->library));
  g_autofree char *display = g_filename_display_name (path != NULL ? path : "");
  const char *name = trove_library_get_name (self->library);
  gboolean available = trove_library_get_available (self->library);
  g_autofree char *label = NULL;

  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->detail_label,
                      available ? display : trove_library_get_unavailable_reason (self->library));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), display);
  gtk_image_set_from_icon_name (self->icon,
                                available ? "folder-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_opacity (GTK_WIDGET (self->name_label), available ? 1.0 : 0.6);

  label = available ? g_strdup (name)
                    /* Translators: a library in the sidebar, then why it is unavailable */
                    : g_strdup_printf (_ ("%s, unavailable: %s"), name,
                                       trove_library_get_unavailable_reason (self->library));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Registered libraries can be renamed, moved and removed; the demo library
 * or a folder opened from the command line can be added to the list. */
static GMenuModel *
build_menu (TroveLibraryRow *self)
{
  g_autofree char *path = g_file_get_path (trove_library_get_folder (self->library));
  GMenu *menu = g_menu_new ();

  if (self->registered)
    {
      const struct
      {
        const char *label;
        const char *action;
      } items[] = {
        { N_ ("_Rename…"), "sidebar.rename" },
        { N_ ("Move _Up"), "sidebar.move-up" },
        { N_ ("Move _Down"), "sidebar.move-down" },
        { N_ ("_Remove…"), "sidebar.remove" },
      };
      for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
        {
          g_autoptr (GMenuItem) item = g_menu_item_new (_ (items[i].label), NULL);
          g_menu_item_set_action_and_target_value (item, items[i].action,
                                                   g_variant_new_string (path));
          g_menu_append_item (menu, item);
        }
    }
  else
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_ ("_Add to Libraries"), NULL);
      g_menu_item_set_action_and_target_value (item, "sidebar.register",
                                               g_variant_new_string (path));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
trove_library_row_dispose (GObject *object)
{
  TroveLibraryRow *self = TROVE_LIBRARY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_LIBRARY_ROW);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (trove_library_row_parent_class)->dispose (object);
}

static void
trove_library_row_class_init (TroveLibraryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_library_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-library-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveLibraryRow, icon);
  gtk_widget_class_bind_template_child (widget_class, TroveLibraryRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TroveLibraryRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, TroveLibraryRow, menu_button);
}

static void
trove_library_row_init (TroveLibraryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TroveLibraryRow *
trove_library_row_new (TroveLibrary *library, gboolean registered)
{
  TroveLibraryRow *self;
  g_autoptr (GMenuModel) menu = NULL;

  g_return_val_if_fail (TROVE_IS_LIBRARY (library), NULL);

  self = g_object_new (TROVE_TYPE_LIBRARY_ROW, NULL);
  self->library = g_object_ref (library);
  self->registered = registered;
  menu = build_menu (self);
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  g_signal_connect_object (library, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return self;
}

TroveLibrary *
trove_library_row_get_library (TroveLibraryRow *self)
{
  g_return_val_if_fail (TROVE_IS_LIBRARY_ROW (self), NULL);
  return self->library;
}
