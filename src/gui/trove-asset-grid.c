/* trove-asset-grid.c
 *
 * The model stack, bottom to top:
 *
 *   assets (the scanner's GListStore of TroveAsset)
 *     -> TroveSortModel       the chosen order; cheap appends while scanning
 *     -> GtkFilterListModel   catalog node + type + search query (incremental)
 *     -> GtkMultiSelection    -> GtkGridView
 *
 * Sorting comes first so that a new filter never sorts again, and filtering
 * is incremental so that a 100,000-asset library never blocks the main loop
 * for long: GTK works through the list in idle steps. With nothing to filter
 * by, the filter model is a pass-through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-asset-grid.h"
#include "trove-widget-utils.h"
#include "trove-asset-tile.h"
#include "trove-sort-model.h"

struct _TroveAssetGrid
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkGridView *grid_view;

  TrovePreviewCache *cache;
  TroveCatalogTree *tree;
  TroveCatalogNode *node;
  TroveAssetQuery *query;
  char *id_type;
  TroveSortOrder order;
  int tile_size;

  TroveSortModel *sorted;
  GtkFilterListModel *filtered;
  GtkMultiSelection *selection;
  GtkCustomFilter *filter;

  /* While assets stream in, the view stays at the top (GtkGridView keeps
   * its anchor item in view, so sorted insertions above it would scroll the
   * grid) until the user scrolls or moves through the grid. */
  gboolean pinned_to_top;
  guint pin_source;
  guint columns_source;
};

G_DEFINE_FINAL_TYPE (TroveAssetGrid, trove_asset_grid, GTK_TYPE_WIDGET)

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  TroveAssetGrid *self = user_data;
  TroveAsset *asset = item;
  const char *uuid = trove_asset_get_catalog_id (asset);

  if (self->id_type != NULL && !g_str_equal (self->id_type, trove_asset_get_id_type (asset)))
    return FALSE;
  if (self->tree != NULL && self->node != NULL
      && !trove_catalog_tree_node_matches (self->tree, self->node, uuid))
    return FALSE;
  /* The catalog path is looked up only when the query has catalog: terms. */
  if (self->query != NULL && !trove_asset_query_is_empty (self->query))
    return trove_asset_query_matches_in_tree (self->query, asset, self->tree);
  return TRUE;
}

static int
sort_func (gconstpointer a, gconstpointer b, gpointer user_data)
{
  TroveAssetGrid *self = user_data;
  TroveAsset *x = (TroveAsset *)a, *y = (TroveAsset *)b;

  switch (self->order)
    {
    case TROVE_SORT_CATALOG:
      return trove_asset_compare_by_catalog (x, y, self->tree);
    case TROVE_SORT_FILE:
      return trove_asset_compare_by_file (x, y);
    case TROVE_SORT_MODIFIED:
      return trove_asset_compare_by_modified (x, y);
    case TROVE_SORT_NAME:
    default:
      return trove_asset_compare_by_name (x, y);
    }
}

static gboolean
scroll_to_top_cb (gpointer data)
{
  TroveAssetGrid *self = data;

  self->pin_source = 0;
  /* Setting the adjustment would not do: the grid's anchor item wins. */
  if (self->pinned_to_top && g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", 0);
  return G_SOURCE_REMOVE;
}

static void
visible_changed_cb (TroveAssetGrid *self)
{
  if (self->pinned_to_top && self->pin_source == 0)
    self->pin_source = g_idle_add (scroll_to_top_cb, self);
}

static void
unpin (TroveAssetGrid *self)
{
  self->pinned_to_top = FALSE;
}

/* GTK 4.8's grid view keeps widgets for about thirty rows of max-columns
 * items around the view, whatever the number of columns that fit: with a
 * fixed 64 it made a thousand tiles, all made anew whenever a batch of a
 * scan lands above the view. max-columns follows the width instead; a
 * bound too high only costs widgets, one too low would waste space. */
static void
update_max_columns (TroveAssetGrid *self)
{
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->grid_view));
  double width = hadjustment != NULL ? gtk_adjustment_get_page_size (hadjustment) : 0;
  guint columns = width > 0 ? (guint)(width / self->tile_size) : 1;

  columns = CLAMP (columns, 1, 64);
  if (gtk_grid_view_get_max_columns (self->grid_view) != columns)
    gtk_grid_view_set_max_columns (self->grid_view, columns);
}

static gboolean
update_max_columns_cb (gpointer data)
{
  TroveAssetGrid *self = data;

  self->columns_source = 0;
  update_max_columns (self);
  return G_SOURCE_REMOVE;
}

/* The width is known during allocation, when resizing is not allowed. */
static void
width_changed_cb (TroveAssetGrid *self)
{
  if (self->columns_source == 0)
    self->columns_source = g_idle_add (update_max_columns_cb, self);
}

/* Dragging a selected tile drags the whole selection; dragging another
 * tile drags that asset alone. The payload is a GPtrArray of TroveAsset,
 * which catalog rows accept (trove-catalog-pane.c). */
static GdkContentProvider *
tile_drag_prepare_cb (GtkDragSource *source, double x, double y, GtkListItem *item)
{
  GtkWidget *tile = gtk_list_item_get_child (item);
  TroveAssetGrid *self = TROVE_ASSET_GRID (gtk_widget_get_ancestor (tile, TROVE_TYPE_ASSET_GRID));
  TroveAsset *asset = gtk_list_item_get_item (item);
  g_autoptr (GPtrArray) assets = NULL;

  if (self == NULL || asset == NULL)
    return NULL;
  if (gtk_list_item_get_selected (item))
    assets = trove_asset_grid_get_selected_assets (self);
  else
    {
      assets = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (assets, g_object_ref (asset));
    }
  return gdk_content_provider_new_typed (G_TYPE_PTR_ARRAY, assets);
}

static void
tile_drag_begin_cb (GtkDragSource *source, GdkDrag *drag, GtkListItem *item)
{
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (gtk_list_item_get_child (item));

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static void
setup_tile_cb (GtkSignalListItemFactory *factory, GtkListItem *item, TroveAssetGrid *self)
{
  TroveAssetTile *tile = trove_asset_tile_new (self->cache);
  GtkDragSource *source = gtk_drag_source_new ();

  trove_asset_tile_set_size (tile, self->tile_size);
  gtk_drag_source_set_actions (source, GDK_ACTION_LINK);
  g_signal_connect (source, "prepare", G_CALLBACK (tile_drag_prepare_cb), item);
  g_signal_connect (source, "drag-begin", G_CALLBACK (tile_drag_begin_cb), item);
  gtk_widget_add_controller (GTK_WIDGET (tile), GTK_EVENT_CONTROLLER (source));
  gtk_list_item_set_child (item, GTK_WIDGET (tile));
}

static void
bind_tile_cb (GtkSignalListItemFactory *factory, GtkListItem *item, TroveAssetGrid *self)
{
  TroveAssetTile *tile = TROVE_ASSET_TILE (gtk_list_item_get_child (item));

  trove_asset_tile_set_size (tile, self->tile_size);
  trove_asset_tile_set_asset (tile, gtk_list_item_get_item (item));
}

static void
unbind_tile_cb (GtkSignalListItemFactory *factory, GtkListItem *item, TroveAssetGrid *self)
{
  trove_asset_tile_set_asset (TROVE_ASSET_TILE (gtk_list_item_get_child (item)), NULL);
}

static void
install_factory (TroveAssetGrid *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_tile_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_tile_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_tile_cb), self, 0);
  gtk_grid_view_set_factory (self->grid_view, factory);
}

static void
trove_asset_grid_dispose (GObject *object)
{
  TroveAssetGrid *self = TROVE_ASSET_GRID (object);

  g_clear_handle_id (&self->pin_source, g_source_remove);
  g_clear_handle_id (&self->columns_source, g_source_remove);
  trove_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_ASSET_GRID);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_object (&self->node);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->query, trove_asset_query_unref);
  g_clear_pointer (&self->id_type, g_free);

  G_OBJECT_CLASS (trove_asset_grid_parent_class)->dispose (object);
}

static void
trove_asset_grid_class_init (TroveAssetGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_asset_grid_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-asset-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveAssetGrid, scroller);
  gtk_widget_class_bind_template_child (widget_class, TroveAssetGrid, grid_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
trove_asset_grid_init (TroveAssetGrid *self)
{
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tile_size = 128;
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorted = trove_sort_model_new (TROVE_TYPE_ASSET, sort_func, self, NULL);
  /* No filter until there is something to filter by. */
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)), NULL);
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (visible_changed_cb), self);
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (scroll, "scroll-begin", G_CALLBACK (unpin), self);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (unpin), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), scroll);
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->grid_view)),
                           "notify::page-size", G_CALLBACK (width_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
trove_asset_grid_set_preview_cache (TroveAssetGrid *self, TrovePreviewCache *cache)
{
  g_return_if_fail (TROVE_IS_ASSET_GRID (self));
  g_return_if_fail (TROVE_IS_PREVIEW_CACHE (cache));
  g_return_if_fail (self->cache == NULL);

  self->cache = g_object_ref (cache);
  install_factory (self);
}

/* Whether anything narrows what is shown: "All", no type, no query. */
static gboolean
has_criteria (TroveAssetGrid *self)
{
  return self->id_type != NULL
         || (self->node != NULL
             && trove_catalog_node_get_kind (self->node) != TROVE_CATALOG_NODE_ALL)
         || (self->query != NULL && !trove_asset_query_is_empty (self->query));
}

/* Installs the filter, or takes it away when it would keep everything.
 * Returns: whether the filter model changed (and so filters anew) */
static gboolean
update_filter (TroveAssetGrid *self)
{
  GtkFilter *wanted = has_criteria (self) ? GTK_FILTER (self->filter) : NULL;

  if (gtk_filter_list_model_get_filter (self->filtered) == wanted)
    return FALSE;
  gtk_filter_list_model_set_filter (self->filtered, wanted);
  return TRUE;
}

/**
 * trove_asset_grid_set_source:
 * @assets: (nullable): a #GListModel of #TroveAsset
 * @tree: (nullable): the library's catalog tree, for catalog filters and sorting
 */
void
trove_asset_grid_set_source (TroveAssetGrid *self, GListModel *assets, TroveCatalogTree *tree)
{
  g_return_if_fail (TROVE_IS_ASSET_GRID (self));

  g_set_object (&self->tree, tree);
  g_clear_object (&self->node);
  self->pinned_to_top = TRUE;
  update_filter (self);
  trove_sort_model_set_model (self->sorted, assets);
}

void
trove_asset_grid_refilter (TroveAssetGrid *self)
{
  g_return_if_fail (TROVE_IS_ASSET_GRID (self));
  if (!update_filter (self))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static TroveAssetQuery *
query_or_empty (TroveAssetQuery *query)
{
  return query != NULL ? trove_asset_query_ref (query) : trove_asset_query_parse (NULL);
}

void
trove_asset_grid_set_query (TroveAssetGrid *self, TroveAssetQuery *query)
{
  g_autoptr (TroveAssetQuery) old = NULL;
  gboolean stricter, looser;

  g_return_if_fail (TROVE_IS_ASSET_GRID (self));

  old = query_or_empty (self->query);
  g_clear_pointer (&self->query, trove_asset_query_unref);
  self->query = query_or_empty (query);

  /* Typing more only narrows the result: GTK then filters only what is shown. */
  stricter = trove_asset_query_implies (self->query, old);
  looser = trove_asset_query_implies (old, self->query);
  if ((stricter && looser) || update_filter (self))
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), stricter ? GTK_FILTER_CHANGE_MORE_STRICT
                                                 : looser ? GTK_FILTER_CHANGE_LESS_STRICT
                                                          : GTK_FILTER_CHANGE_DIFFERENT);
}

/* @id_type: a two-letter ID code, or %NULL for every type */
void
trove_asset_grid_set_type_filter (TroveAssetGrid *self, const char *id_type)
{
  g_return_if_fail (TROVE_IS_ASSET_GRID (self));

  if (g_strcmp0 (self->id_type, id_type) == 0)
    return;
  g_free (self->id_type);
  self->id_type = g_strdup (id_type);
  trove_asset_grid_refilter (self);
}

void
trove_asset_grid_set_catalog_node (TroveAssetGrid *self, TroveCatalogNode *node)
{
  g_return_if_fail (TROVE_IS_ASSET_GRID (self));

  if (g_set_object (&self->node, node))
    trove_asset_grid_refilter (self);
}

void
trove_asset_grid_set_sort_order (TroveAssetGrid *self, TroveSortOrder order)
{
  g_return_if_fail (TROVE_IS_ASSET_GRID (self));

  if (self->order == order)
    return;
  self->order = order;
  trove_sort_model_resort (self->sorted);
}

static void
resize_tiles (GtkWidget *widget, int size)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TROVE_IS_ASSET_TILE (child))
        trove_asset_tile_set_size (TROVE_ASSET_TILE (child), size);
      else
        resize_tiles (child, size);
    }
}

void
trove_asset_grid_set_tile_size (TroveAssetGrid *self, int size)
{
  g_return_if_fail (TROVE_IS_ASSET_GRID (self));

  size = CLAMP (size, 64, 256);
  if (self->tile_size == size)
    return;
  self->tile_size = size;
  /* Bound tiles resize now; recycled ones on their next bind. */
  resize_tiles (GTK_WIDGET (self->grid_view), size);
  update_max_columns (self);
}

int
trove_asset_grid_get_tile_size (TroveAssetGrid *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET_GRID (self), 128);
  return self->tile_size;
}

/* Returns: (transfer none): the assets shown, filtered and sorted */
GListModel *
trove_asset_grid_get_visible (TroveAssetGrid *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET_GRID (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

GtkSelectionModel *
trove_asset_grid_get_selection (TroveAssetGrid *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET_GRID (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

GtkGridView *
trove_asset_grid_get_grid_view (TroveAssetGrid *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET_GRID (self), NULL);
  return self->grid_view;
}

/**
 * trove_asset_grid_select_assets:
 * @assets: (element-type TroveAsset): assets to add to the selection
 *
 * Selects those of @assets the grid shows (after a file was rewritten, its
 * new asset objects replace the selected old ones).
 */
void
trove_asset_grid_select_assets (TroveAssetGrid *self, GPtrArray *assets)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new (NULL, NULL);
  g_autoptr (GtkBitset) selected = gtk_bitset_new_empty ();
  GListModel *model;
  guint n;

  g_return_if_fail (TROVE_IS_ASSET_GRID (self));

  if (self->selection == NULL || assets->len == 0)
    return;
  for (guint i = 0; i < assets->len; i++)
    g_hash_table_add (wanted, assets->pdata[i]);
  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n && g_hash_table_size (wanted) > 0; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      if (g_hash_table_remove (wanted, item))
        gtk_bitset_add (selected, i);
    }
  /* One selection-changed for them all. */
  if (!gtk_bitset_is_empty (selected))
    gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, selected);
}

/* Returns: (transfer container): the selected assets, in grid order */
GPtrArray *
trove_asset_grid_get_selected_assets (TroveAssetGrid *self)
{
  g_autoptr (GtkBitset) set = NULL;
  GPtrArray *assets = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (TROVE_IS_ASSET_GRID (self), assets);

  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (assets, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
  return assets;
}
