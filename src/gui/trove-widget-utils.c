/* trove-widget-utils.c: small helpers shared by Trove's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-widget-utils.h"

/**
 * trove_widget_dispose_template:
 *
 * gtk_widget_dispose_template(), and then the children it leaves: template
 * roots without a bound name are not cleared by it (GTK 4.8).
 */
void
trove_widget_dispose_template (GtkWidget *widget, GType widget_type)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_dispose_template (widget, widget_type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
