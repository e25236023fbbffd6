/* test-sort-model.c: TroveSortModel keeps its items sorted, and every
 * items-changed it emits describes the change exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "trove-sort-model.h"

static GQuark key_quark;

static GObject *
item_new (int key)
{
  GObject *item = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_qdata (item, key_quark, GINT_TO_POINTER (key));
  return item;
}

static int
item_key (gpointer item)
{
  return GPOINTER_TO_INT (g_object_get_qdata (item, key_quark));
}

/* Ascending, or descending when *descending is set. */
static int
compare_keys (gconstpointer a, gconstpointer b, gpointer data)
{
  gboolean *descending = data;
  int x = item_key ((gpointer)a), y = item_key ((gpointer)b);
  int order = (x > y) - (x < y);

  return *descending ? -order : order;
}

/* A view's copy of the model, kept up to date only from items-changed. */
typedef struct
{
  GPtrArray *items;
  guint n_signals;
} Mirror;

static void
mirror_changed_cb (GListModel *model, guint position, guint removed, guint added, Mirror *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, (int)(position + i),
                        g_list_model_get_item (model, position + i));
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (model));
  mirror->n_signals++;
}

/* The mirror matches the model, which is sorted and holds @n items. */
static void
assert_sorted (TroveSortModel *model, Mirror *mirror, guint n, gboolean descending)
{
  GListModel *list = G_LIST_MODEL (model);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  g_assert_cmpuint (mirror->items->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);

      g_assert_true (item == mirror->items->pdata[i]);
      if (i > 0)
        g_assert_cmpint (compare_keys (mirror->items->pdata[i - 1], item, &descending), <, 0);
    }
}

static void
append_batch (GListStore *source, guint n, GRand *rand, int *next_key)
{
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  /* Unique keys in random order: a total order, as the model requires. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (batch, item_new ((*next_key)++));
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (int)i);
      gpointer tmp = batch->pdata[i - 1];
      batch->pdata[i - 1] = batch->pdata[j];
      batch->pdata[j] = tmp;
    }
  g_list_store_splice (source, g_list_model_get_n_items (G_LIST_MODEL (source)), 0, batch->pdata,
                       batch->len);
}

/* Appends of every size keep the order, each batch in one change that
 * spans its first to its last new item. */
static void
test_appends (void)
{
  g_autoptr (GListStore) source = g_list_store_new (G_TYPE_OBJECT);
  gboolean descending = FALSE;
  g_autoptr (TroveSortModel) model
      = trove_sort_model_new (G_TYPE_OBJECT, compare_keys, &descending, NULL);
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  const guint batches[] = { 0, 1, 5, 1000, 3, 300, 40, 2000, 1, 256, 255 };
  int next_key = 0;
  guint total = 0, signals_before;

  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);
  trove_sort_model_set_model (model, G_LIST_MODEL (source));
  for (gsize b = 0; b < G_N_ELEMENTS (batches); b++)
    {
      signals_before = mirror.n_signals;
      append_batch (source, batches[b], rand, &next_key);
      total += batches[b];
      assert_sorted (model, &mirror, total, descending);
      g_assert_cmpuint (mirror.n_signals - signals_before, ==, batches[b] > 0 ? 1 : 0);
    }
  g_ptr_array_unref (mirror.items);
}

static void
record_change_cb (GListModel *model, guint position, guint removed, guint added, guint change[3])
{
  change[0] = position;
  change[1] = removed;
  change[2] = added;
}

/* The change covers only the span of the new items: keys 10, 20, ... 90,
 * then 35 and 55 go in at positions 3 and 6. */
static void
test_change_span (void)
{
  g_autoptr (GListStore) source = g_list_store_new (G_TYPE_OBJECT);
  gboolean descending = FALSE;
  g_autoptr (TroveSortModel) model
      = trove_sort_model_new (G_TYPE_OBJECT, compare_keys, &descending, NULL);
  g_autoptr (GObject) a = item_new (55);
  g_autoptr (GObject) b = item_new (35);
  guint change[3] = { 0 };

  for (int key = 10; key < 100; key += 10)
    {
      g_autoptr (GObject) item = item_new (key);
      g_list_store_append (source, item);
    }
  trove_sort_model_set_model (model, G_LIST_MODEL (source));
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change_cb), change);
  g_list_store_splice (source, 9, 0, (gpointer[]){ a, b }, 2);
  g_assert_cmpuint (change[0], ==, 3);
  g_assert_cmpuint (change[1], ==, 2);
  g_assert_cmpuint (change[2], ==, 4);
}

/* Anything but an append, a new order, or a new source sorts everything. */
static void
test_other_changes (void)
{
  g_autoptr (GListStore) source = g_list_store_new (G_TYPE_OBJECT);
  gboolean descending = FALSE;
  g_autoptr (TroveSortModel) model
      = trove_sort_model_new (G_TYPE_OBJECT, compare_keys, &descending, NULL);
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (GObject) first = item_new (-1);
  int next_key = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);
  append_batch (source, 50, rand, &next_key);
  trove_sort_model_set_model (model, G_LIST_MODEL (source));
  assert_sorted (model, &mirror, 50, descending);
  g_assert_true (trove_sort_model_get_model (model) == G_LIST_MODEL (source));

  g_list_store_remove (source, 10);
  assert_sorted (model, &mirror, 49, descending);
  g_list_store_insert (source, 0, first);
  assert_sorted (model, &mirror, 50, descending);
  append_batch (source, 3, rand, &next_key);
  assert_sorted (model, &mirror, 53, descending);

  descending = TRUE;
  trove_sort_model_resort (model);
  assert_sorted (model, &mirror, 53, descending);
  append_batch (source, 4, rand, &next_key);
  assert_sorted (model, &mirror, 57, descending);

  trove_sort_model_set_model (model, NULL);
  assert_sorted (model, &mirror, 0, descending);
  g_list_store_remove_all (source);
  assert_sorted (model, &mirror, 0, descending);
  g_ptr_array_unref (mirror.items);
}

/* Any splice of the source, as when a rewritten file's assets replace its
 * old ones: still sorted, one exact change each, and only the span that
 * moved is redone (a change that spans everything would make every view
 * re-read every item). */
static void
test_splices (void)
{
  g_autoptr (GListStore) source = g_list_store_new (G_TYPE_OBJECT);
  gboolean descending = FALSE;
  g_autoptr (TroveSortModel) model
      = trove_sort_model_new (G_TYPE_OBJECT, compare_keys, &descending, NULL);
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (2026);
  guint change[3] = { 0 };
  int next_key = 0;
  guint n = 1000;

  append_batch (source, n, rand, &next_key);
  trove_sort_model_set_model (model, G_LIST_MODEL (source));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change_cb), change);
  /* Connected after the first sort: the mirror starts from the model. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (mirror.items, g_list_model_get_item (G_LIST_MODEL (model), i));
  assert_sorted (model, &mirror, n, descending);

  for (guint round = 0; round < 400; round++)
    {
      guint position = (guint)g_rand_int_range (rand, 0, (int)n + 1);
      guint want = (guint)g_rand_int_range (rand, 0, 12);
      guint removed = MIN (want, n - position);
      guint added = (guint)g_rand_int_range (rand, 0, 12);
      g_autoptr (GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
      guint signals_before = mirror.n_signals;

      /* New keys anywhere in the order: random, but unique. */
      for (guint i = 0; i < added; i++)
        g_ptr_array_add (fresh, item_new (g_rand_int_range (rand, 0, 1 << 18) * 4096 + next_key++));
      g_list_store_splice (source, position, removed, fresh->pdata, added);
      n = n - removed + added;
      assert_sorted (model, &mirror, n, descending);
      /* At most one change for the removals and one for the insertions. */
      g_assert_cmpuint (mirror.n_signals - signals_before, ==, (removed > 0) + (added > 0));
    }

  /* An item replaced by one that sorts where it was: two changes of one
   * item each, not a span over everything. */
  for (guint round = 0; round < 50; round++)
    {
      guint position = (guint)g_rand_int_range (rand, 0, (int)n);
      g_autoptr (GObject) old = g_list_model_get_item (G_LIST_MODEL (source), position);
      /* The same key: the old item leaves as it comes, so keys stay unique. */
      g_autoptr (GObject) fresh = item_new (item_key (old));
      guint signals_before = mirror.n_signals;

      g_list_store_splice (source, position, 1, (gpointer[]){ fresh }, 1);
      assert_sorted (model, &mirror, n, descending);
      g_assert_cmpuint (mirror.n_signals - signals_before, ==, 2);
      g_assert_cmpuint (change[1], ==, 0);
      g_assert_cmpuint (change[2], ==, 1);
    }
  g_ptr_array_unref (mirror.items);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  key_quark = g_quark_from_static_string ("trove-test-key");

  g_test_add_func ("/sort-model/appends", test_appends);
  g_test_add_func ("/sort-model/change-span", test_change_span);
  g_test_add_func ("/sort-model/splices", test_splices);
  g_test_add_func ("/sort-model/other-changes", test_other_changes);
  return g_test_run ();
}
