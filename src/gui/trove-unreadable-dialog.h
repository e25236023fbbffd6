/* trove-unreadable-dialog.h: the files a scan could not read, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TROVE_TYPE_UNREADABLE_DIALOG (trove_unreadable_dialog_get_type ())

G_DECLARE_FINAL_TYPE (
    TroveUnreadableDialog, trove_unreadable_dialog, TROVE, UNREADABLE_DIALOG, AdwWindow)

TroveUnreadableDialog *trove_unreadable_dialog_new (GtkWindow *parent, GListModel *files);
void trove_unreadable_dialog_set_texts (TroveUnreadableDialog *self,
                                        const char *title,
                                        const char *explanation);
GtkListBox *trove_unreadable_dialog_get_list_box (TroveUnreadableDialog *self);

G_END_DECLS
