/* trove-sort-model.h: a sorted view of a list model that mostly grows at its end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROVE_TYPE_SORT_MODEL (trove_sort_model_get_type ())

G_DECLARE_FINAL_TYPE (TroveSortModel, trove_sort_model, TROVE, SORT_MODEL, GObject)

TroveSortModel *trove_sort_model_new (GType item_type,
                                      GCompareDataFunc compare,
                                      gpointer user_data,
                                      GDestroyNotify destroy);
GListModel *trove_sort_model_get_model (TroveSortModel *self);
void trove_sort_model_set_model (TroveSortModel *self, GListModel *model);
void trove_sort_model_resort (TroveSortModel *self);

G_END_DECLS
