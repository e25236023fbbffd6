/* trove-catalog-dialogs.c
 *
 * Message dialogs in the GNOME manner: a heading, a body, Cancel and one
 * accepting response (destructive for deletions), with Escape as Cancel.
 * The name dialog refuses an empty name with a message, as the issue asks:
 * Blender silently keeps the old name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-dialogs.h"

#include <glib/gi18n.h>

typedef struct
{
  GWeakRef owner;
  TroveNameAnswer name_answer;
  TroveConfirmAnswer confirm_answer;
  gpointer data;
  GDestroyNotify destroy;
  GtkEditable *entry;
} Question;

static void
question_free (Question *question)
{
  g_weak_ref_clear (&question->owner);
  if (question->destroy != NULL)
    question->destroy (question->data);
  g_free (question);
}

static Question *
question_new (GObject *owner, gpointer data, GDestroyNotify destroy)
{
  Question *question = g_new0 (Question, 1);

  g_weak_ref_init (&question->owner, owner);
  question->data = data;
  question->destroy = destroy;
  return question;
}

static void
response_cb (AdwMessageDialog *dialog, const char *response, Question *question)
{
  g_autoptr (GObject) owner = g_weak_ref_get (&question->owner);

  if (owner == NULL || !g_str_equal (response, "accept"))
    return;
  if (question->name_answer != NULL)
    question->name_answer (owner, gtk_editable_get_text (question->entry), question->data);
  else
    question->confirm_answer (owner, question->data);
}

static GtkWidget *
new_dialog (GtkWidget *parent,
            const char *heading,
            const char *body,
            const char *accept_label,
            gboolean destructive,
            Question *question)
{
  GtkWidget *dialog
      = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "accept",
                                    accept_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           destructive ? "cancel" : "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "trove-question", question,
                          (GDestroyNotify)question_free);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), question);
  return dialog;
}

static void
name_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean empty = *name == '\0';

  adw_message_dialog_set_response_enabled (dialog, "accept", !empty);
  adw_message_dialog_set_body (dialog, empty ? _ ("A catalog name cannot be empty") : "");
}

/**
 * trove_catalog_ask_name:
 * @owner: @answer is only called while it exists
 *
 * Asks for a catalog name, starting from @initial (selected).
 */
void
trove_catalog_ask_name (GtkWidget *parent,
                        GObject *owner,
                        const char *heading,
                        const char *initial,
                        const char *accept_label,
                        TroveNameAnswer answer,
                        gpointer data,
                        GDestroyNotify destroy)
{
  Question *question = question_new (owner, data, destroy);
  GtkWidget *dialog = new_dialog (parent, heading, NULL, accept_label, FALSE, question);
  GtkWidget *entry = gtk_entry_new ();

  question->name_answer = answer;
  question->entry = GTK_EDITABLE (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), initial);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Catalog name"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

/**
 * trove_catalog_confirm:
 * @owner: @answer is only called while it exists
 */
void
trove_catalog_confirm (GtkWidget *parent,
                       GObject *owner,
                       const char *heading,
                       const char *body,
                       const char *accept_label,
                       gboolean destructive,
                       TroveConfirmAnswer answer,
                       gpointer data,
                       GDestroyNotify destroy)
{
  Question *question = question_new (owner, data, destroy);
  GtkWidget *dialog = new_dialog (parent, heading, body, accept_label, destructive, question);

  question->confirm_answer = answer;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Returns: (transfer none) (nullable): a catalog question on screen, for tests */
AdwMessageDialog *
trove_catalog_find_open_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_object_get_data (window, "trove-question") != NULL)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Returns: (transfer none): the name entry of a name question */
GtkEditable *
trove_catalog_dialog_get_entry (AdwMessageDialog *dialog)
{
  Question *question = g_object_get_data (G_OBJECT (dialog), "trove-question");

  return question != NULL ? question->entry : NULL;
}
