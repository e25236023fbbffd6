/* test-bad-files.c: broken and hostile files
 *
 * Every broken file must give a GError naming the file and the reason, never
 * a crash, and never an allocation the file's size does not justify. The
 * broken files are made from real Blender fixtures by patching the exact
 * bytes (found through the file's own block headers and SDNA). In the
 * sanitizer build, ASAN_OPTIONS caps single allocations (tests/meson.build),
 * so a reader that trusted a huge length field would abort there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "blend-transcode.h"
#include "trove-blend-file.h"
#include "trove-error.h"
#include "trove-asset.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmp_dir;

/* Opens and lists @path; returns the error (or NULL when it read fine). */
static GError *
read_all (const char *path)
{
  g_autoptr (TroveBlendFile) file = NULL;
  g_autoptr (GPtrArray) assets = NULL;
  GError *error = NULL;

  file = trove_blend_file_open (path, NULL, &error);
  if (file == NULL)
    return error;
  assets = trove_blend_file_list_assets (file, "x.blend", NULL, &error);
  return error;
}

static char *
write_temp (const char *name, const void *data, gsize length)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  trove_test_write_file (path, data, length);
  return path;
}

static GByteArray *
load_fixture (const char *file)
{
  g_autofree char *path = trove_test_data_path ("library", file, NULL);
  g_autoptr (GBytes) bytes = trove_test_read_file (path);

  return g_bytes_unref_to_array (g_steal_pointer (&bytes));
}

/* The error must come from Trove's domain (or GIO's) and name the file. */
static void
assert_error_names_file (GError *error, const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  g_assert_nonnull (error);
  g_assert_true (error->domain == TROVE_ERROR || error->domain == G_IO_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, base) == NULL)
    g_error ("error message “%s” does not name %s", error->message, base);
}

static void
expect_error (const char *name, const void *data, gsize length, int code)
{
  g_autofree char *path = write_temp (name, data, length);
  g_autoptr (GError) error = read_all (path);

  assert_error_names_file (error, path);
  if (code >= 0)
    g_assert_error (error, TROVE_ERROR, code);
}

static void
test_bad_not_blend (void)
{
  expect_error ("empty.blend", "", 0, TROVE_ERROR_NOT_BLEND);
  expect_error ("text.blend", "hello, world\n", 13, TROVE_ERROR_NOT_BLEND);
  expect_error ("short.blend", "BLEND", 5, TROVE_ERROR_NOT_BLEND);
  expect_error ("header-only.blend", "BLENDER", 7, TROVE_ERROR_NOT_BLEND);
  expect_error ("future.blend", "BLENDER99-99v9999", 17, TROVE_ERROR_UNSUPPORTED);
  expect_error ("bad-digits.blend", "BLENDER-vABC", 12, TROVE_ERROR_UNSUPPORTED);
  expect_error ("gzip-garbage.blend", "\x1f\x8b\x08garbage", 10, TROVE_ERROR_CORRUPT);
  expect_error ("zstd-garbage.blend", "\x28\xb5\x2f\xfdgarbage", 11, -1);
}

static void
test_bad_missing_and_folder (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.blend", NULL);
  g_autoptr (GError) error = read_all (missing);
  g_autoptr (GError) folder_error = read_all (tmp_dir);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_error_names_file (error, missing);
  g_assert_nonnull (folder_error);
}

static void
test_bad_permission (void)
{
  g_autoptr (GByteArray) bytes = NULL;
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr (GError) error = NULL;

  /* Read the fixture while still root: "nobody" may not be able to reach
   * the source tree (a clone under /root, which is mode 0700). */
  bytes = load_fixture ("materials.blend");
  if (!trove_test_run_unprivileged ())
    return;
  dir = trove_test_make_temp_dir ();
  path = g_build_filename (dir, "private.blend", NULL);
  trove_test_write_file (path, bytes->data, bytes->len);
  g_assert_cmpint (chmod (path, 0), ==, 0);
  error = read_all (path);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  assert_error_names_file (error, path);
  trove_test_remove_tree (dir);
}

/* Cut a real file at many points: each prefix is an error or (only when the
 * cut removed nothing needed) a success; never a crash. */
static void
truncate_everywhere (const char *fixture, guint steps)
{
  g_autoptr (GByteArray) bytes = load_fixture (fixture);
  guint errors = 0;

  for (guint i = 0; i < steps; i++)
    {
      gsize length = (gsize)((guint64)bytes->len * i / steps);
      g_autofree char *path = write_temp ("cut.blend", bytes->data, length);
      g_autoptr (GError) error = read_all (path);

      if (error != NULL)
        {
          assert_error_names_file (error, path);
          errors++;
        }
    }
  g_assert_cmpuint (errors, ==, steps);
}

static void
test_bad_truncated (void)
{
  truncate_everywhere ("materials.blend", 300);
  truncate_everywhere ("objects.blend", 300);
}

typedef struct
{
  TroveBlendFile *file;
  TroveBHead bhead;
} Found;

/* Finds the @nth block with @code whose struct is @struct_name (if given). */
static gboolean
find_block (
    TroveBlendFile *file, const char *code, const char *struct_name, guint nth, TroveBHead *out)
{
  const TroveSdna *sdna = trove_blend_file_get_sdna (file);
  guint64 offset = trove_blend_file_get_header_size (file);
  TroveBHead bhead;

  while (trove_blend_file_read_bhead (file, offset, &bhead, NULL))
    {
      gboolean match = memcmp (bhead.code, code, 4) == 0;
      if (match && struct_name != NULL)
        match = bhead.sdna_index > 0 && bhead.sdna_index < trove_sdna_get_n_structs (sdna)
                && strcmp (trove_sdna_get_struct_name (sdna, bhead.sdna_index), struct_name) == 0;
      if (match && nth-- == 0)
        {
          *out = bhead;
          return TRUE;
        }
      if (memcmp (bhead.code, "ENDB", 4) == 0)
        break;
      offset = bhead.data_offset + bhead.length;
    }
  return FALSE;
}

static guint
member_offset (TroveBlendFile *file, const char *struct_name, const char *path)
{
  const TroveSdna *sdna = trove_blend_file_get_sdna (file);
  int index = trove_sdna_find_struct (sdna, struct_name);
  guint offset = 0;

  g_assert_cmpint (index, >=, 0);
  g_assert_true (trove_sdna_resolve_path (sdna, (guint)index, path, &offset, NULL));
  return offset;
}

static TroveBlendFile *
open_fixture (const char *fixture)
{
  g_autofree char *path = trove_test_data_path ("library", fixture, NULL);
  g_autoptr (GError) error = NULL;
  TroveBlendFile *file = trove_blend_file_open (path, NULL, &error);

  g_assert_no_error (error);
  return file;
}

static void
put_le64 (guint8 *p, guint64 v)
{
  for (guint i = 0; i < 8; i++)
    p[i] = (guint8)(v >> (8 * i));
}

static void
put_le32 (guint8 *p, guint32 v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (guint8)(v >> (8 * i));
}

static void
test_bad_block_lengths (void)
{
  g_autoptr (TroveBlendFile) file = open_fixture ("materials.blend");
  g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
  TroveBHead glob;
  guint8 *len_field;

  g_assert_true (find_block (file, "GLOB", NULL, 0, &glob));
  len_field = bytes->data + glob.offset + 4;

  put_le32 (len_field, 0x7fffffff);
  expect_error ("huge-len.blend", bytes->data, bytes->len, TROVE_ERROR_TRUNCATED);
  put_le32 (len_field, 0x80000000u);
  expect_error ("negative-len.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
}

/* A 4 GB length in a tiny file: nothing of that size may be allocated. */
static void
test_bad_huge_length_tiny_file (void)
{
  guint8 file[1024] = { 0 };
  const gsize dna_claim = 2000; /* more than the file holds */

  memcpy (file, "BLENDER17-01v0500", 17);
  memcpy (file + 17, "DATA", 4);
  put_le64 (file + 17 + 16, G_GUINT64_CONSTANT (4) << 30);
  put_le64 (file + 17 + 24, 1);
  expect_error ("4gb-len.blend", file, sizeof file, TROVE_ERROR_TRUNCATED);

  memcpy (file + 17, "DNA1", 4);
  put_le64 (file + 17 + 16, dna_claim);
  expect_error ("short-dna.blend", file, sizeof file, TROVE_ERROR_TRUNCATED);
}

static void
patch_dna (GByteArray *bytes, TroveBHead *dna, const char *needle, const char *replacement)
{
  guint8 *start = bytes->data + dna->data_offset;
  guint8 *hit = memmem (start, dna->length, needle, strlen (needle));

  g_assert_nonnull (hit);
  memcpy (hit, replacement, strlen (replacement));
}

static void
test_bad_dna (void)
{
  g_autoptr (TroveBlendFile) file = open_fixture ("materials.blend");
  TroveBHead dna;

  g_assert_true (find_block (file, "DNA1", NULL, 0, &dna));

  {
    g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
    patch_dna (bytes, &dna, "STRC", "STRX");
    expect_error ("no-strc.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
  }
  {
    g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
    patch_dna (bytes, &dna, "TLEN", "TLEX");
    expect_error ("no-tlen.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
  }
  {
    /* A struct whose members no longer add up to its TLEN entry: fail closed. */
    g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
    guint8 *tlen = memmem (bytes->data + dna.data_offset, dna.length, "TLEN", 4);
    const TroveSdna *sdna = trove_blend_file_get_sdna (file);
    int meta = trove_sdna_find_struct (sdna, "AssetMetaData");
    guint type = trove_sdna_get_struct_type_index (sdna, (guint)meta);

    g_assert_nonnull (tlen);
    tlen[4 + type * 2] ^= 0x08;
    expect_error ("tlen-mismatch.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
  }
  {
    g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
    put_le32 (bytes->data + dna.data_offset + 8, 0x7fffffff); /* NAME count */
    expect_error ("name-count.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
  }
  {
    /* The DNA removed entirely: the block code no longer says DNA1. */
    g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
    memcpy (bytes->data + dna.offset, "DNA2", 4);
    expect_error ("no-dna.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
  }
}

static void
test_bad_tag_cycle (void)
{
  g_autoptr (TroveBlendFile) file = open_fixture ("materials.blend");
  g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  TroveBHead tag;
  guint next = member_offset (file, "AssetTag", "next");

  /* The first tag's next points back at itself. */
  g_assert_true (find_block (file, "DATA", "AssetTag", 0, &tag));
  put_le64 (bytes->data + tag.data_offset + next, tag.old);
  path = write_temp ("tag-cycle.blend", bytes->data, bytes->len);
  error = read_all (path);
  g_assert_error (error, TROVE_ERROR, TROVE_ERROR_CORRUPT);
  assert_error_names_file (error, path);
  g_assert_nonnull (strstr (error->message, "loops"));
}

static void
test_bad_dangling_asset_data (void)
{
  g_autoptr (TroveBlendFile) file = open_fixture ("materials.blend");
  g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
  TroveBHead material;
  guint asset_data = member_offset (file, "Material", "id.asset_data");

  g_assert_true (find_block (file, "MA\0\0", NULL, 0, &material));
  put_le64 (bytes->data + material.data_offset + asset_data, G_GUINT64_CONSTANT (0xdeadbeef0));
  expect_error ("dangling.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
}

static void
test_bad_preview_size (void)
{
  g_autoptr (TroveBlendFile) file = open_fixture ("materials.blend");
  g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
  TroveBHead preview;
  guint w = member_offset (file, "PreviewImage", "w");

  /* 100000 × 128 pixels cannot fit the 64 KiB rect block. */
  g_assert_true (find_block (file, "DATA", "PreviewImage", 0, &preview));
  put_le32 (bytes->data + preview.data_offset + w + 4, 100000);
  expect_error ("preview-size.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
}

static void
test_bad_wrong_struct (void)
{
  g_autoptr (TroveBlendFile) file = open_fixture ("materials.blend");
  g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
  const TroveSdna *sdna = trove_blend_file_get_sdna (file);
  TroveBHead meta;

  /* The AssetMetaData block claims to be an AssetTag. */
  g_assert_true (find_block (file, "DATA", "AssetMetaData", 0, &meta));
  put_le32 (bytes->data + meta.offset + 16, (guint32)trove_sdna_find_struct (sdna, "AssetTag"));
  expect_error ("wrong-struct.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);
}

/* Blender's library reader lists only linkable ID types: a screen or window
 * manager with asset_data set is not an asset (found by the soak test,
 * tests/soak/, comparing with Blender on random libraries). */
static void
test_bad_not_linkable (void)
{
  g_autoptr (TroveBlendFile) file = open_fixture ("materials.blend");
  g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
  const char *codes[] = { "SN\0\0", "WM\0\0" };
  g_autoptr (TroveBlendFile) patched = NULL;
  g_autoptr (GPtrArray) before = NULL, after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  before = trove_blend_file_list_assets (file, "materials.blend", NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const TroveSdna *sdna = trove_blend_file_get_sdna (file);
      TroveBHead block;
      guint offset = 0;

      g_assert_true (find_block (file, codes[i], NULL, 0, &block));
      g_assert_true (
          trove_sdna_resolve_path (sdna, block.sdna_index, "id.asset_data", &offset, NULL));
      put_le64 (bytes->data + block.data_offset + offset, G_GUINT64_CONSTANT (0xdeadbeef0));
    }
  path = write_temp ("not-linkable.blend", bytes->data, bytes->len);
  patched = trove_blend_file_open (path, NULL, &error);
  g_assert_no_error (error);
  after = trove_blend_file_list_assets (patched, "materials.blend", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
}

/* Invalid UTF-8 in metadata is read, made valid, and never passed on raw. */
static void
test_bad_invalid_utf8 (void)
{
  g_autoptr (TroveBlendFile) file = open_fixture ("materials.blend");
  g_autoptr (GByteArray) bytes = load_fixture ("materials.blend");
  g_autoptr (TroveBlendFile) broken = NULL;
  g_autoptr (GPtrArray) assets = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  TroveBHead tag;
  guint name = member_offset (file, "AssetTag", "name");

  g_assert_true (find_block (file, "DATA", "AssetTag", 0, &tag));
  memcpy (bytes->data + tag.data_offset + name, "bad\xff\xfe", 5);
  path = write_temp ("utf8.blend", bytes->data, bytes->len);
  broken = trove_blend_file_open (path, NULL, &error);
  g_assert_no_error (error);
  assets = trove_blend_file_list_assets (broken, "utf8.blend", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < assets->len; i++)
    {
      const char *const *tags = trove_asset_get_tags (assets->pdata[i]);
      for (guint t = 0; tags[t] != NULL; t++)
        g_assert_true (g_utf8_validate (tags[t], -1, NULL));
    }
}

/* A seek table that lies about a frame's size is caught without trusting it:
 * the frame is decompressed into a buffer that grows with the real data. */
static void
test_bad_seek_table (void)
{
  g_autoptr (GByteArray) bytes = load_fixture ("objects.blend");
  guint8 *footer = bytes->data + bytes->len - 9;
  guint32 n = footer[0] | footer[1] << 8 | footer[2] << 16 | (guint32)footer[3] << 24;
  guint8 *entries = footer - 8 * n;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpmem (footer + 5, 4, "\xb1\xea\x92\x8f", 4);
  put_le32 (entries + 4, 300u << 20); /* frame 0 holds 300 MiB, it says */
  expect_error ("seek-table.blend", bytes->data, bytes->len, TROVE_ERROR_CORRUPT);

  /* A table whose total exceeds any sane size is ignored, as Blender ignores
   * an invalid table: the file is streamed instead, and reads fine. */
  put_le32 (entries + 4, 0xfffffff0u);
  path = write_temp ("seek-table-ignored.blend", bytes->data, bytes->len);
  error = read_all (path);
  g_assert_no_error (error);
}

/* Random byte flips in real files: errors are fine, crashes are not. The
 * sanitizer build turns any out-of-bounds read into a failure. */
static void
fuzz_fixture (const char *fixture, guint rounds)
{
  g_autoptr (GByteArray) original = load_fixture (fixture);
  const char *seed = g_getenv ("TROVE_FUZZ_SEED");
  GRand *rand
      = g_rand_new_with_seed (seed != NULL ? (guint32)g_ascii_strtoull (seed, NULL, 10) : 0x7a0e);
  guint failures = 0;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr (GByteArray) bytes = g_byte_array_sized_new (original->len);
      g_autofree char *path = NULL;
      g_autoptr (GError) error = NULL;
      guint flips = g_rand_int_range (rand, 1, 16);

      g_byte_array_append (bytes, original->data, original->len);
      for (guint f = 0; f < flips; f++)
        bytes->data[g_rand_int_range (rand, 0, (gint32)bytes->len)] = (guint8)g_rand_int (rand);
      path = write_temp ("fuzz.blend", bytes->data, bytes->len);
      error = read_all (path);
      if (error != NULL)
        {
          assert_error_names_file (error, path);
          failures++;
        }
    }
  g_test_message ("%s: %u of %u mutants rejected", fixture, failures, rounds);
  g_rand_free (rand);
}

/* TROVE_FUZZ_ROUNDS=N (and TROVE_FUZZ_SEED) run a longer soak by hand. */
static void
test_bad_fuzz (void)
{
  const char *rounds = g_getenv ("TROVE_FUZZ_ROUNDS");
  guint n = rounds != NULL ? (guint)g_ascii_strtoull (rounds, NULL, 10) : 100;

  fuzz_fixture ("materials.blend", 3 * n);
  fuzz_fixture ("objects.blend", n);
  fuzz_fixture ("unicode.blend", n);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = trove_test_make_temp_dir ();

  g_test_add_func ("/bad/not-blend", test_bad_not_blend);
  g_test_add_func ("/bad/missing-and-folder", test_bad_missing_and_folder);
  g_test_add_func ("/bad/permission", test_bad_permission);
  g_test_add_func ("/bad/truncated", test_bad_truncated);
  g_test_add_func ("/bad/block-lengths", test_bad_block_lengths);
  g_test_add_func ("/bad/huge-length-tiny-file", test_bad_huge_length_tiny_file);
  g_test_add_func ("/bad/dna", test_bad_dna);
  g_test_add_func ("/bad/tag-cycle", test_bad_tag_cycle);
  g_test_add_func ("/bad/dangling-asset-data", test_bad_dangling_asset_data);
  g_test_add_func ("/bad/preview-size", test_bad_preview_size);
  g_test_add_func ("/bad/wrong-struct", test_bad_wrong_struct);
  g_test_add_func ("/bad/invalid-utf8", test_bad_invalid_utf8);
  g_test_add_func ("/bad/not-linkable", test_bad_not_linkable);
  g_test_add_func ("/bad/seek-table", test_bad_seek_table);
  g_test_add_func ("/bad/fuzz", test_bad_fuzz);
  status = g_test_run ();

  trove_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
