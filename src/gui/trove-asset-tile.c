/* trove-asset-tile.c
 *
 * Tiles are recycled by the grid's factory: bind swaps the asset, and all
 * per-asset state lives in the asset or the preview cache, never here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-asset-tile.h"
#include "trove-asset-query.h"

struct _TroveAssetTile
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *overlay;
  GtkStack *preview_stack;
  GtkImage *placeholder;
  GtkPicture *picture;
  GtkImage *type_icon;
  GtkInscription *name_label;

  TrovePreviewCache *cache;
  TroveAsset *asset;
  int size;
  guint request_source;
};

/* A tile asks for its preview only once it has shown the same asset for a
 * moment: while a library streams in, or when scrolling fast, tiles are
 * rebound many times a second, and decoding for each binding would waste
 * the cores the scan needs. */
#define REQUEST_DELAY_MS 60

G_DEFINE_FINAL_TYPE (TroveAssetTile, trove_asset_tile, GTK_TYPE_WIDGET)

/* Symbolic icons from the Adwaita theme, one per kind of asset. */
const char *
trove_asset_type_icon_name (const char *id_type)
{
  static const struct
  {
    const char *code;
    const char *icon;
  } icons[] = {
    { "MA", "applications-graphics-symbolic" }, { "OB", "package-x-generic-symbolic" },
    { "WO", "weather-clear-symbolic" },         { "AC", "media-playback-start-symbolic" },
    { "NT", "emblem-system-symbolic" },         { "GR", "folder-symbolic" },
    { "IM", "image-x-generic-symbolic" },       { "TE", "image-x-generic-symbolic" },
    { "BR", "applications-graphics-symbolic" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (id_type, icons[i].code))
      return icons[i].icon;
  return "package-x-generic-symbolic";
}

static void
show_texture (TroveAssetTile *self, GdkTexture *texture)
{
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->preview_stack,
                                    texture != NULL ? "preview" : "placeholder");
}

static void
preview_ready_cb (TroveAsset *asset, GdkTexture *texture, gpointer user_data)
{
  TroveAssetTile *self = user_data;

  if (asset == self->asset)
    show_texture (self, texture);
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

static gboolean
request_preview_cb (gpointer data)
{
  TroveAssetTile *self = data;

  self->request_source = 0;
  if (self->asset != NULL)
    trove_preview_cache_request (self->cache, self->asset, preview_ready_cb, self);
  return G_SOURCE_REMOVE;
}

static void
trove_asset_tile_dispose (GObject *object)
{
  TroveAssetTile *self = TROVE_ASSET_TILE (object);

  g_clear_handle_id (&self->request_source, g_source_remove);
  if (self->asset != NULL && self->cache != NULL)
    trove_preview_cache_cancel (self->cache, self->asset, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_ASSET_TILE);
  unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->asset);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (trove_asset_tile_parent_class)->dispose (object);
}

static void
trove_asset_tile_class_init (TroveAssetTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_asset_tile_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-asset-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveAssetTile, box);
  gtk_widget_class_bind_template_child (widget_class, TroveAssetTile, overlay);
  gtk_widget_class_bind_template_child (widget_class, TroveAssetTile, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, TroveAssetTile, placeholder);
  gtk_widget_class_bind_template_child (widget_class, TroveAssetTile, picture);
  gtk_widget_class_bind_template_child (widget_class, TroveAssetTile, type_icon);
  gtk_widget_class_bind_template_child (widget_class, TroveAssetTile, name_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trove-asset-tile");
}

static void
trove_asset_tile_init (TroveAssetTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->size = 128;
}

TroveAssetTile *
trove_asset_tile_new (TrovePreviewCache *cache)
{
  TroveAssetTile *self = g_object_new (TROVE_TYPE_ASSET_TILE, NULL);

  self->cache = g_object_ref (cache);
  return self;
}

TroveAsset *
trove_asset_tile_get_asset (TroveAssetTile *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET_TILE (self), NULL);
  return self->asset;
}

void
trove_asset_tile_set_asset (TroveAssetTile *self, TroveAsset *asset)
{
  const char *icon;
  g_autofree char *label = NULL;

  g_return_if_fail (TROVE_IS_ASSET_TILE (self));
  g_return_if_fail (asset == NULL || TROVE_IS_ASSET (asset));

  if (self->asset == asset)
    return;
  /* Nobody needs the old preview from this tile any more. */
  g_clear_handle_id (&self->request_source, g_source_remove);
  if (self->asset != NULL)
    trove_preview_cache_cancel (self->cache, self->asset, self);
  g_set_object (&self->asset, asset);
  if (asset == NULL)
    {
      show_texture (self, NULL);
      return;
    }

  icon = trove_asset_type_icon_name (trove_asset_get_id_type (asset));
  gtk_image_set_from_icon_name (self->placeholder, icon);
  gtk_image_set_from_icon_name (self->type_icon, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->type_icon),
                               trove_asset_type_name (trove_asset_get_id_type (asset)));
  gtk_inscription_set_text (self->name_label, trove_asset_get_name (asset));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), trove_asset_get_name (asset));

  /* Screen readers read the tile as "Name, Material". */
  label = g_strdup_printf ("%s, %s", trove_asset_get_name (asset),
                           trove_asset_type_name (trove_asset_get_id_type (asset)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  show_texture (self, trove_preview_cache_lookup (self->cache, asset));
  if (gtk_stack_get_visible_child (self->preview_stack) != GTK_WIDGET (self->picture)
      && trove_asset_has_preview (asset))
    self->request_source = g_timeout_add (REQUEST_DELAY_MS, request_preview_cb, self);
}

/* The zoom: the square preview area is @size pixels wide. */
void
trove_asset_tile_set_size (TroveAssetTile *self, int size)
{
  g_return_if_fail (TROVE_IS_ASSET_TILE (self));

  self->size = size;
  gtk_widget_set_size_request (GTK_WIDGET (self->preview_stack), size, size);
  gtk_widget_set_size_request (GTK_WIDGET (self->name_label), size, -1);
  gtk_image_set_pixel_size (self->placeholder, MAX (size / 3, 16));
}
