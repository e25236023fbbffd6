/* test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "trove-asset.h"

#include <glib/gstdio.h>
#include <unistd.h>
#include <string.h>
#include <zlib.h>

char *
trove_test_data_path (const char *first_element, ...)
{
  va_list args;
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  const char *element;

  g_ptr_array_add (parts, (gpointer)g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "data");
  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer)element);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **)parts->pdata);
}

char *
trove_test_make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("trove-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree_at (GFile *file)
{
  g_autoptr (GFileEnumerator) children = NULL;

  /* Do not follow symlinks: tests make symlink loops on purpose. */
  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        remove_tree_at (child);
    }
  g_file_delete (file, NULL, NULL);
}

void
trove_test_remove_tree (const char *path)
{
  g_autoptr (GFile) file = NULL;

  if (path == NULL)
    return;
  /* Permission tests leave unreadable folders behind; make them removable. */
  g_chmod (path, 0755);
  file = g_file_new_for_path (path);
  remove_tree_at (file);
}

#define NOBODY_ID 65534

gboolean
trove_test_run_unprivileged (void)
{
  if (geteuid () != 0)
    return TRUE;
  if (g_test_subprocess ())
    {
      if (setgid (NOBODY_ID) != 0 || setuid (NOBODY_ID) != 0)
        g_error ("cannot drop root privileges for a permission test");
      return TRUE;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

GBytes *
trove_test_read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
trove_test_write_file (const char *path, const void *data, gsize length)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

void
trove_test_copy_file (const char *src, const char *dest)
{
  g_autoptr (GBytes) bytes = trove_test_read_file (src);

  trove_test_write_file (dest, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

JsonNode *
trove_test_load_json (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint32
be32 (const guint8 *p)
{
  return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

static guint8
paeth (guint8 a, guint8 b, guint8 c)
{
  int p = (int)a + b - c, pa = ABS (p - a), pb = ABS (p - b), pc = ABS (p - c);

  if (pa <= pb && pa <= pc)
    return a;
  return pb <= pc ? b : c;
}

static void
unfilter_row (guint8 filter, guint8 *row, const guint8 *prev, gsize length, guint bpp)
{
  for (gsize i = 0; i < length; i++)
    {
      guint8 a = i >= bpp ? row[i - bpp] : 0;
      guint8 b = prev != NULL ? prev[i] : 0;
      guint8 c = (prev != NULL && i >= bpp) ? prev[i - bpp] : 0;
      switch (filter)
        {
        case 0:
          break;
        case 1:
          row[i] += a;
          break;
        case 2:
          row[i] += b;
          break;
        case 3:
          row[i] += (guint8)((a + b) / 2);
          break;
        case 4:
          row[i] += paeth (a, b, c);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

GBytes *
trove_test_decode_png (GBytes *png, guint *width, guint *height)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (png, &size);
  g_autoptr (GByteArray) idat = g_byte_array_new ();
  guint bpp = 0;
  gsize pos = 8, stride, raw_size;
  uLongf unpacked;
  g_autofree guint8 *raw = NULL;
  guint8 *out;

  g_assert_cmpuint (size, >, 8);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  while (pos + 12 <= size)
    {
      guint32 length = be32 (data + pos);
      const guint8 *type = data + pos + 4, *body = data + pos + 8;

      g_assert_cmpuint (pos + 12 + length, <=, size);
      g_assert_cmpuint (crc32 (crc32 (0, type, 4), body, length), ==, be32 (body + length));
      if (memcmp (type, "IHDR", 4) == 0)
        {
          *width = be32 (body);
          *height = be32 (body + 4);
          g_assert_cmpuint (body[8], ==, 8); /* bit depth */
          g_assert_true (body[9] == 6 || body[9] == 2);
          g_assert_cmpuint (body[12], ==, 0); /* no interlace */
          bpp = body[9] == 6 ? 4 : 3;
        }
      else if (memcmp (type, "IDAT", 4) == 0)
        g_byte_array_append (idat, body, length);
      pos += 12 + length;
    }
  g_assert_cmpuint (bpp, >, 0);

  stride = (gsize)*width * bpp;
  raw_size = (stride + 1) * *height;
  raw = g_malloc (raw_size);
  unpacked = raw_size;
  g_assert_cmpint (uncompress (raw, &unpacked, idat->data, idat->len), ==, Z_OK);
  g_assert_cmpuint (unpacked, ==, raw_size);

  out = g_malloc ((gsize)*width * *height * 4);
  for (guint y = 0; y < *height; y++)
    {
      guint8 *row = raw + y * (stride + 1);
      unfilter_row (row[0], row + 1, y > 0 ? raw + (y - 1) * (stride + 1) + 1 : NULL, stride, bpp);
      for (guint x = 0; x < *width; x++)
        {
          guint8 *px = out + ((gsize)y * *width + x) * 4;
          memcpy (px, row + 1 + (gsize)x * bpp, bpp);
          if (bpp == 3)
            px[3] = 255;
        }
    }
  return g_bytes_new_take (out, (gsize)*width * *height * 4);
}

char *
trove_test_sha256 (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static int
compare_by_type_and_name (gconstpointer a, gconstpointer b)
{
  TroveAsset *x = *(TroveAsset **)a, *y = *(TroveAsset **)b;
  int cmp = strcmp (trove_asset_get_id_type (x), trove_asset_get_id_type (y));

  return cmp != 0 ? cmp : strcmp (trove_asset_get_name (x), trove_asset_get_name (y));
}

void
trove_test_sort_assets (GPtrArray *assets)
{
  g_ptr_array_sort (assets, compare_by_type_and_name);
}

static void
assert_tags_equal (TroveAsset *asset, JsonArray *expected)
{
  const char *const *tags = trove_asset_get_tags (asset);

  g_assert_cmpuint (g_strv_length ((char **)tags), ==, json_array_get_length (expected));
  for (guint i = 0; tags[i] != NULL; i++)
    g_assert_cmpstr (tags[i], ==, json_array_get_string_element (expected, i));
}

static void
assert_preview_equal (TroveAsset *asset, JsonObject *expected)
{
  g_autoptr (TroveImage) image = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sha = NULL;

  if (expected == NULL)
    {
      g_assert_false (trove_asset_has_preview (asset));
      return;
    }
  g_assert_true (trove_asset_has_preview (asset));
  g_assert_cmpint (trove_asset_get_preview_width (asset), ==,
                   json_object_get_int_member (expected, "width"));
  g_assert_cmpint (trove_asset_get_preview_height (asset), ==,
                   json_object_get_int_member (expected, "height"));

  image = trove_asset_load_preview (asset, NULL, &error);
  g_assert_no_error (error);
  sha = trove_test_sha256 (trove_image_get_pixels (image));
  g_assert_cmpstr (sha, ==, json_object_get_string_member (expected, "sha256"));
}

void
trove_test_assert_assets_equal (GPtrArray *assets,
                                JsonArray *expected,
                                const char *expect_copyright,
                                const char *expect_license)
{
  g_assert_cmpuint (assets->len, ==, json_array_get_length (expected));
  for (guint i = 0; i < assets->len; i++)
    {
      TroveAsset *asset = assets->pdata[i];
      JsonObject *want = json_array_get_object_element (expected, i);
      JsonNode *preview = json_object_get_member (want, "preview");

      g_test_message ("asset %s %s", trove_asset_get_id_type (asset), trove_asset_get_name (asset));
      g_assert_cmpstr (trove_asset_get_id_type (asset), ==,
                       json_object_get_string_member (want, "id_type"));
      g_assert_cmpstr (trove_asset_get_name (asset), ==,
                       json_object_get_string_member (want, "name"));
      g_assert_cmpstr (trove_asset_get_description (asset), ==,
                       json_object_get_string_member (want, "description"));
      g_assert_cmpstr (trove_asset_get_author (asset), ==,
                       json_object_get_string_member (want, "author"));
      g_assert_cmpstr (trove_asset_get_copyright (asset), ==,
                       expect_copyright != NULL
                           ? expect_copyright
                           : json_object_get_string_member (want, "copyright"));
      g_assert_cmpstr (trove_asset_get_license (asset), ==,
                       expect_license != NULL ? expect_license
                                              : json_object_get_string_member (want, "license"));
      assert_tags_equal (asset, json_object_get_array_member (want, "tags"));
      g_assert_cmpstr (trove_asset_get_catalog_id (asset), ==,
                       json_object_get_string_member (want, "catalog_id"));
      g_assert_cmpstr (trove_asset_get_catalog_simple_name (asset), ==,
                       json_object_get_string_member (want, "catalog_simple_name"));
      assert_preview_equal (asset,
                            JSON_NODE_HOLDS_NULL (preview) ? NULL : json_node_get_object (preview));
    }
}

JsonObject *
trove_test_oracle_file (JsonNode *oracle, const char *file)
{
  JsonArray *files = json_object_get_array_member (json_node_get_object (oracle), "files");

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *entry = json_array_get_object_element (files, i);
      if (strcmp (json_object_get_string_member (entry, "file"), file) == 0)
        return entry;
    }
  return NULL;
}
