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

#include <glib/gi18n.h>

struct _TroveAssetTile
{
  GtkWidget parent_instance;

  /* The preview itself is drawn in snapshot(): with GTK 4.8 the grid makes
   * and destroys tiles as it scrolls, so every widget less per tile counts. */
  GtkImage *placeholder;
  GtkImage *type_icon;
  GtkInscription *name_label;
  GdkTexture *texture;

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

/* Pixels between the preview square and the name; the badge's inset. */
#define NAME_SPACING 4
#define BADGE_INSET 2

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
  if (!g_set_object (&self->texture, texture))
    return;
  gtk_widget_set_child_visible (GTK_WIDGET (self->placeholder), texture == NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
preview_ready_cb (TroveAsset *asset, GdkTexture *texture, gpointer user_data)
{
  TroveAssetTile *self = user_data;

  if (asset == self->asset)
    show_texture (self, texture);
}

/* The tooltip is made when asked for: setting tooltip text on every bind
 * makes GTK query the pointer position from the display server each time. */
static gboolean
query_tooltip_cb (TroveAssetTile *self, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;

  if (self->asset == NULL)
    return FALSE;
  /* Translators: a tile's tooltip: the asset's full name, then its type */
  text = g_strdup_printf (_ ("%s — %s"), trove_asset_get_name (self->asset),
                          trove_asset_type_name (trove_asset_get_id_type (self->asset)));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
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
trove_asset_tile_measure (GtkWidget *widget,
                          GtkOrientation orientation,
                          int for_size,
                          int *minimum,
                          int *natural,
                          int *minimum_baseline,
                          int *natural_baseline)
{
  TroveAssetTile *self = TROVE_ASSET_TILE (widget);
  int label_min, label_nat;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = self->size;
      return;
    }
  gtk_widget_measure (GTK_WIDGET (self->name_label), GTK_ORIENTATION_VERTICAL,
                      MAX (for_size, self->size), &label_min, &label_nat, NULL, NULL);
  *minimum = self->size + NAME_SPACING + label_min;
  *natural = self->size + NAME_SPACING + label_nat;
}

/* Centres @child at its natural size, or puts it in the corner of @area. */
static void
place_child (GtkWidget *child, const GdkRectangle *area, gboolean in_corner)
{
  GtkRequisition natural;
  int x, y;

  gtk_widget_get_preferred_size (child, NULL, &natural);
  natural.width = MIN (natural.width, area->width);
  natural.height = MIN (natural.height, area->height);
  x = area->x
      + (in_corner ? area->width - natural.width - BADGE_INSET : (area->width - natural.width) / 2);
  y = area->y
      + (in_corner ? area->height - natural.height - BADGE_INSET
                   : (area->height - natural.height) / 2);
  gtk_widget_size_allocate (child, &(GtkAllocation){ x, y, natural.width, natural.height }, -1);
}

static void
preview_area (TroveAssetTile *self, int width, GdkRectangle *area)
{
  int size = MIN (self->size, width);

  *area = (GdkRectangle){ (width - size) / 2, 0, size, size };
}

static void
trove_asset_tile_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  TroveAssetTile *self = TROVE_ASSET_TILE (widget);
  GdkRectangle area;
  int label_y;

  preview_area (self, width, &area);
  place_child (GTK_WIDGET (self->placeholder), &area, FALSE);
  place_child (GTK_WIDGET (self->type_icon), &area, TRUE);
  label_y = area.height + NAME_SPACING;
  gtk_widget_size_allocate (GTK_WIDGET (self->name_label),
                            &(GtkAllocation){ 0, label_y, width, MAX (height - label_y, 0) }, -1);
}

/* The preview fits the square, keeping its aspect ratio, as Blender shows it. */
static void
trove_asset_tile_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  TroveAssetTile *self = TROVE_ASSET_TILE (widget);

  if (self->texture != NULL)
    {
      int tex_width = gdk_texture_get_width (self->texture);
      int tex_height = gdk_texture_get_height (self->texture);
      GdkRectangle area;
      double scale, width, height;

      preview_area (self, gtk_widget_get_width (widget), &area);
      scale = MIN ((double)area.width / MAX (tex_width, 1),
                   (double)area.height / MAX (tex_height, 1));
      width = tex_width * scale;
      height = tex_height * scale;
      gtk_snapshot_append_texture (snapshot, self->texture,
                                   &GRAPHENE_RECT_INIT (area.x + (area.width - width) / 2,
                                                        area.y + (area.height - height) / 2, width,
                                                        height));
    }
  GTK_WIDGET_CLASS (trove_asset_tile_parent_class)->snapshot (widget, snapshot);
}

static void
trove_asset_tile_dispose (GObject *object)
{
  TroveAssetTile *self = TROVE_ASSET_TILE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->request_source, g_source_remove);
  if (self->asset != NULL && self->cache != NULL)
    trove_preview_cache_cancel (self->cache, self->asset, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->texture);
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
  widget_class->measure = trove_asset_tile_measure;
  widget_class->size_allocate = trove_asset_tile_size_allocate;
  widget_class->snapshot = trove_asset_tile_snapshot;
  gtk_widget_class_set_css_name (widget_class, "trove-asset-tile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* Built in code rather than from a template: parsing a template for each of
 * the hundreds of tiles made while scrolling was a third of the main loop's
 * time on big libraries. */
static void
trove_asset_tile_init (TroveAssetTile *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->size = 128;
  self->placeholder = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->placeholder, 48);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_widget_set_parent (GTK_WIDGET (self->placeholder), widget);

  self->type_icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->type_icon, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self->type_icon), "trove-type-badge");
  gtk_widget_set_parent (GTK_WIDGET (self->type_icon), widget);

  self->name_label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_xalign (self->name_label, 0.5);
  gtk_inscription_set_text_overflow (self->name_label, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (self->name_label, 12);
  gtk_inscription_set_min_lines (self->name_label, 1);
  gtk_widget_set_parent (GTK_WIDGET (self->name_label), widget);

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
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
  gtk_inscription_set_text (self->name_label, trove_asset_get_name (asset));

  /* Screen readers read the tile as "Name, Material". */
  label = g_strdup_printf ("%s, %s", trove_asset_get_name (asset),
                           trove_asset_type_name (trove_asset_get_id_type (asset)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  show_texture (self, trove_preview_cache_lookup (self->cache, asset));
  if (self->texture == NULL && trove_asset_has_preview (asset))
    self->request_source = g_timeout_add (REQUEST_DELAY_MS, request_preview_cb, self);
}

/* The zoom: the square preview area is @size pixels wide. */
void
trove_asset_tile_set_size (TroveAssetTile *self, int size)
{
  g_return_if_fail (TROVE_IS_ASSET_TILE (self));

  if (self->size == size)
    return;
  self->size = size;
  gtk_image_set_pixel_size (self->placeholder, MAX (size / 3, 16));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
