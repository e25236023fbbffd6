/* test-blend-writer.c: writing asset metadata into real Blender files
 *
 * Every file edited here was made by Blender 3.4 (data/make-fixtures.py) or
 * transcoded from one into a variant Blender 3.4 cannot write. What Blender
 * itself reads back from Trove's output is checked by
 * blender-roundtrip.py; these tests check the byte-level promises:
 *
 *  - the edited assets read back with exactly the asked values;
 *  - every block that is not an edited asset's metadata is identical, in
 *    the same order, and unedited assets' metadata blocks are identical;
 *  - the compression is kept and the original becomes file.blend1;
 *  - refused or failed writes leave the original byte for byte as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "blend-transcode.h"
#include "trove-blend-file-private.h"
#include "trove-blend-writer-private.h"
#include "trove-error.h"

#define CATALOG_UUID "e0000000-0000-4000-8000-000000000003"
#define CATALOG_SIMPLE_NAME                                                                        \
  "A simple name that is much longer than sixty-three bytes, so assets get a truncated copy"

/* Fixture files with assets, and their compression. */
static const char *const fixtures[] = {
  "materials.blend",
  "objects.blend",
  "many.blend",
  "edge-cases.blend",
  "unicode.blend",
  "worlds-actions.blend",
  "nodegroups-collections.blend",
  "previews.blend",
  "UPPER.BLEND",
  "sub/dir/nested.blend",
};

static char *
copy_fixture (const char *dir, const char *name)
{
  g_autofree char *source = trove_test_data_path ("library", name, NULL);
  g_autofree char *base = g_path_get_basename (name);
  char *path = g_build_filename (dir, base, NULL);

  trove_test_copy_file (source, path);
  return path;
}

static GPtrArray *
list_assets (const char *path)
{
  g_autoptr (TroveBlendFile) file = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *assets;

  file = trove_blend_file_open (path, NULL, &error);
  g_assert_no_error (error);
  assets = trove_blend_file_list_assets (file, "", NULL, &error);
  g_assert_no_error (error);
  return assets;
}

static char *
key_of (const char *id_type, const char *name)
{
  return g_strdup_printf ("%s/%s", id_type, name);
}

static void
values_free (gpointer data)
{
  trove_asset_values_clear (data);
  g_free (data);
}

/* The metadata values of every asset, by "ID/name". */
static GHashTable *
read_values (const char *path)
{
  g_autoptr (GPtrArray) assets = list_assets (path);
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, values_free);

  for (guint i = 0; i < assets->len; i++)
    {
      TroveAssetValues *v = g_new0 (TroveAssetValues, 1);
      trove_asset_values_init_from_asset (v, assets->pdata[i]);
      g_hash_table_insert (values,
                           key_of (trove_asset_get_id_type (assets->pdata[i]),
                                   trove_asset_get_name (assets->pdata[i])),
                           v);
    }
  return values;
}

typedef struct
{
  GPtrArray *other;     /* GBytes: every block that is no asset's metadata, in order */
  GHashTable *metadata; /* "ID/name" -> GBytes: the asset's metadata blocks, in order */
  TroveBlendCompression compression;
} Blocks;

static GBytes *
read_block (TroveBlendFile *file, const TroveBHead *b)
{
  gsize length = (gsize)(b->data_offset + b->length - b->offset);
  guint8 *data = g_malloc (MAX (length, 1));
  g_autoptr (GError) error = NULL;

  trove_blend_source_read (trove_blend_file_get_source (file), b->offset, data, length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static void
add_metadata_blocks (TroveBlendFile *file, GHashTable *offsets, GHashTable *metadata)
{
  TroveBlendRun run;

  _trove_blend_run_init (&run);
  for (guint i = 0; i < file->owners->len; i++)
    {
      const TroveBlendOwner *owner = &g_array_index (file->owners, TroveBlendOwner, i);
      g_auto (TroveBlendMetadata) md = { 0 };
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *id_type = NULL;
      guint64 asset_data = 0;
      const TroveBHead *blocks[64];
      guint n = 0;

      if (!trove_blend_file_is_id_code (owner->bhead.code))
        continue;
      g_assert_true (_trove_blend_file_read_id (file, owner, &asset_data, &name, &error));
      if (asset_data == 0)
        continue;
      g_assert_true (_trove_blend_file_read_run (file, owner, &run, &error));
      g_assert_true (_trove_blend_file_read_metadata (file, &run, asset_data, name, &md, &error));
      g_assert_no_error (error);

      blocks[n++] = md.meta_block;
      for (guint k = 0; k < 4; k++)
        if (md.string_blocks[k] != NULL)
          blocks[n++] = md.string_blocks[k];
      for (guint k = 0; k < md.tag_blocks->len && n < G_N_ELEMENTS (blocks); k++)
        blocks[n++] = md.tag_blocks->pdata[k];
      for (guint k = 0; k < n; k++)
        {
          g_autoptr (GBytes) block = read_block (file, blocks[k]);
          g_hash_table_add (offsets, g_memdup2 (&blocks[k]->offset, sizeof (guint64)));
          g_byte_array_append (bytes, g_bytes_get_data (block, NULL), g_bytes_get_size (block));
        }
      id_type = g_strndup (owner->bhead.code, 2);
      g_hash_table_insert (metadata, key_of (id_type, name),
                           g_byte_array_free_to_bytes (g_steal_pointer (&bytes)));
    }
  _trove_blend_run_clear (&run);
}

static Blocks
read_blocks (const char *path)
{
  g_autoptr (TroveBlendFile) file = NULL;
  g_autoptr (GHashTable) offsets
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  Blocks blocks = {
    g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref),
    0,
  };
  guint64 offset;
  TroveBHead b;

  file = trove_blend_file_open (path, NULL, &error);
  g_assert_no_error (error);
  blocks.compression = trove_blend_source_get_compression (trove_blend_file_get_source (file));
  add_metadata_blocks (file, offsets, blocks.metadata);

  /* The header counts as a block: it must be byte-identical too. */
  {
    guint8 header[17];
    trove_blend_source_read (trove_blend_file_get_source (file), 0, header,
                             trove_blend_file_get_header_size (file), &error);
    g_assert_no_error (error);
    g_ptr_array_add (blocks.other, g_bytes_new (header, trove_blend_file_get_header_size (file)));
  }
  for (offset = trove_blend_file_get_header_size (file);; offset = b.data_offset + b.length)
    {
      g_assert_true (trove_blend_file_read_bhead (file, offset, &b, &error));
      if (!g_hash_table_contains (offsets, &b.offset))
        g_ptr_array_add (blocks.other, read_block (file, &b));
      if (memcmp (b.code, "ENDB", 4) == 0)
        break;
    }
  return blocks;
}

static void
blocks_clear (Blocks *blocks)
{
  g_clear_pointer (&blocks->other, g_ptr_array_unref);
  g_clear_pointer (&blocks->metadata, g_hash_table_unref);
}

/* Everything but the metadata of the @edited assets ("ID/name") is
 * identical in @before and @after. */
static void
assert_untouched (const char *before, const char *after, const char *const *edited)
{
  Blocks a = read_blocks (before);
  Blocks b = read_blocks (after);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpint (a.compression, ==, b.compression);
  g_assert_cmpuint (a.other->len, ==, b.other->len);
  for (guint i = 0; i < a.other->len; i++)
    g_assert_true (g_bytes_equal (a.other->pdata[i], b.other->pdata[i]));

  g_assert_cmpuint (g_hash_table_size (a.metadata), ==, g_hash_table_size (b.metadata));
  g_hash_table_iter_init (&iter, a.metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *other = g_hash_table_lookup (b.metadata, key);
      g_assert_nonnull (other);
      if (edited == NULL || !g_strv_contains (edited, key))
        g_assert_true (g_bytes_equal (value, other));
    }
  blocks_clear (&a);
  blocks_clear (&b);
}

static gboolean
write_edits (const char *path, GPtrArray *edits, TroveBlendWriteFlags flags, GError **error)
{
  gboolean written = FALSE;

  if (!trove_blend_write_edits (path, edits, flags, &written, NULL, error))
    return FALSE;
  return written;
}

static GPtrArray *
new_edits (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)trove_asset_edit_unref);
}

/* No temporary file is left behind, whatever happened. */
static void
assert_no_temp_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_null (strstr (name, ".trove-"));
}

static GPtrArray *
edit_every_asset (const char *path, GHashTable *before, GPtrArray **keys)
{
  GPtrArray *edits = new_edits ();
  GHashTableIter iter;
  gpointer key;

  *keys = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *slash = strchr (key, '/');
      g_autofree char *id_type = g_strndup (key, (gsize)(slash - (const char *)key));
      TroveAssetEdit *edit = trove_asset_edit_new (id_type, slash + 1);
      g_autofree char *description = g_strdup_printf ("Trove ✓ %s\nline two", slash + 1);

      trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_DESCRIPTION, description);
      trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_AUTHOR, "");
      trove_asset_edit_add_tag (edit, "trove-edited");
      trove_asset_edit_remove_tag (edit, "wood");
      trove_asset_edit_set_catalog (edit, CATALOG_UUID, CATALOG_SIMPLE_NAME);
      g_ptr_array_add (edits, edit);
      g_ptr_array_add (*keys, g_strdup (key));
    }
  g_ptr_array_add (*keys, NULL);
  return edits;
}

static void
assert_values_after_edits (GHashTable *before, GHashTable *after, GPtrArray *edits)
{
  g_assert_cmpuint (g_hash_table_size (before), ==, g_hash_table_size (after));
  for (guint i = 0; i < edits->len; i++)
    {
      TroveAssetEdit *edit = edits->pdata[i];
      g_autofree char *key
          = key_of (trove_asset_edit_get_id_type (edit), trove_asset_edit_get_name (edit));
      TroveAssetValues *expected = g_hash_table_lookup (before, key);

      trove_asset_edit_apply (edit, expected);
    }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        TroveAssetValues *got = g_hash_table_lookup (after, key);
        g_assert_nonnull (got);
        if (trove_asset_values_diff (value, got) != TROVE_ASSET_FIELD_NONE)
          g_error ("%s: metadata differs (fields %x)", (char *)key,
                   trove_asset_values_diff (value, got));
      }
  }
}

/* Every fixture: every asset edited at once; Blender's simple name cut. */
static void
test_edit_fixtures (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();

  for (gsize i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = copy_fixture (dir, fixtures[i]);
      g_autofree char *original = g_strconcat (path, ".orig", NULL);
      g_autofree char *backup = g_strconcat (path, "1", NULL);
      g_autoptr (GHashTable) before = NULL, after = NULL;
      g_autoptr (GPtrArray) edits = NULL, keys = NULL;
      g_autoptr (GBytes) original_bytes = NULL, backup_bytes = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", fixtures[i]);
      trove_test_copy_file (path, original);
      before = read_values (path);
      edits = edit_every_asset (path, before, &keys);
      g_assert_true (write_edits (path, edits, TROVE_BLEND_WRITE_DEFAULT, &error));
      g_assert_no_error (error);

      after = read_values (path);
      assert_values_after_edits (before, after, edits);
      assert_untouched (original, path, (const char *const *)keys->pdata);

      original_bytes = trove_test_read_file (original);
      backup_bytes = trove_test_read_file (backup);
      g_assert_true (g_bytes_equal (original_bytes, backup_bytes));
      assert_no_temp_files (dir);
    }
  trove_test_remove_tree (dir);
}

static TroveAssetEdit *
edit_for (const char *id_type, const char *name)
{
  return trove_asset_edit_new (id_type, name);
}

/* Values already as asked: nothing is written. Forced: an equivalent file. */
static void
test_no_change (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "objects.blend");
  g_autofree char *original = g_strconcat (path, ".orig", NULL);
  g_autofree char *backup = g_strconcat (path, "1", NULL);
  g_autoptr (GPtrArray) edits = new_edits ();
  g_autoptr (GHashTable) before = NULL, after = NULL;
  g_autoptr (GBytes) a = NULL, b = NULL;
  g_autoptr (GError) error = NULL;
  TroveAssetEdit *edit = edit_for ("OB", "Barrel");

  trove_test_copy_file (path, original);
  trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_DESCRIPTION, "Wooden barrel.");
  trove_asset_edit_add_tag (edit, "wood");
  trove_asset_edit_remove_tag (edit, "not-there");
  g_ptr_array_add (edits, edit);
  g_assert_false (write_edits (path, edits, TROVE_BLEND_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  a = trove_test_read_file (original);
  b = trove_test_read_file (path);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* Forced: every asset's strings and tags are written anew. */
  g_ptr_array_set_size (edits, 0);
  g_assert_true (write_edits (path, edits, TROVE_BLEND_WRITE_ALWAYS, &error));
  g_assert_no_error (error);
  before = read_values (original);
  after = read_values (path);
  assert_values_after_edits (before, after, edits);
  assert_untouched (original, path,
                    (const char *const[]){ "IM/Wood Grain", "ME/Crate", "OB/Barrel", "OB/Crate",
                                           "OB/Lamp Post", "OB/Rock", "TE/Clouds Noise", NULL });
  trove_test_remove_tree (dir);
}

/* Two edits in a row give the file one combined edit gives. */
static void
test_successive_equals_combined (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *one = copy_fixture (dir, "materials.blend");
  g_autofree char *two = g_build_filename (dir, "combined.blend", NULL);
  g_autoptr (GPtrArray) first = new_edits (), second = new_edits (), both = new_edits ();
  g_autoptr (GPtrArray) no_edits = new_edits ();
  g_autoptr (GHashTable) a = NULL, b = NULL;
  g_autoptr (GError) error = NULL;
  TroveAssetEdit *e1 = edit_for ("MA", "Copper"), *e2 = edit_for ("MA", "Copper");

  trove_test_copy_file (one, two);
  trove_asset_edit_set_string (e1, TROVE_ASSET_FIELD_AUTHOR, "Ann");
  trove_asset_edit_add_tag (e1, "one");
  trove_asset_edit_add_tag (e2, "two");
  trove_asset_edit_remove_tag (e2, "warm");
  trove_asset_edit_set_string (e2, TROVE_ASSET_FIELD_DESCRIPTION, "Second");
  g_ptr_array_add (first, trove_asset_edit_ref (e1));
  g_ptr_array_add (second, trove_asset_edit_ref (e2));
  g_ptr_array_add (both, e1);
  g_ptr_array_add (both, e2);

  g_assert_true (write_edits (one, first, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_true (write_edits (one, second, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_true (write_edits (two, both, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_no_error (error);

  a = read_values (one);
  b = read_values (two);
  assert_values_after_edits (a, b, no_edits);
  assert_untouched (one, two, (const char *const[]){ "MA/Copper", NULL });
  trove_test_remove_tree (dir);
}

static void
assert_tags (const char *path, const char *id_type, const char *name, GPtrArray *tags)
{
  g_autoptr (GHashTable) values = read_values (path);
  g_autofree char *key = key_of (id_type, name);
  TroveAssetValues *v = g_hash_table_lookup (values, key);

  g_assert_nonnull (v);
  g_assert_cmpuint (v->tags->len, ==, tags->len);
  for (guint i = 0; i < tags->len; i++)
    g_assert_cmpstr (v->tags->pdata[i], ==, tags->pdata[i]);
}

/* 0 and 100 tags, long tags cut at a character boundary, a 1 MiB
 * description, and empty strings that remove a field. */
static void
test_tags_and_strings (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "many.blend");
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) edits = new_edits ();
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) assets = list_assets (path);
  g_autofree char *big = NULL;
  const char *id_type = trove_asset_get_id_type (assets->pdata[0]);
  const char *name = trove_asset_get_name (assets->pdata[0]);
  TroveAssetEdit *edit;
  TroveAssetValues *v;

  /* No tags at all. */
  edit = edit_for (id_type, name);
  trove_asset_edit_set_tags (edit, NULL);
  g_ptr_array_add (edits, edit);
  g_assert_true (write_edits (path, edits, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_no_error (error);
  assert_tags (path, id_type, name, tags);

  /* 100 tags: 99 set at once, one added that needs cutting to 63 bytes,
   * inside a two-byte "é". */
  for (guint i = 0; i < 98; i++)
    g_ptr_array_add (tags, g_strdup_printf ("tag %02u ✓", i));
  g_ptr_array_add (tags, g_strnfill (63, 'a'));
  g_ptr_array_add (tags, NULL);
  edit = edit_for (id_type, name);
  trove_asset_edit_set_tags (edit, (const char *const *)tags->pdata);
  {
    g_autofree char *b62 = g_strnfill (62, 'b');
    g_autofree char *long_tag = g_strconcat (b62, "é", NULL);
    trove_asset_edit_add_tag (edit, long_tag);
  }
  g_ptr_array_set_size (tags, 99);
  g_ptr_array_add (tags, g_strnfill (62, 'b'));
  g_ptr_array_set_size (edits, 0);
  g_ptr_array_add (edits, edit);
  g_assert_true (write_edits (path, edits, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_no_error (error);
  assert_tags (path, id_type, name, tags);

  /* A 1 MiB description; every other string removed. */
  big = g_strnfill (1024 * 1024, 'd');
  edit = edit_for (id_type, name);
  trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_DESCRIPTION, big);
  trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_AUTHOR, "");
  trove_asset_edit_set_catalog (edit, NULL, NULL);
  g_ptr_array_set_size (edits, 0);
  g_ptr_array_add (edits, edit);
  g_assert_true (write_edits (path, edits, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_no_error (error);
  values = read_values (path);
  {
    g_autofree char *key = key_of (id_type, name);
    v = g_hash_table_lookup (values, key);
  }
  g_assert_cmpstr (v->strings[0], ==, big);
  g_assert_null (v->strings[1]);
  g_assert_cmpstr (v->catalog_id, ==, "00000000-0000-0000-0000-000000000000");
  g_assert_cmpstr (v->catalog_simple_name, ==, "");
  trove_test_remove_tree (dir);
}

typedef struct
{
  const char *name;
  TroveTranscodeOptions options;
  gboolean writable;
} Variant;

static const Variant variants[] = {
  { "ptr4-le", { 4, FALSE, FALSE, TROVE_TRANSCODE_PLAIN, NULL, NULL }, TRUE },
  { "ptr8-be", { 8, TRUE, FALSE, TROVE_TRANSCODE_PLAIN, NULL, NULL }, FALSE },
  { "ptr4-be-gzip", { 4, TRUE, FALSE, TROVE_TRANSCODE_GZIP, NULL, NULL }, FALSE },
  { "gzip", { 8, FALSE, FALSE, TROVE_TRANSCODE_GZIP, NULL, NULL }, TRUE },
  { "zstd-stream", { 8, FALSE, FALSE, TROVE_TRANSCODE_ZSTD_STREAM, NULL, NULL }, TRUE },
  { "v1-header", { 8, FALSE, TRUE, TROVE_TRANSCODE_PLAIN, NULL, NULL }, TRUE },
  { "v1-header-zstd", { 8, FALSE, TRUE, TROVE_TRANSCODE_ZSTD_STREAM, NULL, NULL }, TRUE },
  { "copyright-license", { 8, FALSE, FALSE, TROVE_TRANSCODE_PLAIN, "© Old", "Old-1.0" }, TRUE },
};

static char *
write_variant (const char *dir, const Variant *variant)
{
  g_autofree char *source = trove_test_data_path ("library", "materials.blend", NULL);
  g_autofree char *name = g_strdup_printf ("%s.blend", variant->name);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = trove_test_transcode_blend (source, &variant->options, &error);

  g_assert_no_error (error);
  trove_test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return path;
}

/* 32-bit, gzip, zstd without seek table and the 5.0 header are written
 * (keeping their layout and compression); big endian is refused. */
static void
test_variant (gconstpointer data)
{
  const Variant *variant = data;
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = write_variant (dir, variant);
  g_autofree char *original = g_strconcat (path, ".orig", NULL);
  g_autoptr (GPtrArray) edits = new_edits ();
  g_autoptr (GError) error = NULL;
  TroveAssetEdit *edit = edit_for ("MA", "Granite");
  gboolean has_copyright = variant->options.copyright != NULL;

  trove_test_copy_file (path, original);
  trove_asset_edit_add_tag (edit, "variant");
  trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_DESCRIPTION, "Variant ✓");
  if (has_copyright)
    {
      trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_COPYRIGHT, "© 2026 Trove");
      trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_LICENSE, "");
    }
  g_ptr_array_add (edits, edit);

  if (!variant->writable)
    {
      g_autoptr (GBytes) a = NULL, b = NULL;

      g_assert_false (write_edits (path, edits, TROVE_BLEND_WRITE_DEFAULT, &error));
      g_assert_error (error, TROVE_ERROR, TROVE_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, "big-endian"));
      a = trove_test_read_file (original);
      b = trove_test_read_file (path);
      g_assert_true (g_bytes_equal (a, b));
      trove_test_remove_tree (dir);
      return;
    }

  g_assert_true (write_edits (path, edits, TROVE_BLEND_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GHashTable) before = read_values (original);
    g_autoptr (GHashTable) after = read_values (path);
    g_autoptr (TroveBlendFile) a = trove_blend_file_open (original, NULL, NULL);
    g_autoptr (TroveBlendFile) b = trove_blend_file_open (path, NULL, NULL);

    assert_values_after_edits (before, after, edits);
    g_assert_cmpuint (trove_blend_file_get_pointer_size (a), ==,
                      trove_blend_file_get_pointer_size (b));
    g_assert_cmpuint (trove_blend_file_get_header_size (a), ==,
                      trove_blend_file_get_header_size (b));
    if (has_copyright)
      {
        TroveAssetValues *v = g_hash_table_lookup (after, "MA/Granite");
        g_assert_cmpstr (v->strings[2], ==, "© 2026 Trove");
        g_assert_null (v->strings[3]);
      }
  }
  assert_untouched (original, path, (const char *const[]){ "MA/Granite", NULL });
  trove_test_remove_tree (dir);
}

static void
assert_refused (const char *path, GPtrArray *edits, int code, const char *fragment)
{
  g_autofree char *copy = g_strconcat (path, ".before", NULL);
  g_autoptr (GBytes) before = NULL, after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup = g_strconcat (path, "1", NULL);

  before = trove_test_read_file (path);
  g_assert_false (write_edits (path, edits, TROVE_BLEND_WRITE_DEFAULT, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  if (code >= 0)
    g_assert_error (error, TROVE_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
  after = trove_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  assert_no_temp_files (dir);
}

static GPtrArray *
one_edit (const char *id_type, const char *name, TroveAssetFields field, const char *value)
{
  GPtrArray *edits = new_edits ();
  TroveAssetEdit *edit = edit_for (id_type, name);

  trove_asset_edit_set_string (edit, field, value);
  g_ptr_array_add (edits, edit);
  return edits;
}

static void
test_refusals (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "materials.blend");
  g_autofree char *asset_blend = g_build_filename (dir, "brush.asset.blend", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.blend", NULL);
  g_autoptr (GPtrArray) edit = one_edit ("MA", "Copper", TROVE_ASSET_FIELD_AUTHOR, "X");
  g_autoptr (GPtrArray) copyright = one_edit ("MA", "Copper", TROVE_ASSET_FIELD_COPYRIGHT, "©");
  g_autoptr (GPtrArray) missing = one_edit ("MA", "Nope", TROVE_ASSET_FIELD_AUTHOR, "X");
  g_autoptr (GPtrArray) bad_uuid = new_edits ();
  g_autoptr (GBytes) bytes = trove_test_read_file (path);
  TroveAssetEdit *e = edit_for ("MA", "Copper");

  /* Blender 3.4's DNA has no copyright field. */
  assert_refused (path, copyright, TROVE_ERROR_UNSUPPORTED, "Blender 3.5");
  assert_refused (path, missing, TROVE_ERROR_NOT_FOUND, "Nope");
  trove_asset_edit_set_catalog (e, "not-a-uuid", NULL);
  g_ptr_array_add (bad_uuid, e);
  assert_refused (path, bad_uuid, TROVE_ERROR_INVALID_EDIT, "not-a-uuid");

  trove_test_copy_file (path, asset_blend);
  assert_refused (asset_blend, edit, TROVE_ERROR_REFUSED, "Blender manages");

  /* A file cut short is never written. */
  trove_test_write_file (truncated, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);
  assert_refused (truncated, edit, TROVE_ERROR_REFUSED, "cannot read it completely");

  /* Read-only by its mode, even for root. */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  assert_refused (path, edit, TROVE_ERROR_REFUSED, "read-only");
  trove_test_remove_tree (dir);
}

static void
test_read_only_folder (void)
{
  /* Read before dropping privileges: "nobody" may not reach the source tree. */
  g_autofree char *source = trove_test_data_path ("library", "materials.blend", NULL);
  g_autoptr (GBytes) bytes = trove_test_read_file (source);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) edit = NULL;

  if (!trove_test_run_unprivileged ())
    return;
  dir = trove_test_make_temp_dir ();
  path = g_build_filename (dir, "materials.blend", NULL);
  trove_test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  edit = one_edit ("MA", "Copper", TROVE_ASSET_FIELD_AUTHOR, "X");
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  assert_refused (path, edit, TROVE_ERROR_REFUSED, "folder is read-only");
  trove_test_remove_tree (dir);
}

/* A full disk, made real by a file-size limit: writing the temporary file
 * fails with EFBIG as it would with ENOSPC. */
static void
test_disk_full (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "many.blend");
  g_autoptr (GPtrArray) edit = one_edit ("MA", "Many 000", TROVE_ASSET_FIELD_AUTHOR, "X");

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 64 * 1024, RLIM_INFINITY };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      assert_refused (path, edit, -1, "cannot write the temporary file");
      trove_test_remove_tree (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  trove_test_remove_tree (dir);
}

typedef struct
{
  const char *other_version; /* what "another program" saves */
  guint times;               /* how many attempts it spoils */
  guint calls;
} Meddler;

static void
meddle (const char *stage, const char *path, gpointer user_data)
{
  Meddler *m = user_data;

  if (strcmp (stage, "before-rename") != 0 || m->calls++ >= m->times)
    return;
  /* Blender saving: a new file renamed over the old one. */
  {
    g_autofree char *temp = g_strconcat (path, "@", NULL);
    trove_test_copy_file (m->other_version, temp);
    g_assert_cmpint (g_rename (temp, path), ==, 0);
  }
}

/* Another program saves the file while Trove writes it: Trove starts again
 * from the new content (the edit applies to it), or, if that keeps
 * happening, gives up and leaves the other program's file alone. */
static void
test_changed_during_write (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "materials.blend");
  g_autofree char *other = g_build_filename (dir, "other.blend", NULL);
  g_autoptr (GPtrArray) theirs = one_edit ("MA", "Granite", TROVE_ASSET_FIELD_AUTHOR, "Theirs");
  g_autoptr (GPtrArray) ours = one_edit ("MA", "Copper", TROVE_ASSET_FIELD_AUTHOR, "Ours");
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GError) error = NULL;
  Meddler once = { other, 1, 0 }, always = { other, G_MAXUINT, 0 };

  trove_test_copy_file (path, other);
  g_assert_true (write_edits (other, theirs, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_no_error (error);

  _trove_blend_writer_set_hook (meddle, &once);
  g_assert_true (write_edits (path, ours, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (once.calls, ==, 2);
  values = read_values (path);
  g_assert_cmpstr (((TroveAssetValues *)g_hash_table_lookup (values, "MA/Granite"))->strings[1], ==,
                   "Theirs");
  g_assert_cmpstr (((TroveAssetValues *)g_hash_table_lookup (values, "MA/Copper"))->strings[1], ==,
                   "Ours");

  /* Every attempt starts from "other", which has no "Ours": there is always
   * something to write, and every write is spoilt. */
  trove_test_copy_file (other, path);
  _trove_blend_writer_set_hook (meddle, &always);
  g_assert_false (write_edits (path, ours, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "another program"));
  _trove_blend_writer_set_hook (NULL, NULL);
  {
    g_autoptr (GBytes) a = trove_test_read_file (path);
    g_autoptr (GBytes) b = trove_test_read_file (other);
    g_assert_true (g_bytes_equal (a, b));
  }
  assert_no_temp_files (dir);
  trove_test_remove_tree (dir);
}

/* The new file keeps the old one's permissions, and its owner and group
 * when Trove may set them (as root, for another user's file). */
static void
test_keeps_owner_and_mode (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "materials.blend");
  g_autoptr (GPtrArray) edits = one_edit ("MA", "Copper", TROVE_ASSET_FIELD_AUTHOR, "Owned");
  g_autoptr (GError) error = NULL;
  gboolean root = geteuid () == 0;
  GStatBuf st;

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  if (root)
    g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  g_assert_true (write_edits (path, edits, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  if (root)
    {
      g_assert_cmpint (st.st_uid, ==, 65534);
      g_assert_cmpint (st.st_gid, ==, 65534);
    }
  trove_test_remove_tree (dir);
}

/* Editing through a symlink replaces the file it points to. */
static void
test_symlink (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "materials.blend");
  g_autofree char *link = g_build_filename (dir, "link.blend", NULL);
  g_autoptr (GPtrArray) edits = one_edit ("MA", "Copper", TROVE_ASSET_FIELD_AUTHOR, "Linked");
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (symlink ("materials.blend", link), ==, 0);
  g_assert_true (write_edits (link, edits, TROVE_BLEND_WRITE_NO_BACKUP, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  values = read_values (path);
  g_assert_cmpstr (((TroveAssetValues *)g_hash_table_lookup (values, "MA/Copper"))->strings[1], ==,
                   "Linked");
  trove_test_remove_tree (dir);
}

static int
run_cli (const char *const *args, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer)g_getenv ("TROVE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
}

/* trove-cli set: several assets, catalog by path, tags; errors exit 1. */
static void
test_cli (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *library = trove_test_data_path ("library", NULL);
  g_autofree char *cats = g_build_filename (dir, "blender_assets.cats.txt", NULL);
  g_autofree char *source_cats = g_build_filename (library, "blender_assets.cats.txt", NULL);
  g_autofree char *path = copy_fixture (dir, "materials.blend");
  g_autofree char *backup = g_strconcat (path, "1", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GHashTable) values = NULL;
  TroveAssetValues *v;

  trove_test_copy_file (source_cats, cats);
  g_assert_cmpint (
      run_cli ((const char *const[]){ "set", path, "MA", "Copper", "--asset", "MA", "Granite",
                                      "--add-tag", "cli", "--add-tag", "two", "--remove-tag",
                                      "stone", "--catalog", "Edge/Long Simple Name",
                                      "--description", "From the CLI", "--no-backup", NULL },
               &out, &err),
      ==, 0);
  g_assert_nonnull (strstr (out, "saved"));
  values = read_values (path);
  v = g_hash_table_lookup (values, "MA/Granite");
  g_assert_cmpstr (v->strings[0], ==, "From the CLI");
  g_assert_cmpstr (v->tags->pdata[v->tags->len - 1], ==, "two");
  g_assert_cmpstr (v->catalog_id, ==, CATALOG_UUID);
  /* Blender's 63-byte cut of the catalog's simple name. */
  g_assert_cmpstr (v->catalog_simple_name, ==,
                   "A simple name that is much longer than sixty-three bytes, so as");
  v = g_hash_table_lookup (values, "MA/Copper");
  g_assert_cmpstr (v->strings[0], ==, "From the CLI");
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      run_cli ((const char *const[]){ "set", path, "MA", "Copper", "--copyright", "©", NULL }, &out,
               &err),
      ==, 1);
  g_assert_nonnull (strstr (err, "3.5"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *const[]){ "set", path, "MA", "Copper", "--catalog",
                                                   "No/Such/Catalog", NULL },
                            &out, &err),
                   ==, 1);
  g_assert_nonnull (strstr (err, "No/Such/Catalog"));
  trove_test_remove_tree (dir);
}

/* The extents of every asset's metadata blocks (headers included). */
static GArray *
metadata_ranges (const char *path)
{
  g_autoptr (TroveBlendFile) file = trove_blend_file_open (path, NULL, NULL);
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint64));
  TroveBlendRun run;

  g_assert_nonnull (file);
  _trove_blend_run_init (&run);
  for (guint i = 0; i < file->owners->len; i++)
    {
      const TroveBlendOwner *owner = &g_array_index (file->owners, TroveBlendOwner, i);
      g_auto (TroveBlendMetadata) md = { 0 };
      g_autofree char *name = NULL;
      guint64 asset_data = 0;
      const TroveBHead *blocks[8];
      guint n = 0;

      if (!trove_blend_file_is_id_code (owner->bhead.code)
          || !_trove_blend_file_read_id (file, owner, &asset_data, &name, NULL) || asset_data == 0
          || !_trove_blend_file_read_run (file, owner, &run, NULL)
          || !_trove_blend_file_read_metadata (file, &run, asset_data, name, &md, NULL))
        continue;
      blocks[n++] = md.meta_block;
      for (guint k = 0; k < 4; k++)
        if (md.string_blocks[k] != NULL)
          blocks[n++] = md.string_blocks[k];
      if (md.tag_blocks->len > 0)
        blocks[n++] = md.tag_blocks->pdata[0];
      for (guint k = 0; k < n; k++)
        {
          guint64 range[2] = { blocks[k]->offset, blocks[k]->data_offset + blocks[k]->length };
          g_array_append_vals (ranges, range, 2);
        }
    }
  _trove_blend_run_clear (&run);
  return ranges;
}

/* Files mutated where the metadata is (block headers, addresses, lengths,
 * strings, tags) but still readable: the writer either writes the edit, and
 * the file reads back with it, or refuses and leaves the file as it was.
 * Never a crash, a critical or a half-written file (ASan in CI). */
static void
test_mutated_files (gconstpointer fixture)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, fixture);
  g_autoptr (GBytes) original = trove_test_read_file (path);
  g_autoptr (GArray) ranges = metadata_ranges (path);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261122);
  guint n_written = 0, n_refused = 0, n_unreadable = 0;
  /* More for a soak run: TROVE_FUZZ_ROUNDS=20000. */
  guint rounds = g_getenv ("TROVE_FUZZ_ROUNDS") != NULL
                     ? (guint)g_ascii_strtoull (g_getenv ("TROVE_FUZZ_ROUNDS"), NULL, 10)
                     : 150;

  for (guint round = 0; round < rounds; round++)
    {
      gsize length = g_bytes_get_size (original);
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (original, NULL), length);
      g_autoptr (GPtrArray) assets = NULL;
      g_autoptr (GPtrArray) edits = new_edits ();
      g_autoptr (TroveBlendFile) file = NULL;
      g_autoptr (GError) error = NULL;
      guint n_flips = g_rand_int_range (rand, 1, 6);

      for (guint k = 0; k < n_flips; k++)
        {
          guint r = g_rand_int_range (rand, 0, (gint32)ranges->len / 2);
          guint64 start = g_array_index (ranges, guint64, 2 * r);
          guint64 end = g_array_index (ranges, guint64, 2 * r + 1);
          guint64 at = start + (guint64)g_rand_int_range (rand, 0, (gint32)(end - start));
          data[at] = g_rand_boolean (rand) ? (guint8)g_rand_int (rand) : data[at] ^ 0x80;
        }
      trove_test_write_file (path, data, length);

      file = trove_blend_file_open (path, NULL, NULL);
      if (file != NULL)
        assets = trove_blend_file_list_assets (file, "", NULL, NULL);
      if (assets == NULL)
        {
          n_unreadable++;
          continue;
        }
      for (guint i = 0; i < assets->len; i++)
        {
          TroveAssetEdit *edit = edit_for (trove_asset_get_id_type (assets->pdata[i]),
                                           trove_asset_get_name (assets->pdata[i]));
          trove_asset_edit_add_tag (edit, "fuzz");
          trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_DESCRIPTION, "Fuzzed ✓");
          g_ptr_array_add (edits, edit);
        }
      if (trove_blend_write_edits (path, edits, TROVE_BLEND_WRITE_NO_BACKUP, NULL, NULL, &error))
        {
          g_autoptr (GPtrArray) after = list_assets (path);
          g_assert_cmpuint (after->len, ==, assets->len);
          for (guint i = 0; i < after->len; i++)
            {
              g_assert_true (g_strv_contains (trove_asset_get_tags (after->pdata[i]), "fuzz"));
              g_assert_cmpstr (trove_asset_get_description (after->pdata[i]), ==, "Fuzzed ✓");
            }
          n_written++;
        }
      else
        {
          g_autoptr (GBytes) now = trove_test_read_file (path);
          g_autoptr (GBytes) mutated = g_bytes_new (data, length);
          g_assert_true (g_bytes_equal (now, mutated));
          n_refused++;
        }
      assert_no_temp_files (dir);
    }
  g_test_message ("%u written, %u refused, %u unreadable", n_written, n_refused, n_unreadable);
  g_assert_cmpuint (n_written, >, 0);
  trove_test_remove_tree (dir);
}

static void
assert_editable (const char *path, TroveAssetFields fields, const char *reason)
{
  g_autoptr (GPtrArray) assets = list_assets (path);

  g_assert_cmpuint (assets->len, >, 0);
  for (guint i = 0; i < assets->len; i++)
    {
      g_assert_cmpuint (trove_asset_get_editable_fields (assets->pdata[i]), ==, fields);
      if (reason == NULL)
        g_assert_null (trove_asset_get_read_only_reason (assets->pdata[i]));
      else
        g_assert_nonnull (strstr (trove_asset_get_read_only_reason (assets->pdata[i]), reason));
    }
}

/* The reader tells the window what the writer would do with each file. */
static void
test_editable_fields (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "materials.blend");
  g_autofree char *asset_blend = g_build_filename (dir, "x.asset.blend", NULL);
  g_autofree char *copyright = write_variant (dir, &variants[7]);
  g_autofree char *big_endian = write_variant (dir, &variants[1]);
  const TroveAssetFields v34 = TROVE_ASSET_FIELD_DESCRIPTION | TROVE_ASSET_FIELD_AUTHOR
                               | TROVE_ASSET_FIELD_TAGS | TROVE_ASSET_FIELD_CATALOG;

  assert_editable (path, v34, NULL);
  assert_editable (copyright, v34 | TROVE_ASSET_FIELD_COPYRIGHT | TROVE_ASSET_FIELD_LICENSE, NULL);
  assert_editable (big_endian, TROVE_ASSET_FIELD_NONE, "big-endian");
  trove_test_copy_file (path, asset_blend);
  assert_editable (asset_blend, TROVE_ASSET_FIELD_NONE, "Blender manages");
  trove_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/writer/edit-fixtures", test_edit_fixtures);
  g_test_add_func ("/writer/no-change", test_no_change);
  g_test_add_func ("/writer/successive-equals-combined", test_successive_equals_combined);
  g_test_add_func ("/writer/tags-and-strings", test_tags_and_strings);
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/writer/variant/%s", variants[i].name);
      g_test_add_data_func (test_path, &variants[i], test_variant);
    }
  g_test_add_func ("/writer/refusals", test_refusals);
  g_test_add_func ("/writer/read-only-folder", test_read_only_folder);
  g_test_add_func ("/writer/disk-full", test_disk_full);
  g_test_add_func ("/writer/changed-during-write", test_changed_during_write);
  g_test_add_func ("/writer/symlink", test_symlink);
  g_test_add_func ("/writer/keeps-owner-and-mode", test_keeps_owner_and_mode);
  g_test_add_func ("/writer/cli", test_cli);
  g_test_add_func ("/writer/editable-fields", test_editable_fields);
  g_test_add_data_func ("/writer/mutated-files/plain", "materials.blend", test_mutated_files);
  g_test_add_data_func ("/writer/mutated-files/zstd", "objects.blend", test_mutated_files);
  return g_test_run ();
}
