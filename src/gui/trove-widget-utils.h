/* trove-widget-utils.h: small helpers shared by Trove's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void trove_widget_dispose_template (GtkWidget *widget, GType widget_type);

G_END_DECLS
