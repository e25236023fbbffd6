/* trove-library-sidebar.c
 *
 * The list box shows the registered libraries, and above them, when the
 * window shows a library that is not registered (the demo library, or a folder
 * given on the command line), that one too. Row menus act through the
 * sidebar's actions, with the library's folder path as the target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-library-sidebar.h"
#include "trove-widget-utils.h"
#include "trove-library-row.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _TroveLibrarySidebar
{
  GtkWidget parent_instance;

  GtkListBox *list_box;

  TroveLibraryList *libraries;
  GListStore *transient; /* 0 or 1 TroveLibrary */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (TroveLibrarySidebar, trove_library_sidebar, GTK_TYPE_WIDGET)

enum
{
  LIBRARY_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TroveLibrary *
library_for_path (TroveLibrarySidebar *self, GVariant *target)
{
  g_autoptr (GFile) folder = g_file_new_for_path (g_variant_get_string (target, NULL));

  return trove_library_sidebar_find (self, folder);
}

static void
toast (TroveLibrarySidebar *self, const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static GtkWindow *
parent_window (TroveLibrarySidebar *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static TroveLibrary *
register_folder (TroveLibrarySidebar *self, GFile *folder, const char *name)
{
  g_autofree char *default_name = trove_library_default_name (folder);
  g_autoptr (GError) error = NULL;
  TroveLibrary *library;

  library = trove_library_list_add (self->libraries, name != NULL ? name : default_name, folder,
                                    &error);
  if (library == NULL)
    toast (self, error->message);
  return library;
}

/* --- adding --- */

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, TroveLibrarySidebar *self)
{
  g_autoptr (GFile) folder = NULL;
  TroveLibrary *library;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (folder == NULL)
    return;

  library = register_folder (self, folder, NULL);
  if (library != NULL)
    trove_library_sidebar_select (self, library);
}

static void
add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveLibrarySidebar *self = TROVE_LIBRARY_SIDEBAR (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_ ("Add Library"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Add"),
                                               _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
register_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveLibrarySidebar *self = TROVE_LIBRARY_SIDEBAR (widget);
  TroveLibrary *transient = library_for_path (self, parameter);
  TroveLibrary *library;

  if (transient == NULL)
    return;
  library = register_folder (self, trove_library_get_folder (transient),
                             trove_library_get_name (transient));
  if (library != NULL)
    trove_library_sidebar_select (self, library);
}

/* --- renaming --- */

static void
rename_response_cb (AdwMessageDialog *dialog, const char *response, TroveLibrarySidebar *self)
{
  TroveLibrary *library = g_object_get_data (G_OBJECT (dialog), "library");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  g_autoptr (GError) error = NULL;

  if (g_str_equal (response, "rename")
      && !trove_library_list_rename (self->libraries, library, name, &error))
    toast (self, error->message);
}

static void
rename_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveLibrarySidebar *self = TROVE_LIBRARY_SIDEBAR (widget);
  TroveLibrary *library = library_for_path (self, parameter);
  GtkWidget *dialog, *entry;

  if (library == NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), _ ("Rename Library"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), trove_library_get_name (library));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Library name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "rename",
                                    _ ("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "library", g_object_ref (library), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- removing --- */

static void
remove_response_cb (AdwMessageDialog *dialog, const char *response, TroveLibrarySidebar *self)
{
  TroveLibrary *library = g_object_get_data (G_OBJECT (dialog), "library");

  if (g_str_equal (response, "remove"))
    trove_library_list_remove (self->libraries, library);
}

static void
remove_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveLibrarySidebar *self = TROVE_LIBRARY_SIDEBAR (widget);
  TroveLibrary *library = library_for_path (self, parameter);
  GtkWidget *dialog;

  if (library == NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _ ("Remove “%s”?"),
                                     trove_library_get_name (library));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _ ("The library is removed from Trove only. Its folder and files "
                                  "are not deleted, and you can add it again at any time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "remove",
                                    _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "library", g_object_ref (library), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- reordering --- */

static guint
position_of (TroveLibrarySidebar *self, TroveLibrary *library)
{
  GListModel *model = G_LIST_MODEL (self->libraries);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (TroveLibrary) item = g_list_model_get_item (model, i);
      if (item == library)
        return i;
    }
  return G_MAXUINT;
}

static void
move_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveLibrarySidebar *self = TROVE_LIBRARY_SIDEBAR (widget);
  TroveLibrary *library = library_for_path (self, parameter);
  guint position;

  if (library == NULL || (position = position_of (self, library)) == G_MAXUINT)
    return;
  if (g_str_equal (action_name, "sidebar.move-up") && position > 0)
    trove_library_list_move (self->libraries, library, position - 1);
  else if (g_str_equal (action_name, "sidebar.move-down"))
    trove_library_list_move (self->libraries, library, position + 1);
  trove_library_sidebar_select (self, library);
}

/* --- the list --- */

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  TroveLibrarySidebar *self = user_data;
  gboolean registered
      = self->libraries != NULL && position_of (self, TROVE_LIBRARY (item)) != G_MAXUINT;

  return GTK_WIDGET (trove_library_row_new (TROVE_LIBRARY (item), registered));
}

static void
row_activated_cb (TroveLibrarySidebar *self, GtkListBoxRow *row)
{
  g_signal_emit (self, signals[LIBRARY_SELECTED], 0,
                 trove_library_row_get_library (TROVE_LIBRARY_ROW (row)));
}

static void
rebind (TroveLibrarySidebar *self)
{
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr (GtkFlattenListModel) all = NULL;

  g_list_store_append (parts, self->transient);
  if (self->libraries != NULL)
    g_list_store_append (parts, self->libraries);
  all = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (all), create_row, self, NULL);
}

static void
trove_library_sidebar_dispose (GObject *object)
{
  TroveLibrarySidebar *self = TROVE_LIBRARY_SIDEBAR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  trove_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_LIBRARY_SIDEBAR);
  g_clear_object (&self->libraries);
  g_clear_object (&self->transient);

  G_OBJECT_CLASS (trove_library_sidebar_parent_class)->dispose (object);
}

static void
trove_library_sidebar_class_init (TroveLibrarySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_library_sidebar_dispose;

  signals[LIBRARY_SELECTED]
      = g_signal_new ("library-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, TROVE_TYPE_LIBRARY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-library-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveLibrarySidebar, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "sidebar.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.register", "s", register_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.rename", "s", rename_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.remove", "s", remove_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.move-up", "s", move_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.move-down", "s", move_activated);
}

static void
trove_library_sidebar_init (TroveLibrarySidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->transient = g_list_store_new (TROVE_TYPE_LIBRARY);
  g_signal_connect_swapped (self->list_box, "row-activated", G_CALLBACK (row_activated_cb), self);
  rebind (self);
}

void
trove_library_sidebar_set_libraries (TroveLibrarySidebar *self, TroveLibraryList *libraries)
{
  g_return_if_fail (TROVE_IS_LIBRARY_SIDEBAR (self));

  g_set_object (&self->libraries, libraries);
  rebind (self);
}

/* @library: (nullable): an unregistered library to show above the list */
void
trove_library_sidebar_set_transient (TroveLibrarySidebar *self, TroveLibrary *library)
{
  g_return_if_fail (TROVE_IS_LIBRARY_SIDEBAR (self));

  if (library != NULL)
    g_list_store_splice (self->transient, 0,
                         g_list_model_get_n_items (G_LIST_MODEL (self->transient)),
                         (gpointer *)&library, 1);
  else
    g_list_store_remove_all (self->transient);
}

/* Highlights @library's row, without emitting library-selected. */
void
trove_library_sidebar_select (TroveLibrarySidebar *self, TroveLibrary *library)
{
  g_return_if_fail (TROVE_IS_LIBRARY_SIDEBAR (self));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);
      if (row == NULL)
        break;
      if (trove_library_row_get_library (TROVE_LIBRARY_ROW (row)) == library)
        {
          gtk_list_box_select_row (self->list_box, row);
          return;
        }
    }
  gtk_list_box_unselect_all (self->list_box);
}

/* Returns: (transfer none) (nullable): the shown library with this folder */
TroveLibrary *
trove_library_sidebar_find (TroveLibrarySidebar *self, GFile *folder)
{
  TroveLibrary *library = NULL;

  g_return_val_if_fail (TROVE_IS_LIBRARY_SIDEBAR (self), NULL);

  if (self->libraries != NULL)
    library = trove_library_list_find (self->libraries, folder);
  for (guint i = 0;
       library == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->transient)); i++)
    {
      g_autoptr (TroveLibrary) item = g_list_model_get_item (G_LIST_MODEL (self->transient), i);
      if (g_file_equal (trove_library_get_folder (item), folder))
        library = item;
    }
  return library;
}

GtkListBox *
trove_library_sidebar_get_list_box (TroveLibrarySidebar *self)
{
  g_return_val_if_fail (TROVE_IS_LIBRARY_SIDEBAR (self), NULL);
  return self->list_box;
}

static void
import_response_cb (AdwMessageDialog *dialog, const char *response, TroveLibrarySidebar *self)
{
  GPtrArray *libraries = g_object_get_data (G_OBJECT (dialog), "libraries");

  if (!g_str_equal (response, "import"))
    return;
  for (guint i = 0; i < libraries->len; i++)
    {
      TroveLibrary *library = libraries->pdata[i];
      g_autoptr (GError) error = NULL;
      if (trove_library_list_add (self->libraries, trove_library_get_name (library),
                                  trove_library_get_folder (library), &error)
          == NULL)
        g_debug ("Not imported: %s", error->message);
    }
}

/**
 * trove_library_sidebar_offer_blender_import:
 * @libraries: (element-type TroveLibrary): the libraries in Blender's preferences
 *
 * Asks whether to register the libraries Blender knows about.
 */
void
trove_library_sidebar_offer_blender_import (TroveLibrarySidebar *self, GPtrArray *libraries)
{
  g_autoptr (GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  g_return_if_fail (TROVE_IS_LIBRARY_SIDEBAR (self));

  if (libraries == NULL || libraries->len == 0 || self->libraries == NULL)
    return;
  g_string_append (body, _ ("Blender’s preferences list these asset libraries:"));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < libraries->len; i++)
    {
      g_autofree char *path = g_file_get_path (trove_library_get_folder (libraries->pdata[i]));
      g_string_append_printf (body, "\n• %s — %s", trove_library_get_name (libraries->pdata[i]),
                              path);
    }

  dialog = adw_message_dialog_new (parent_window (self), _ ("Import Libraries from Blender?"),
                                   body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "skip", _ ("_Not Now"), "import",
                                    _ ("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "skip");
  g_object_set_data_full (G_OBJECT (dialog), "libraries", g_ptr_array_ref (libraries),
                          (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
