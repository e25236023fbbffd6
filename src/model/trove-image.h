/* trove-image.h: an RGBA8 image with rows top-down (previews, thumbnails)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROVE_TYPE_IMAGE (trove_image_get_type ())

typedef struct _TroveImage TroveImage;

GType trove_image_get_type (void) G_GNUC_CONST;

TroveImage *trove_image_new (guint width, guint height, GBytes *rgba);
TroveImage *trove_image_new_flipped (guint width, guint height, const guint8 *bottom_up_rgba);
TroveImage *trove_image_ref (TroveImage *self);
void trove_image_unref (TroveImage *self);

guint trove_image_get_width (const TroveImage *self);
guint trove_image_get_height (const TroveImage *self);
GBytes *trove_image_get_pixels (const TroveImage *self);
gsize trove_image_get_stride (const TroveImage *self);

GBytes *trove_image_to_png (const TroveImage *self);
gboolean trove_image_save_png (const TroveImage *self, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroveImage, trove_image_unref)

G_END_DECLS
