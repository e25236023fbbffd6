/* trove-catalog-dialogs.h: the small questions of catalog editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called with the accepted answer; never when the dialog is cancelled, or
 * when @owner is gone. */
typedef void (*TroveNameAnswer) (GObject *owner, const char *name, gpointer data);
typedef void (*TroveConfirmAnswer) (GObject *owner, gpointer data);

void trove_catalog_ask_name (GtkWidget *parent,
                             GObject *owner,
                             const char *heading,
                             const char *initial,
                             const char *accept_label,
                             TroveNameAnswer answer,
                             gpointer data,
                             GDestroyNotify destroy);

void trove_catalog_confirm (GtkWidget *parent,
                            GObject *owner,
                            const char *heading,
                            const char *body,
                            const char *accept_label,
                            gboolean destructive,
                            TroveConfirmAnswer answer,
                            gpointer data,
                            GDestroyNotify destroy);

AdwMessageDialog *trove_catalog_find_open_dialog (void);
GtkEditable *trove_catalog_dialog_get_entry (AdwMessageDialog *dialog);

G_END_DECLS
