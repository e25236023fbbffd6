/* test-blend-variants.c: file variants Blender 3.4 cannot write
 *
 * 32-bit pointers, big endian, gzip, a zstd stream without seek table,
 * Blender 5.0's 17-byte header with LargeBHead8, and a DNA with
 * AssetMetaData.copyright/license (3.5+) are made from the real fixtures by
 * re-encoding every typed block through the file's SDNA (blend-transcode.c).
 * Trove must read every variant exactly as it reads the original, which in
 * turn matches Blender's own report (test-blend-reader.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "blend-transcode.h"
#include "trove-asset.h"
#include "trove-blend-file.h"

static JsonNode *oracle;

typedef struct
{
  const char *name;
  TroveTranscodeOptions options;
  guint header_size;
  TroveBlendCompression compression;
} Variant;

static const Variant variants[] = {
  { "ptr4-le",
    { 4, FALSE, FALSE, TROVE_TRANSCODE_PLAIN, NULL, NULL },
    12,
    TROVE_BLEND_COMPRESSION_NONE },
  { "ptr8-be",
    { 8, TRUE, FALSE, TROVE_TRANSCODE_PLAIN, NULL, NULL },
    12,
    TROVE_BLEND_COMPRESSION_NONE },
  { "ptr4-be",
    { 4, TRUE, FALSE, TROVE_TRANSCODE_PLAIN, NULL, NULL },
    12,
    TROVE_BLEND_COMPRESSION_NONE },
  { "gzip",
    { 8, FALSE, FALSE, TROVE_TRANSCODE_GZIP, NULL, NULL },
    12,
    TROVE_BLEND_COMPRESSION_GZIP },
  { "ptr4-be-gzip",
    { 4, TRUE, FALSE, TROVE_TRANSCODE_GZIP, NULL, NULL },
    12,
    TROVE_BLEND_COMPRESSION_GZIP },
  { "zstd-stream",
    { 8, FALSE, FALSE, TROVE_TRANSCODE_ZSTD_STREAM, NULL, NULL },
    12,
    TROVE_BLEND_COMPRESSION_ZSTD },
  { "v1-header",
    { 8, FALSE, TRUE, TROVE_TRANSCODE_PLAIN, NULL, NULL },
    17,
    TROVE_BLEND_COMPRESSION_NONE },
  { "v1-header-zstd",
    { 8, FALSE, TRUE, TROVE_TRANSCODE_ZSTD_STREAM, NULL, NULL },
    17,
    TROVE_BLEND_COMPRESSION_ZSTD },
  { "copyright-license",
    { 8, FALSE, FALSE, TROVE_TRANSCODE_PLAIN, "© 2026 Trove Project — Ružena", "CC-BY-4.0" },
    12,
    TROVE_BLEND_COMPRESSION_NONE },
  { "copyright-license-ptr4-be",
    { 4, TRUE, FALSE, TROVE_TRANSCODE_PLAIN, "Copyright Ⓒ テスト", "GPL-3.0-or-later" },
    12,
    TROVE_BLEND_COMPRESSION_NONE },
};

static char *
write_variant (const char *dir, const char *file, const Variant *variant)
{
  g_autofree char *source = trove_test_data_path ("library", file, NULL);
  g_autofree char *base = g_path_get_basename (file);
  g_autofree char *name = g_strdup_printf ("%s-%s", variant->name, base);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = trove_test_transcode_blend (source, &variant->options, &error);

  g_assert_no_error (error);
  trove_test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return path;
}

static void
check_variant_of_file (const char *dir, JsonObject *entry, const Variant *variant)
{
  const char *file = json_object_get_string_member (entry, "file");
  g_autofree char *path = write_variant (dir, file, variant);
  g_autoptr (TroveBlendFile) blend = NULL;
  g_autoptr (GPtrArray) assets = NULL;
  g_autoptr (GError) error = NULL;

  g_test_message ("%s of %s", variant->name, file);
  blend = trove_blend_file_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trove_blend_file_get_pointer_size (blend), ==, variant->options.pointer_size);
  g_assert_cmpint (trove_blend_file_is_big_endian (blend), ==, variant->options.big_endian);
  g_assert_cmpuint (trove_blend_file_get_header_size (blend), ==, variant->header_size);
  g_assert_cmpuint (trove_blend_file_get_bhead_size (blend), ==,
                    variant->options.v1_header           ? 32
                    : variant->options.pointer_size == 4 ? 20
                                                         : 24);
  g_assert_cmpint (trove_blend_source_get_compression (trove_blend_file_get_source (blend)), ==,
                   variant->compression);

  assets = trove_blend_file_list_assets (blend, file, NULL, &error);
  g_assert_no_error (error);
  trove_test_sort_assets (assets);
  trove_test_assert_assets_equal (assets, json_object_get_array_member (entry, "assets"),
                                  variant->options.copyright, variant->options.license);
}

static void
test_variant (gconstpointer data)
{
  const Variant *variant = data;
  JsonArray *files = json_object_get_array_member (json_node_get_object (oracle), "files");
  g_autofree char *dir = trove_test_make_temp_dir ();

  for (guint i = 0; i < json_array_get_length (files); i++)
    check_variant_of_file (dir, json_array_get_object_element (files, i), variant);
  trove_test_remove_tree (dir);
}

/* The thumbnail's int32 size fields follow the file's byte order. */
static void
test_variant_thumbnail (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *original = trove_test_data_path ("thumbnail", "thumbnail.blend", NULL);
  g_autoptr (TroveImage) expected = NULL;
  g_autoptr (GError) error = NULL;

  expected = trove_blend_file_load_thumbnail (original, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr (GBytes) bytes
          = trove_test_transcode_blend (original, &variants[i].options, &error);
      g_autofree char *path = g_build_filename (dir, variants[i].name, NULL);
      g_autoptr (TroveImage) image = NULL;

      g_assert_no_error (error);
      trove_test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      image = trove_blend_file_load_thumbnail (path, &error);
      g_assert_no_error (error);
      g_assert_true (
          g_bytes_equal (trove_image_get_pixels (image), trove_image_get_pixels (expected)));
    }
  trove_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *oracle_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  oracle_path = trove_test_data_path ("library-oracle.json", NULL);
  oracle = trove_test_load_json (oracle_path);

  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/variants/%s", variants[i].name);
      g_test_add_data_func (test_path, &variants[i], test_variant);
    }
  g_test_add_func ("/variants/thumbnail", test_variant_thumbnail);
  status = g_test_run ();

  json_node_unref (oracle);
  return status;
}
