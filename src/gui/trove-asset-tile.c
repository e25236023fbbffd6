/* trove-asset-tile.c
 *
 * Tiles are recycled by the grid's factory: bind swaps the asset, and all
 * per-asset state lives in the asset or the preview cache, never here.
 *
 * A tile is one widget that draws its preview, placeholder icon, type badge
 * and name itself. GTK 4.8's grid view makes and destroys a tile for every
 * item that moves into or out of the thirty or so rows it keeps around the
 * view, and while a big library streams in, sorted, that is hundreds of
 * tiles a second: child widgets (each with its CSS node, accessible object
 * and Pango context) were most of the time the main loop spent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-asset-tile.h"
#include "trove-asset-query.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

struct _TroveAssetTile
{
  GtkWidget parent_instance;

  TrovePreviewCache *cache;
  TroveAsset *asset;
  GdkTexture *texture;
  PangoLayout *name_layout; /* made when first drawn */
  int size;
  guint request_source;
};

/* A tile asks for its preview only once it has shown the same asset for a
 * moment: while a library streams in, or when scrolling fast, tiles are
 * rebound many times a second, and decoding for each binding would waste
 * the cores the scan needs. */
#define REQUEST_DELAY_MS 60

/* Pixels between the preview square and the name. */
#define NAME_SPACING 4
/* The type badge: a 16 px icon on a rounded plate, inset in the corner. */
#define BADGE_ICON 16
#define BADGE_PADDING 2
#define BADGE_INSET 2
#define BADGE_RADIUS 4
/* Adwaita's .dim-label opacity, for the placeholder icon. */
#define DIM_OPACITY 0.55f

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
  if (g_set_object (&self->texture, texture))
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

/* The height of a line of the name. Font metrics cost a shaping run, and
 * every tile has the same font: one answer per font and resolution. */
static int
name_line_height (GtkWidget *widget)
{
  static PangoFontDescription *cached_font;
  static double cached_resolution;
  static int cached_height;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);

  if (cached_font == NULL || resolution != cached_resolution
      || !pango_font_description_equal (font, cached_font))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, font, NULL);

      g_clear_pointer (&cached_font, pango_font_description_free);
      cached_font = pango_font_description_copy (font);
      cached_resolution = resolution;
      cached_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
      pango_font_metrics_unref (metrics);
    }
  return cached_height;
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

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->size;
  else
    *minimum = *natural = self->size + NAME_SPACING + name_line_height (widget);
}

static graphene_rect_t
preview_area (TroveAssetTile *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int size = MIN (self->size, width);

  return GRAPHENE_RECT_INIT ((width - size) / 2, 0, size, size);
}

/* Draws a symbolic icon from the theme in the colour @color. */
static void
draw_icon (GtkWidget *widget,
           GtkSnapshot *snapshot,
           const char *name,
           int size,
           float x,
           float y,
           const GdkRGBA *color)
{
  g_autoptr (GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (
      gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)), name, NULL, size,
      gtk_widget_get_scale_factor (widget), gtk_widget_get_direction (widget), 0);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, size, size,
                                            color, 1);
  gtk_snapshot_restore (snapshot);
}

/* The preview fits the square, keeping its aspect ratio, as Blender shows it. */
static void
draw_preview (TroveAssetTile *self,
              GtkSnapshot *snapshot,
              const graphene_rect_t *area,
              const GdkRGBA *color)
{
  int tex_width, tex_height, icon_size;
  float scale, width, height;
  GdkRGBA dim = *color;

  if (self->texture == NULL)
    {
      icon_size = MAX (self->size / 3, 16);
      dim.alpha *= DIM_OPACITY;
      draw_icon (GTK_WIDGET (self), snapshot,
                 trove_asset_type_icon_name (trove_asset_get_id_type (self->asset)), icon_size,
                 area->origin.x + (area->size.width - icon_size) / 2,
                 area->origin.y + (area->size.height - icon_size) / 2, &dim);
      return;
    }
  tex_width = MAX (gdk_texture_get_width (self->texture), 1);
  tex_height = MAX (gdk_texture_get_height (self->texture), 1);
  scale = MIN (area->size.width / tex_width, area->size.height / tex_height);
  width = tex_width * scale;
  height = tex_height * scale;
  gtk_snapshot_append_texture (
      snapshot, self->texture,
      &GRAPHENE_RECT_INIT (area->origin.x + (area->size.width - width) / 2,
                           area->origin.y + (area->size.height - height) / 2, width, height));
}

/* The type badge, in the corner at the end of the reading direction. */
static void
draw_badge (TroveAssetTile *self,
            GtkSnapshot *snapshot,
            const graphene_rect_t *area,
            GtkStyleContext *style,
            const GdkRGBA *color)
{
  const float plate = BADGE_ICON + 2 * BADGE_PADDING;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  graphene_rect_t rect = GRAPHENE_RECT_INIT (
      rtl ? area->origin.x + BADGE_INSET : area->origin.x + area->size.width - plate - BADGE_INSET,
      area->origin.y + area->size.height - plate - BADGE_INSET, plate, plate);
  GskRoundedRect rounded;
  GdkRGBA background;

  if (!gtk_style_context_lookup_color (style, "window_bg_color", &background))
    background = (GdkRGBA){ 1, 1, 1, 1 };
  background.alpha *= 0.85f;
  gsk_rounded_rect_init_from_rect (&rounded, &rect, BADGE_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &background, &rect);
  gtk_snapshot_pop (snapshot);
  draw_icon (GTK_WIDGET (self), snapshot,
             trove_asset_type_icon_name (trove_asset_get_id_type (self->asset)), BADGE_ICON,
             rect.origin.x + BADGE_PADDING, rect.origin.y + BADGE_PADDING, color);
}

/* The name: one line, centred, ellipsized at the end. */
static void
draw_name (TroveAssetTile *self,
           GtkSnapshot *snapshot,
           const graphene_rect_t *area,
           const GdkRGBA *color)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->name_layout == NULL)
    {
      self->name_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->name_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->name_layout, TRUE);
      pango_layout_set_alignment (self->name_layout, PANGO_ALIGN_CENTER);
    }
  /* Setting them, even unchanged, would shape the text again. */
  if (!g_str_equal (pango_layout_get_text (self->name_layout), trove_asset_get_name (self->asset)))
    pango_layout_set_text (self->name_layout, trove_asset_get_name (self->asset), -1);
  if (pango_layout_get_width (self->name_layout) != width * PANGO_SCALE)
    pango_layout_set_width (self->name_layout, width * PANGO_SCALE);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (
      snapshot, &GRAPHENE_POINT_INIT (0, area->origin.y + area->size.height + NAME_SPACING));
  gtk_snapshot_append_layout (snapshot, self->name_layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
trove_asset_tile_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  TroveAssetTile *self = TROVE_ASSET_TILE (widget);
  /* GTK 4.8 has no gtk_widget_get_color(): the style context is the way. */
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  graphene_rect_t area = preview_area (self);
  GdkRGBA color;

  if (self->asset == NULL)
    return;
  gtk_style_context_get_color (style, &color);
  draw_preview (self, snapshot, &area, &color);
  draw_badge (self, snapshot, &area, style, &color);
  draw_name (self, snapshot, &area, &color);
}

static void
trove_asset_tile_dispose (GObject *object)
{
  TroveAssetTile *self = TROVE_ASSET_TILE (object);

  g_clear_handle_id (&self->request_source, g_source_remove);
  if (self->asset != NULL && self->cache != NULL)
    trove_preview_cache_cancel (self->cache, self->asset, self);
  g_clear_object (&self->name_layout);
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
  widget_class->snapshot = trove_asset_tile_snapshot;
  gtk_widget_class_set_css_name (widget_class, "trove-asset-tile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
trove_asset_tile_init (TroveAssetTile *self)
{
  self->size = 128;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
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

/* Whether the tile shows the asset's preview (not a placeholder). */
gboolean
trove_asset_tile_get_shows_preview (TroveAssetTile *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET_TILE (self), FALSE);
  return self->texture != NULL;
}

void
trove_asset_tile_set_asset (TroveAssetTile *self, TroveAsset *asset)
{
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (asset == NULL)
    {
      show_texture (self, NULL);
      return;
    }

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
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
