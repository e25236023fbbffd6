/* trove-sort-model.c
 *
 * A scan appends assets in batches while a window shows them sorted. GTK
 * 4.8's GtkSortListModel answers an append with a change that spans from the
 * first to the last sorted position of the new items, which on a big
 * library is nearly all of it: every view above then re-reads every item,
 * a stall that grows with the library (0.1 s at 100,000 assets).
 *
 * This model keeps its items sorted in a GSequence (a balanced tree): a
 * batch costs O(k log n) to insert, and one items-changed covers the span
 * from the first new item to the last. Views above (GTK's list item
 * manager keeps the widgets of items still there) then redo only the new
 * items. Other changes of the source (a file's assets replaced after Trove
 * rewrote it) are handled the same way: the removed items leave the tree,
 * the added ones go in, and one change spans what moved. Only a change of
 * most of the source, or trove_sort_model_resort(), sorts everything again.
 *
 * @compare must be a total order (no two distinct items equal), so that the
 * result does not depend on the order items arrived in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-sort-model.h"

struct _TroveSortModel
{
  GObject parent_instance;

  GType item_type;
  GSequence *items; /* of references, sorted */
  GListModel *model;
  guint n_seen;        /* the model's first n_seen items are in items */
  GPtrArray *source;   /* the model's items in its order (borrowed from items) */
  GHashTable *iter_of; /* item -> its GSequenceIter in items */

  /* The last position get_item() read: views read in sequence. */
  GSequenceIter *last_iter;
  guint last_position;

  GCompareDataFunc compare;
  gpointer user_data;
  GDestroyNotify destroy;
};

static void trove_sort_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroveSortModel,
                               trove_sort_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      trove_sort_model_list_model_init))

static GType
trove_sort_model_get_item_type (GListModel *list)
{
  return TROVE_SORT_MODEL (list)->item_type;
}

static guint
trove_sort_model_get_n_items (GListModel *list)
{
  return (guint)g_sequence_get_length (TROVE_SORT_MODEL (list)->items);
}

static gpointer
trove_sort_model_get_item (GListModel *list, guint position)
{
  TroveSortModel *self = TROVE_SORT_MODEL (list);
  GSequenceIter *iter;

  if (position >= (guint)g_sequence_get_length (self->items))
    return NULL;
  if (self->last_iter != NULL && position == self->last_position + 1)
    iter = g_sequence_iter_next (self->last_iter);
  else if (self->last_iter != NULL && position == self->last_position)
    iter = self->last_iter;
  else
    iter = g_sequence_get_iter_at_pos (self->items, (int)position);
  self->last_iter = iter;
  self->last_position = position;
  return g_object_ref (g_sequence_get (iter));
}

static void
trove_sort_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = trove_sort_model_get_item_type;
  iface->get_n_items = trove_sort_model_get_n_items;
  iface->get_item = trove_sort_model_get_item;
}

static void
changed (TroveSortModel *self, guint position, guint removed, guint added)
{
  self->last_iter = NULL;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
sort_everything (TroveSortModel *self)
{
  guint n_old = (guint)g_sequence_get_length (self->items);
  guint n_new = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  g_hash_table_remove_all (self->iter_of);
  g_ptr_array_set_size (self->source, 0);
  g_sequence_remove_range (g_sequence_get_begin_iter (self->items),
                           g_sequence_get_end_iter (self->items));
  for (guint i = 0; i < n_new; i++)
    {
      gpointer item = g_list_model_get_item (self->model, i);
      g_ptr_array_add (self->source, item);
      g_hash_table_insert (self->iter_of, item, g_sequence_append (self->items, item));
    }
  g_sequence_sort (self->items, self->compare, self->user_data);
  self->n_seen = n_new;
  changed (self, 0, n_old, n_new);
}

/* Whether a splice can be done item by item: each removed item is known
 * once, and no added item is already in (the same object twice would
 * break the item -> position map). */
static gboolean
can_splice (TroveSortModel *self, guint position, guint removed, guint added)
{
  guint n = (guint)g_sequence_get_length (self->items);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (position + removed > self->source->len)
    return FALSE;
  /* Most of the list replaced: sorting it whole is cheaper. Appends (the
   * scan's batches) always go in one by one, so that views redo only them. */
  if (removed > 0 && removed + added > n / 2 + 64)
    return FALSE;
  for (guint i = 0; i < removed; i++)
    {
      gpointer item = self->source->pdata[position + i];
      if (!g_hash_table_contains (self->iter_of, item) || !g_hash_table_add (seen, item))
        return FALSE;
    }
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (self->model, position + i);
      if (g_hash_table_contains (self->iter_of, item) || !g_hash_table_add (seen, item))
        return FALSE;
    }
  return TRUE;
}

/* Removals and insertions are two changes, each spanning only its own
 * items: a rewritten file's assets leave and come back at the same
 * positions when the order does not depend on what changed. */
static void
splice (TroveSortModel *self, guint position, guint removed, guint added)
{
  g_autofree GSequenceIter **gone = g_new (GSequenceIter *, MAX (removed, 1));
  g_autofree GSequenceIter **inserted = g_new (GSequenceIter *, MAX (added, 1));
  guint first = G_MAXUINT, last = 0;

  /* Old positions first, then out of the tree. */
  for (guint i = 0; i < removed; i++)
    {
      gone[i] = g_hash_table_lookup (self->iter_of, self->source->pdata[position + i]);
      first = MIN (first, (guint)g_sequence_iter_get_position (gone[i]));
      last = MAX (last, (guint)g_sequence_iter_get_position (gone[i]));
    }
  for (guint i = 0; i < removed; i++)
    {
      g_hash_table_remove (self->iter_of, self->source->pdata[position + i]);
      g_sequence_remove (gone[i]);
    }
  g_ptr_array_remove_range (self->source, position, removed);
  if (removed > 0)
    changed (self, first, last - first + 1, last - first + 1 - removed);

  first = G_MAXUINT;
  last = 0;
  for (guint i = 0; i < added; i++)
    {
      gpointer item = g_list_model_get_item (self->model, position + i);
      inserted[i] = g_sequence_insert_sorted (self->items, item, self->compare, self->user_data);
      g_hash_table_insert (self->iter_of, item, inserted[i]);
      g_ptr_array_insert (self->source, (int)(position + i), item);
    }
  /* New positions once all are in. */
  for (guint i = 0; i < added; i++)
    {
      first = MIN (first, (guint)g_sequence_iter_get_position (inserted[i]));
      last = MAX (last, (guint)g_sequence_iter_get_position (inserted[i]));
    }
  self->n_seen = self->source->len;
  if (added > 0)
    changed (self, first, last - first + 1 - added, last - first + 1);
}

static void
model_changed_cb (TroveSortModel *self, guint position, guint removed, guint added)
{
  /* The scan appends: the common case, and the cheap one. */
  if (can_splice (self, position, removed, added))
    splice (self, position, removed, added);
  else
    sort_everything (self);
}

static void
trove_sort_model_dispose (GObject *object)
{
  TroveSortModel *self = TROVE_SORT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->iter_of, g_hash_table_unref);
  g_clear_pointer (&self->source, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_sequence_free);
  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);

  G_OBJECT_CLASS (trove_sort_model_parent_class)->dispose (object);
}

static void
trove_sort_model_class_init (TroveSortModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trove_sort_model_dispose;
}

static void
trove_sort_model_init (TroveSortModel *self)
{
  self->items = g_sequence_new (g_object_unref);
  self->source = g_ptr_array_new ();
  self->iter_of = g_hash_table_new (NULL, NULL);
}

/**
 * trove_sort_model_new:
 * @item_type: the type of the items, a #GObject type
 * @compare: a total order of the items
 *
 * Returns: (transfer full): a model with no source yet
 */
TroveSortModel *
trove_sort_model_new (GType item_type,
                      GCompareDataFunc compare,
                      gpointer user_data,
                      GDestroyNotify destroy)
{
  TroveSortModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (compare != NULL, NULL);

  self = g_object_new (TROVE_TYPE_SORT_MODEL, NULL);
  self->item_type = item_type;
  self->compare = compare;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

/* Returns: (transfer none) (nullable): the model sorted */
GListModel *
trove_sort_model_get_model (TroveSortModel *self)
{
  g_return_val_if_fail (TROVE_IS_SORT_MODEL (self), NULL);
  return self->model;
}

void
trove_sort_model_set_model (TroveSortModel *self, GListModel *model)
{
  g_return_if_fail (TROVE_IS_SORT_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));
  g_return_if_fail (model == NULL
                    || g_type_is_a (g_list_model_get_item_type (model), self->item_type));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_changed_cb), self);
  sort_everything (self);
}

/**
 * trove_sort_model_resort:
 *
 * Sorts everything again, after the order @compare defines has changed.
 */
void
trove_sort_model_resort (TroveSortModel *self)
{
  guint n;

  g_return_if_fail (TROVE_IS_SORT_MODEL (self));

  n = (guint)g_sequence_get_length (self->items);
  g_sequence_sort (self->items, self->compare, self->user_data);
  changed (self, 0, n, n);
}
