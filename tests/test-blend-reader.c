/* test-blend-reader.c: Trove's reading of real Blender files, compared with Blender's
 *
 * The expected values are what Blender 3.4 itself reports for the fixtures
 * (data/library-oracle.json, made by data/blender-report.py), and the pixel
 * values the fixture generator set in Blender (data/library-manifest.json).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "trove-asset.h"
#include "trove-blend-file.h"
#include "trove-error.h"

#include <glib/gstdio.h>
#include <string.h>

static JsonNode *oracle;
static JsonNode *manifest;

static GPtrArray *
list_fixture (const char *file, TroveBlendFile **out_file)
{
  g_autofree char *path = trove_test_data_path ("library", file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TroveBlendFile) blend = trove_blend_file_open (path, NULL, &error);
  GPtrArray *assets;

  g_assert_no_error (error);
  assets = trove_blend_file_list_assets (blend, file, NULL, &error);
  g_assert_no_error (error);
  trove_test_sort_assets (assets);
  if (out_file != NULL)
    *out_file = g_steal_pointer (&blend);
  return assets;
}

/* Every asset of every file, field by field against Blender's own report. */
static void
test_reader_matches_blender (void)
{
  JsonArray *files = json_object_get_array_member (json_node_get_object (oracle), "files");
  guint total = 0;

  g_assert_cmpuint (json_array_get_length (files), >=, 10);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *entry = json_array_get_object_element (files, i);
      const char *file = json_object_get_string_member (entry, "file");
      g_autoptr (GPtrArray) assets = NULL;

      g_test_message ("file %s", file);
      assets = list_fixture (file, NULL);
      trove_test_assert_assets_equal (assets, json_object_get_array_member (entry, "assets"), NULL,
                                      NULL);
      for (guint a = 0; a < assets->len; a++)
        g_assert_cmpstr (trove_asset_get_file (assets->pdata[a]), ==, file);
      total += assets->len;
    }
  /* The fixtures hold hundreds of assets; make sure they were all compared. */
  g_assert_cmpuint (total, >=, 300);
}

/* R, G, B, A for column x of top-down row ty, as make-fixtures.py sets them. */
static void
pattern_pixel (guint x, guint ty, gint64 s, guint8 px[4])
{
  px[0] = (guint8)((x * 3 + s) % 256);
  px[1] = (guint8)((ty * 5 + s * 7) % 256);
  px[2] = (guint8)((x * ty + s * 11) % 256);
  px[3] = (guint8)(255 - ((x + ty + s) % 64));
}

static void
assert_pattern (TroveImage *image, gint64 seed, guint width, guint height)
{
  const guint8 *pixels = g_bytes_get_data (trove_image_get_pixels (image), NULL);

  g_assert_cmpuint (trove_image_get_width (image), ==, width);
  g_assert_cmpuint (trove_image_get_height (image), ==, height);
  for (guint ty = 0; ty < height; ty++)
    for (guint x = 0; x < width; x++)
      {
        guint8 want[4];
        pattern_pixel (x, ty, seed, want);
        if (memcmp (pixels + ((gsize)ty * width + x) * 4, want, 4) != 0)
          g_error ("pixel (%u, %u) differs from the value set in Blender", x, ty);
      }
}

static void
check_previews_of_file (const char *file, JsonObject *types)
{
  g_autofree char *path = trove_test_data_path ("library", file, NULL);
  g_autoptr (TroveBlendFile) blend = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) type_names = json_object_get_members (types);

  blend = trove_blend_file_open (path, NULL, &error);
  g_assert_no_error (error);
  for (GList *t = type_names; t != NULL; t = t->next)
    {
      JsonObject *names = json_object_get_object_member (types, t->data);
      g_autoptr (GList) asset_names = json_object_get_members (names);

      for (GList *n = asset_names; n != NULL; n = n->next)
        {
          JsonObject *want = json_object_get_object_member (names, n->data);
          g_autoptr (TroveImage) image = NULL;

          g_test_message ("preview %s %s %s", file, (char *)t->data, (char *)n->data);
          image = trove_blend_file_read_preview (blend, t->data, n->data, &error);
          g_assert_no_error (error);
          assert_pattern (image, json_object_get_int_member (want, "seed"),
                          (guint)json_object_get_int_member (want, "width"),
                          (guint)json_object_get_int_member (want, "height"));
        }
    }
}

/* Previews of every size, compared pixel by pixel with the values set in Blender. */
static void
test_reader_preview_pixels (void)
{
  JsonObject *previews
      = json_object_get_object_member (json_node_get_object (manifest), "previews");
  g_autoptr (GList) files = json_object_get_members (previews);
  guint checked = 0;

  for (GList *f = files; f != NULL; f = f->next)
    {
      g_autofree char *path = trove_test_data_path ("library", f->data, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      check_previews_of_file (f->data, json_object_get_object_member (previews, f->data));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 8);
}

/* Listing never decodes pixels: a preview found in a listing is decoded on
 * demand from its locator, and the result is the same as a fresh lookup. */
static void
test_reader_preview_locator (void)
{
  g_autoptr (GPtrArray) assets = list_fixture ("previews.blend", NULL);
  g_autofree char *path = trove_test_data_path ("library", "previews.blend", NULL);

  g_assert_cmpuint (assets->len, >, 0);
  for (guint i = 0; i < assets->len; i++)
    {
      TroveAsset *asset = assets->pdata[i];
      g_autoptr (TroveImage) fast = NULL, slow = NULL;
      g_autoptr (GError) error = NULL;

      if (!trove_asset_has_preview (asset))
        continue;
      fast = trove_asset_load_preview (asset, NULL, &error);
      g_assert_no_error (error);
      slow = trove_blend_file_load_asset_preview (path, trove_asset_get_id_type (asset),
                                                  trove_asset_get_name (asset), NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (trove_image_get_pixels (fast), trove_image_get_pixels (slow)));
    }
}

static void
test_reader_preview_not_found (void)
{
  g_autoptr (TroveBlendFile) blend = NULL;
  g_autoptr (GPtrArray) assets = list_fixture ("materials.blend", &blend);
  g_autoptr (GError) error = NULL;
  g_autoptr (TroveImage) image = NULL;

  image = trove_blend_file_read_preview (blend, "MA", "No Such Material", &error);
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_NOT_FOUND);
  g_assert_null (image);
  g_clear_error (&error);
  image = trove_blend_file_read_preview (blend, "OB", trove_asset_get_name (assets->pdata[0]),
                                         &error);
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "materials.blend"));
}

static void
assert_thumbnail_matches (const char *blend_name, const char *png_name)
{
  g_autofree char *blend = trove_test_data_path ("thumbnail", blend_name, NULL);
  g_autofree char *png = trove_test_data_path ("thumbnail", png_name, NULL);
  g_autoptr (GBytes) png_bytes = trove_test_read_file (png);
  g_autoptr (GBytes) expected = NULL;
  g_autoptr (TroveImage) image = NULL;
  g_autoptr (GError) error = NULL;
  guint width, height;

  /* blender-thumbnailer is Blender's own extractor; its PNG is the oracle. */
  expected = trove_test_decode_png (png_bytes, &width, &height);
  image = trove_blend_file_load_thumbnail (blend, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trove_image_get_width (image), ==, width);
  g_assert_cmpuint (trove_image_get_height (image), ==, height);
  g_assert_true (g_bytes_equal (trove_image_get_pixels (image), expected));
}

static void
test_reader_thumbnail (void)
{
  assert_thumbnail_matches ("thumbnail.blend", "thumbnail.png");
  assert_thumbnail_matches ("thumbnail-wide.blend", "thumbnail-wide.png");
}

static void
test_reader_no_thumbnail (void)
{
  /* Saved with File Preview Type "None" (see data/README.md); blender-thumbnailer
   * finds nothing in it either. Compressed and plain files alike. */
  const char *files[] = { "materials.blend", "objects.blend" };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = trove_test_data_path ("library", files[i], NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (TroveImage) image = trove_blend_file_load_thumbnail (path, &error);

      g_assert_null (image);
      g_assert_error (error, TROVE_ERROR, TROVE_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, files[i]));
    }
}

static void
test_reader_no_assets (void)
{
  g_autoptr (GPtrArray) assets = list_fixture ("no-assets.blend", NULL);

  g_assert_cmpuint (assets->len, ==, 0);
  g_assert_nonnull (trove_test_oracle_file (oracle, "no-assets.blend"));
}

/* Blender 3.4 writes the 12-byte header, 8-byte pointers, little endian; the
 * fixtures cover both plain and zstd (with Blender's seek table). */
static void
test_reader_file_variants (void)
{
  const struct
  {
    const char *file;
    TroveBlendCompression compression;
  } cases[] = {
    { "materials.blend", TROVE_BLEND_COMPRESSION_NONE },
    { "objects.blend", TROVE_BLEND_COMPRESSION_ZSTD },
    { "many.blend", TROVE_BLEND_COMPRESSION_ZSTD },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TroveBlendFile) blend = NULL;
      g_autoptr (GPtrArray) assets = list_fixture (cases[i].file, &blend);
      TroveBlendSource *source = trove_blend_file_get_source (blend);

      g_assert_cmpuint (trove_blend_file_get_version (blend), ==, 304);
      g_assert_cmpuint (trove_blend_file_get_pointer_size (blend), ==, 8);
      g_assert_false (trove_blend_file_is_big_endian (blend));
      g_assert_cmpuint (trove_blend_file_get_header_size (blend), ==, 12);
      g_assert_cmpint (trove_blend_source_get_compression (source), ==, cases[i].compression);
      g_assert_cmpint (trove_blend_source_is_seekable (source), ==,
                       cases[i].compression == TROVE_BLEND_COMPRESSION_ZSTD);

      /* Assets carry their file's modification time (the grid sorts by it). */
      {
        g_autofree char *path = trove_test_data_path ("library", cases[i].file, NULL);
        GStatBuf st;
        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpuint (assets->len, >, 0);
        g_assert_cmpint (trove_asset_get_file_mtime (assets->pdata[0]) / G_USEC_PER_SEC, ==,
                         (gint64)st.st_mtime);
      }
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *oracle_path = NULL, *manifest_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  oracle_path = trove_test_data_path ("library-oracle.json", NULL);
  manifest_path = trove_test_data_path ("library-manifest.json", NULL);
  oracle = trove_test_load_json (oracle_path);
  manifest = trove_test_load_json (manifest_path);

  g_test_add_func ("/reader/matches-blender", test_reader_matches_blender);
  g_test_add_func ("/reader/preview-pixels", test_reader_preview_pixels);
  g_test_add_func ("/reader/preview-locator", test_reader_preview_locator);
  g_test_add_func ("/reader/preview-not-found", test_reader_preview_not_found);
  g_test_add_func ("/reader/thumbnail", test_reader_thumbnail);
  g_test_add_func ("/reader/no-thumbnail", test_reader_no_thumbnail);
  g_test_add_func ("/reader/no-assets", test_reader_no_assets);
  g_test_add_func ("/reader/file-variants", test_reader_file_variants);
  status = g_test_run ();

  json_node_unref (oracle);
  json_node_unref (manifest);
  return status;
}
