/* trove-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-image.h"

#include <string.h>
#include <zlib.h>

struct _TroveImage
{
  gatomicrefcount ref_count;
  guint width;
  guint height;
  GBytes *pixels;
};

G_DEFINE_BOXED_TYPE (TroveImage, trove_image, trove_image_ref, trove_image_unref)

/**
 * trove_image_new:
 * @rgba: width × height × 4 bytes, rows top-down
 */
TroveImage *
trove_image_new (guint width, guint height, GBytes *rgba)
{
  TroveImage *self;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (rgba != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (rgba) == (gsize)width * height * 4, NULL);

  self = g_new0 (TroveImage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->width = width;
  self->height = height;
  self->pixels = g_bytes_ref (rgba);
  return self;
}

/* Blender stores images bottom-up (ImBuf order); this makes them top-down. */
TroveImage *
trove_image_new_flipped (guint width, guint height, const guint8 *bottom_up_rgba)
{
  gsize stride = (gsize)width * 4;
  guint8 *pixels;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (bottom_up_rgba != NULL, NULL);

  pixels = g_malloc (stride * height);
  for (guint y = 0; y < height; y++)
    memcpy (pixels + (gsize)y * stride, bottom_up_rgba + (gsize)(height - 1 - y) * stride, stride);
  bytes = g_bytes_new_take (pixels, stride * height);
  return trove_image_new (width, height, bytes);
}

TroveImage *
trove_image_ref (TroveImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
trove_image_unref (TroveImage *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_bytes_unref (self->pixels);
      g_free (self);
    }
}

guint
trove_image_get_width (const TroveImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

guint
trove_image_get_height (const TroveImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

GBytes *
trove_image_get_pixels (const TroveImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pixels;
}

gsize
trove_image_get_stride (const TroveImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (gsize)self->width * 4;
}

static void
put_be32 (GByteArray *out, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (out, b, 4);
}

static void
put_chunk (GByteArray *out, const char *type, const guint8 *data, gsize length)
{
  uLong crc = crc32 (0, (const Bytef *)type, 4);

  /* crc32() with a NULL buffer returns the initial value, not a continuation. */
  if (length > 0)
    crc = crc32 (crc, data, (uInt)length);
  put_be32 (out, (guint32)length);
  g_byte_array_append (out, (const guint8 *)type, 4);
  if (length > 0)
    g_byte_array_append (out, data, (guint)length);
  put_be32 (out, (guint32)crc);
}

/**
 * trove_image_to_png:
 *
 * Encodes the image as an 8-bit RGBA PNG (unfiltered scanlines, zlib). The
 * model layer has no image library; zlib is all PNG needs.
 *
 * Returns: (transfer full): the PNG file's bytes
 */
GBytes *
trove_image_to_png (const TroveImage *self)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree guint8 *raw = NULL, *packed = NULL;
  gsize stride, raw_size;
  uLongf packed_size;
  const guint8 *pixels;
  GByteArray *out;
  guint8 ihdr[13];

  g_return_val_if_fail (self != NULL, NULL);

  stride = (gsize)self->width * 4;
  raw_size = (stride + 1) * self->height;
  raw = g_malloc (raw_size);
  packed_size = compressBound ((uLong)raw_size);
  packed = g_malloc (packed_size);
  pixels = g_bytes_get_data (self->pixels, NULL);

  for (guint y = 0; y < self->height; y++)
    {
      raw[y * (stride + 1)] = 0; /* filter: none */
      memcpy (raw + y * (stride + 1) + 1, pixels + y * stride, stride);
    }
  if (compress2 (packed, &packed_size, raw, (uLong)raw_size, 6) != Z_OK)
    g_error ("zlib failed to compress %zu bytes", raw_size);

  ihdr[0] = self->width >> 24, ihdr[1] = self->width >> 16, ihdr[2] = self->width >> 8;
  ihdr[3] = self->width;
  ihdr[4] = self->height >> 24, ihdr[5] = self->height >> 16, ihdr[6] = self->height >> 8;
  ihdr[7] = self->height;
  ihdr[8] = 8;  /* bit depth */
  ihdr[9] = 6;  /* colour type: RGBA */
  ihdr[10] = 0; /* compression */
  ihdr[11] = 0; /* filter */
  ihdr[12] = 0; /* no interlace */

  out = g_byte_array_new ();
  g_byte_array_append (out, signature, sizeof signature);
  put_chunk (out, "IHDR", ihdr, sizeof ihdr);
  put_chunk (out, "IDAT", packed, packed_size);
  put_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

gboolean
trove_image_save_png (const TroveImage *self, const char *path, GError **error)
{
  g_autoptr (GBytes) png = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  png = trove_image_to_png (self);
  return g_file_set_contents (path, g_bytes_get_data (png, NULL), (gssize)g_bytes_get_size (png),
                              error);
}
