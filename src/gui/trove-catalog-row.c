/* trove-catalog-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-row.h"
#include "trove-widget-utils.h"

#include <glib/gi18n.h>

struct _TroveCatalogRow
{
  GtkWidget parent_instance;

  GtkTreeExpander *expander;
  GtkImage *icon;
  GtkLabel *name_label;
  GtkLabel *count_label;

  TroveCatalogNode *node;
  gulong count_handler;
};

G_DEFINE_FINAL_TYPE (TroveCatalogRow, trove_catalog_row, GTK_TYPE_WIDGET)

static void
update_count (TroveCatalogRow *self)
{
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;
  guint n = trove_catalog_node_get_asset_count (self->node);

  count = g_strdup_printf ("%u", n);
  gtk_label_set_text (self->count_label, count);

  /* Translators: a catalog row for screen readers, e.g. "Metal, 12 assets" */
  label = g_strdup_printf (ngettext ("%s, %u asset", "%s, %u assets", n),
                           trove_catalog_node_get_name (self->node), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static const char *
icon_for (TroveCatalogNode *node)
{
  switch (trove_catalog_node_get_kind (node))
    {
    case TROVE_CATALOG_NODE_ALL:
      return "view-grid-symbolic";
    case TROVE_CATALOG_NODE_UNASSIGNED:
      return "mail-attachment-symbolic";
    case TROVE_CATALOG_NODE_CATALOG:
    default:
      return "folder-symbolic";
    }
}

static void
trove_catalog_row_dispose (GObject *object)
{
  TroveCatalogRow *self = TROVE_CATALOG_ROW (object);

  trove_catalog_row_unbind (self);
  trove_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_CATALOG_ROW);

  G_OBJECT_CLASS (trove_catalog_row_parent_class)->dispose (object);
}

static void
trove_catalog_row_class_init (TroveCatalogRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_catalog_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-catalog-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogRow, expander);
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogRow, icon);
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TroveCatalogRow, count_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
trove_catalog_row_init (TroveCatalogRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TroveCatalogRow *
trove_catalog_row_new (void)
{
  return g_object_new (TROVE_TYPE_CATALOG_ROW, NULL);
}

void
trove_catalog_row_bind (TroveCatalogRow *self, GtkTreeListRow *row)
{
  TroveCatalogNode *node;

  g_return_if_fail (TROVE_IS_CATALOG_ROW (self));

  trove_catalog_row_unbind (self);
  node = gtk_tree_list_row_get_item (row);
  self->node = node; /* the reference from get_item */

  gtk_tree_expander_set_list_row (self->expander, row);
  gtk_image_set_from_icon_name (self->icon, icon_for (node));
  gtk_label_set_text (self->name_label, trove_catalog_node_get_name (node));
  /* Implicit parents exist only through their children: shown, but quietly. */
  if (trove_catalog_node_is_virtual (node))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                                   _ ("No catalog has this path of its own; it holds the "
                                      "catalogs below it"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), trove_catalog_node_get_path (node));
    }
  self->count_handler
      = g_signal_connect_swapped (node, "notify::asset-count", G_CALLBACK (update_count), self);
  update_count (self);
}

void
trove_catalog_row_unbind (TroveCatalogRow *self)
{
  g_return_if_fail (TROVE_IS_CATALOG_ROW (self));

  if (self->node == NULL)
    return;
  g_clear_signal_handler (&self->count_handler, self->node);
  g_clear_object (&self->node);
  if (self->expander != NULL)
    gtk_tree_expander_set_list_row (self->expander, NULL);
}

/* Returns: (transfer none) (nullable): the tree row shown */
GtkTreeListRow *
trove_catalog_row_get_list_row (TroveCatalogRow *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_ROW (self), NULL);
  return gtk_tree_expander_get_list_row (self->expander);
}

TroveCatalogNode *
trove_catalog_row_get_node (TroveCatalogRow *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_ROW (self), NULL);
  return self->node;
}
