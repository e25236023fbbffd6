/* test-image.c: RGBA images and the PNG writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"
#include "trove-image.h"

static GBytes *
pattern (guint w, guint h)
{
  guint8 *p = g_malloc ((gsize)w * h * 4);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        guint8 *px = p + ((gsize)y * w + x) * 4;
        px[0] = (guint8)(x * 7 + y);
        px[1] = (guint8)(y * 13);
        px[2] = (guint8)(x ^ y);
        px[3] = (guint8)(255 - x);
      }
  return g_bytes_new_take (p, (gsize)w * h * 4);
}

static void
test_png_round_trip (void)
{
  const guint sizes[][2] = { { 1, 1 }, { 7, 5 }, { 128, 128 }, { 3, 200 } };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (GBytes) pixels = pattern (sizes[i][0], sizes[i][1]);
      g_autoptr (TroveImage) image = trove_image_new (sizes[i][0], sizes[i][1], pixels);
      g_autoptr (GBytes) png = trove_image_to_png (image);
      g_autoptr (GBytes) decoded = NULL;
      guint w = 0, h = 0;

      decoded = trove_test_decode_png (png, &w, &h);
      g_assert_cmpuint (w, ==, sizes[i][0]);
      g_assert_cmpuint (h, ==, sizes[i][1]);
      g_assert_true (g_bytes_equal (decoded, pixels));
    }
}

static void
test_flipped (void)
{
  const guint8 bottom_up[] = { 1, 1, 1, 1, 2, 2, 2, 2, /* bottom row */
                               3, 3, 3, 3, 4, 4, 4, 4 /* top row */ };
  g_autoptr (TroveImage) image = trove_image_new_flipped (2, 2, bottom_up);
  const guint8 *p = g_bytes_get_data (trove_image_get_pixels (image), NULL);

  g_assert_cmpuint (trove_image_get_stride (image), ==, 8);
  g_assert_cmpuint (p[0], ==, 3);
  g_assert_cmpuint (p[4], ==, 4);
  g_assert_cmpuint (p[8], ==, 1);
  g_assert_cmpuint (p[12], ==, 2);
}

static void
test_save_png (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autoptr (GBytes) pixels = pattern (16, 9);
  g_autoptr (TroveImage) image = trove_image_new (16, 9, pixels);
  g_autoptr (GBytes) written = NULL, decoded = NULL;
  g_autoptr (GError) error = NULL;
  guint w, h;

  g_assert_true (trove_image_save_png (image, path, &error));
  g_assert_no_error (error);
  written = trove_test_read_file (path);
  decoded = trove_test_decode_png (written, &w, &h);
  g_assert_true (g_bytes_equal (decoded, pixels));
  trove_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image/png-round-trip", test_png_round_trip);
  g_test_add_func ("/image/flipped", test_flipped);
  g_test_add_func ("/image/save-png", test_save_png);
  return g_test_run ();
}
