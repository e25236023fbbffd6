/* trove-catalog-pane.c
 *
 * A GtkListView over a GtkTreeListModel of the tree's roots (All, the
 * top-level catalogs in byte order, Unassigned); children are created lazily
 * when a row is expanded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-pane.h"
#include "trove-catalog-row.h"

#include <string.h>

struct _TroveCatalogPane
{
  GtkWidget parent_instance;

  GtkListView *list_view;

  TroveCatalogTree *tree;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (TroveCatalogPane, trove_catalog_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED_NODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListModel *
create_children (gpointer item, gpointer user_data)
{
  GListModel *children = trove_catalog_node_get_children (item);

  if (g_list_model_get_n_items (children) == 0)
    return NULL;
  return g_object_ref (children);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (trove_catalog_row_new ()));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  trove_catalog_row_bind (TROVE_CATALOG_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  trove_catalog_row_unbind (TROVE_CATALOG_ROW (gtk_list_item_get_child (item)));
}

static void
selection_changed_cb (TroveCatalogPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_NODE]);
}

/* Template roots without a bound name are not cleared by
 * gtk_widget_dispose_template(). */
static void
unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

static void
trove_catalog_pane_dispose (GObject *object)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_CATALOG_PANE);
  unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);

  G_OBJECT_CLASS (trove_catalog_pane_parent_class)->dispose (object);
}

static void
trove_catalog_pane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveCatalogPane *self = TROVE_CATALOG_PANE (object);

  switch (prop_id)
    {
    case PROP_SELECTED_NODE:
      g_value_set_object (value, trove_catalog_pane_get_selected_node (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_catalog_pane_class_init (TroveCatalogPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_catalog_pane_dispose;
  object_class->get_property = trove_catalog_pane_get_property;

  properties[PROP_SELECTED_NODE]
      = g_param_spec_object ("selected-node", NULL, NULL, TROVE_TYPE_CATALOG_NODE,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-catalog-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogPane, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
trove_catalog_pane_init (TroveCatalogPane *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

/* @tree: (nullable): the library's catalog tree; "All" is selected */
void
trove_catalog_pane_set_tree (TroveCatalogPane *self, TroveCatalogTree *tree)
{
  GtkTreeListModel *model = NULL;

  g_return_if_fail (TROVE_IS_CATALOG_PANE (self));

  g_set_object (&self->tree, tree);
  if (tree != NULL)
    model = gtk_tree_list_model_new (g_object_ref (trove_catalog_tree_get_roots (tree)), FALSE,
                                     FALSE, create_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  g_clear_object (&model);
  gtk_single_selection_set_selected (self->selection, 0);
}

/* Returns: (transfer none) (nullable): the selected row's node */
TroveCatalogNode *
trove_catalog_pane_get_selected_node (TroveCatalogPane *self)
{
  GtkTreeListRow *row;
  TroveCatalogNode *node;

  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  node = gtk_tree_list_row_get_item (row);
  /* The tree keeps its nodes alive; hand out a borrowed pointer. */
  g_object_unref (node);
  return node;
}

/* Expands the way to @path and selects it. */
gboolean
trove_catalog_pane_select_path (TroveCatalogPane *self, const char *path)
{
  GListModel *model;

  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  model = gtk_single_selection_get_model (self->selection);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr (TroveCatalogNode) node = gtk_tree_list_row_get_item (row);
      const char *node_path = trove_catalog_node_get_path (node);
      gsize length = strlen (node_path);

      if (trove_catalog_node_get_kind (node) != TROVE_CATALOG_NODE_CATALOG)
        continue;
      if (g_str_equal (node_path, path))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
      /* An ancestor of @path: open it; its children follow it in the model. */
      if (strncmp (path, node_path, length) == 0 && path[length] == '/')
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return FALSE;
}

GtkListView *
trove_catalog_pane_get_list_view (TroveCatalogPane *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_PANE (self), NULL);
  return self->list_view;
}
