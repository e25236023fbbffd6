/* ui-utils.h: helpers for the in-process UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trove-window.h"

G_BEGIN_DECLS

typedef struct
{
  GSettings *settings;
  TroveLibraryList *libraries;
  TroveWindow *window;
} TroveUiFixture;

void trove_ui_spin (guint ms);
gboolean trove_ui_wait_for (gboolean (*condition) (gpointer data), gpointer data, guint timeout_ms);
void trove_ui_fixture_setup (TroveUiFixture *fixture, GFile *location);
void trove_ui_fixture_teardown (TroveUiFixture *fixture);
void trove_ui_wait_for_scan (TroveUiFixture *fixture);
void trove_ui_wait_for_settled_grid (TroveUiFixture *fixture);
GPtrArray *trove_ui_visible_names (TroveUiFixture *fixture);
GtkWidget *trove_ui_find_label (GtkWidget *root, const char *text);
gboolean trove_ui_save_screenshot (GtkWidget *widget, const char *path);

G_END_DECLS
