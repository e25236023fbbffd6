/* trove-unreadable-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-unreadable-dialog.h"
#include "trove-unreadable-file.h"

struct _TroveUnreadableDialog
{
  AdwWindow parent_instance;

  GtkListBox *list_box;
  GtkLabel *explanation;
};

G_DEFINE_FINAL_TYPE (TroveUnreadableDialog, trove_unreadable_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  TroveUnreadableFile *file = item;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trove_unreadable_file_get_file (file));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), trove_unreadable_file_get_message (file));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
  return row;
}

static void
trove_unreadable_dialog_class_init (TroveUnreadableDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-unreadable-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveUnreadableDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, TroveUnreadableDialog, explanation);
}

static void
trove_unreadable_dialog_init (TroveUnreadableDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @files: a #GListModel of #TroveUnreadableFile; it may still grow */
TroveUnreadableDialog *
trove_unreadable_dialog_new (GtkWindow *parent, GListModel *files)
{
  TroveUnreadableDialog *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (files), NULL);

  self = g_object_new (TROVE_TYPE_UNREADABLE_DIALOG, "transient-for", parent, NULL);
  gtk_list_box_bind_model (self->list_box, files, create_row, NULL, NULL);
  return self;
}

/* The same list for another purpose, e.g. files that could not be saved. */
void
trove_unreadable_dialog_set_texts (TroveUnreadableDialog *self,
                                   const char *title,
                                   const char *explanation)
{
  g_return_if_fail (TROVE_IS_UNREADABLE_DIALOG (self));

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->explanation, explanation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
}

GtkListBox *
trove_unreadable_dialog_get_list_box (TroveUnreadableDialog *self)
{
  g_return_val_if_fail (TROVE_IS_UNREADABLE_DIALOG (self), NULL);
  return self->list_box;
}
