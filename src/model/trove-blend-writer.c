/* trove-blend-writer.c: writes asset metadata into .blend files
 *
 * Blender can only edit the assets of the file it has open. Trove edits them
 * in any file by rewriting the block stream (blend-format.md §7, §8, §10):
 *
 *  - every block it does not change is copied byte for byte;
 *  - an edited asset's AssetMetaData block keeps its address and length; its
 *    fields are patched where the file's own DNA puts them;
 *  - the asset's string and AssetTag blocks are written where Blender writes
 *    them (after the metadata's ID properties), in Blender's order: author,
 *    description, copyright, license, tags. Unchanged ones are copied; new
 *    ones get fresh addresses, unique in the whole file;
 *  - the output keeps the compression of the original; zstd is written as
 *    Blender writes it, in independent frames with a seek table.
 *
 * The output goes to a temporary file beside the original, is flushed, read
 * back and compared with what was meant byte for byte, then parsed again to
 * check every asset's metadata. Only then does it replace the original, in
 * one rename, after the original was kept as `file.blend1`. If the original
 * changed meanwhile, everything starts again from the new content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-blend-writer-private.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "trove-blend-file-private.h"
#include "trove-error.h"
#include "trove-safe-file.h"
#include "trove-uuid.h"

#define N_STRINGS 4
#define COPY_CHUNK (1024 * 1024)
#define OUT_BUFFER_SIZE (1024 * 1024)
/* Blender's ZSTD_BUFFER_SIZE and ZSTD_COMPRESSION_LEVEL (writefile.cc). */
#define ZSTD_FRAME_SIZE (2 * 1024 * 1024)
#define ZSTD_LEVEL 3
/* Blender 2.9x wrote gzip with BLI_gzopen (path, "wb1"). */
#define GZIP_LEVEL 1
#define ZSTD_SEEKABLE_SKIPPABLE_MAGIC 0x184D2A5Eu
#define ZSTD_SEEKABLE_FOOTER_MAGIC 0x8F92EAB1u
/* G_FILE_ASSET_EDIT_FILE: a Blender-managed *.asset.blend (4.3+). */
#define G_FILE_ASSET_EDIT_FILE (1 << 29)
#define ASSET_EDIT_FILE_VERSION 403
/* The newest format Trove knows: 5.x. */
#define NEWEST_KNOWN_VERSION 599
#define MAX_ATTEMPTS 3
/* Cap on new blocks per file: 100 tags on 10,000 assets is far below. */
#define MAX_NEW_BLOCKS (16 * 1024 * 1024)

static TroveBlendWriterHook test_hook;
static gpointer test_hook_data;

void
_trove_blend_writer_set_hook (TroveBlendWriterHook hook, gpointer user_data)
{
  test_hook = hook;
  test_hook_data = user_data;
}

static void
run_hook (const char *stage, const char *path)
{
  if (test_hook != NULL)
    test_hook (stage, path, test_hook_data);
}

/* The order in which Blender writes the strings (BKE_asset_metadata_write),
 * as indices into TroveAssetValues.strings. */
static const guint blender_string_order[N_STRINGS] = { 1, 0, 2, 3 };
static const char *const string_members[N_STRINGS]
    = { "description", "author", "copyright", "license" };

/* Where the fields of AssetMetaData and AssetTag are in this file. */
typedef struct
{
  guint meta_index;
  guint tag_index;
  guint tag_size;
  gboolean has_string[N_STRINGS];
  gboolean has_catalog;
} Layout;

typedef enum
{
  OP_COPY,  /* bytes of the original stream */
  OP_BYTES, /* new bytes */
  OP_FLUSH, /* end a zstd frame here, as Blender does */
} OpKind;

typedef struct
{
  OpKind kind;
  guint64 offset;
  guint64 length;
  GBytes *bytes;
} Op;

/* An asset the write must leave with these values. */
typedef struct
{
  char *id_type;
  char *name;
  TroveAssetValues values;
} Expected;

typedef struct
{
  TroveBlendFile *file;
  const char *name; /* the file, for messages */
  Layout layout;
  GArray *ops;
  guint64 cursor;       /* how far the original stream is planned */
  GArray *flush_points; /* guint64 offsets in the original stream, ascending */
  guint next_flush;
  guint64 next_old;
  GHashTable *used_olds; /* only when addresses ran out above the largest */
  guint new_blocks;
  GHashTable *expected; /* "ID\x1fname" -> Expected, for every asset */
  gboolean changed;
} Plan;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->id_type);
  g_free (e->name);
  trove_asset_values_clear (&e->values);
  g_free (e);
}

static char *
asset_key (const char *id_type, const char *name)
{
  return g_strdup_printf ("%.2s\x1f%s", id_type, name);
}

static void
op_clear (gpointer data)
{
  Op *op = data;
  g_clear_pointer (&op->bytes, g_bytes_unref);
}

static void
plan_init (Plan *plan, TroveBlendFile *file)
{
  memset (plan, 0, sizeof *plan);
  plan->file = file;
  plan->name = file->display_name;
  plan->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (plan->ops, op_clear);
  plan->flush_points = g_array_new (FALSE, FALSE, sizeof (guint64));
  plan->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_free);
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->ops, g_array_unref);
  g_clear_pointer (&plan->flush_points, g_array_unref);
  g_clear_pointer (&plan->used_olds, g_hash_table_unref);
  g_clear_pointer (&plan->expected, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

/* Sets a %TROVE_ERROR naming @name, or, without a name, the bare reason
 * (for the window to show next to a read-only asset). */
static gboolean G_GNUC_PRINTF (4, 5)
    refuse (const char *name, GError **error, int code, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (name == NULL)
    g_set_error_literal (error, TROVE_ERROR, code, reason);
  else
    /* Translators: the first %s is a file name, the second the reason. */
    g_set_error (error, TROVE_ERROR, code, _ ("“%s”: not saved: %s"), name, reason);
  return FALSE;
}

static void
put_uint (guint8 *p, guint size, guint64 value)
{
  /* Trove only writes little-endian files. */
  for (guint i = 0; i < size; i++)
    p[i] = (guint8)(value >> (8 * i));
}

static gboolean
is_one_of (const char *name, const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Trove rewrites what it knows of a struct and copies the rest. A pointer it
 * does not know could point at a block the rewrite moves or drops, so a
 * struct with one is refused: "a Blender whose format Trove does not fully
 * understand". */
static gboolean
check_struct (Plan *plan,
              guint index,
              const char *const *pointers,
              const char *const *structs,
              GError **error)
{
  const TroveSdna *sdna = plan->file->sdna;

  for (guint i = 0; i < trove_sdna_get_n_members (sdna, index); i++)
    {
      const TroveSdnaMember *m = trove_sdna_get_member (sdna, index, i);
      gboolean is_struct = trove_sdna_get_struct_for_type (sdna, m->type_index) >= 0;

      if ((m->is_pointer && !is_one_of (m->bare_name, pointers))
          || (!m->is_pointer && is_struct && !is_one_of (m->bare_name, structs)))
        return refuse (plan->name, error, TROVE_ERROR_UNSUPPORTED,
                       _ ("it was saved by a Blender whose asset metadata Trove does not fully "
                          "understand (%s has a member “%s”)"),
                       trove_sdna_get_struct_name (sdna, index), m->name);
    }
  return TRUE;
}

static gboolean
has_member (Plan *plan, guint index, const char *path, gboolean pointer)
{
  const TroveSdnaMember *m;
  guint offset;

  return trove_sdna_resolve_path (plan->file->sdna, index, path, &offset, &m)
         && m->is_pointer == pointer;
}

/* bUUID as DNA_uuid_types.h has it: four integers and node[6]. */
static gboolean
uuid_layout_known (Plan *plan, guint meta)
{
  static const char *const fields[] = {
    "catalog_id.time_low",
    "catalog_id.time_mid",
    "catalog_id.time_hi_and_version",
    "catalog_id.clock_seq_hi_and_reserved",
    "catalog_id.clock_seq_low",
  };
  const TroveSdnaMember *m = NULL;
  guint offset;

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!trove_sdna_resolve_path (plan->file->sdna, meta, fields[i], &offset, &m) || m->is_pointer
        || m->array_length != 1 || m->size > 8)
      return FALSE;
  return trove_sdna_resolve_path (plan->file->sdna, meta, "catalog_id.node", &offset, &m)
         && !m->is_pointer && m->array_length == 6 && m->size == 6;
}

static gboolean
resolve_layout (Plan *plan, GError **error)
{
  static const char *const meta_pointers[] = {
    "local_type_info", "properties", "author", "description", "copyright", "license", NULL,
  };
  static const char *const meta_structs[] = { "catalog_id", "tags", NULL };
  static const char *const tag_pointers[] = { "next", "prev", NULL };
  static const char *const no_structs[] = { NULL };
  const TroveSdna *sdna = plan->file->sdna;
  Layout *layout = &plan->layout;
  int meta = trove_sdna_find_struct (sdna, "AssetMetaData");
  int tag = trove_sdna_find_struct (sdna, "AssetTag");

  if (meta < 0 || tag < 0)
    return refuse (plan->name, error, TROVE_ERROR_UNSUPPORTED,
                   _ ("its format has no asset metadata"));
  layout->meta_index = (guint)meta;
  layout->tag_index = (guint)tag;
  layout->tag_size = trove_sdna_get_struct_size (sdna, (guint)tag);
  if (!check_struct (plan, (guint)meta, meta_pointers, meta_structs, error)
      || !check_struct (plan, (guint)tag, tag_pointers, no_structs, error))
    return FALSE;
  if (!has_member (plan, (guint)meta, "tags.first", TRUE)
      || !has_member (plan, (guint)meta, "tags.last", TRUE)
      || !has_member (plan, (guint)meta, "tot_tags", FALSE)
      || !has_member (plan, (guint)tag, "next", TRUE)
      || !has_member (plan, (guint)tag, "prev", TRUE)
      || !has_member (plan, (guint)tag, "name", FALSE))
    return refuse (plan->name, error, TROVE_ERROR_UNSUPPORTED,
                   _ ("its asset tags are stored in a way Trove does not understand"));

  for (guint i = 0; i < N_STRINGS; i++)
    layout->has_string[i] = has_member (plan, (guint)meta, string_members[i], TRUE);
  layout->has_catalog = has_member (plan, (guint)meta, "catalog_id.time_low", FALSE)
                        && has_member (plan, (guint)meta, "catalog_simple_name", FALSE)
                        && uuid_layout_known (plan, (guint)meta);
  return TRUE;
}

static TroveAssetFields
layout_fields (const Layout *layout)
{
  static const TroveAssetFields string_fields[N_STRINGS] = {
    TROVE_ASSET_FIELD_DESCRIPTION,
    TROVE_ASSET_FIELD_AUTHOR,
    TROVE_ASSET_FIELD_COPYRIGHT,
    TROVE_ASSET_FIELD_LICENSE,
  };
  TroveAssetFields fields = TROVE_ASSET_FIELD_TAGS;

  for (guint i = 0; i < N_STRINGS; i++)
    if (layout->has_string[i])
      fields |= string_fields[i];
  if (layout->has_catalog)
    fields |= TROVE_ASSET_FIELD_CATALOG;
  return fields;
}

/* Writes element @index of an integer or pointer member. */
static void
set_member (Plan *plan, guint8 *data, guint struct_index, const char *path, guint index, guint64 v)
{
  const TroveSdnaMember *m = NULL;
  guint offset = 0, element;

  /* Every path was checked by resolve_layout(). */
  if (!trove_sdna_resolve_path (plan->file->sdna, struct_index, path, &offset, &m))
    g_return_if_reached ();
  element = m->size / MAX (m->array_length, 1);
  g_return_if_fail (index < m->array_length && element <= 8);
  put_uint (data + offset + index * element, element, v);
}

static guint64
get_member (Plan *plan, const guint8 *data, guint struct_index, const char *path)
{
  const TroveSdnaMember *m = NULL;
  guint offset = 0;

  if (!trove_sdna_resolve_path (plan->file->sdna, struct_index, path, &offset, &m)
      || m->size / MAX (m->array_length, 1) > 8)
    return 0;
  return _trove_blend_file_decode_uint (plan->file, data + offset, m->size / m->array_length);
}

static void
set_chars (Plan *plan, guint8 *data, guint struct_index, const char *path, const char *text)
{
  const TroveSdnaMember *m = NULL;
  guint offset = 0;

  if (!trove_sdna_resolve_path (plan->file->sdna, struct_index, path, &offset, &m) || m->size == 0)
    g_return_if_reached ();
  memset (data + offset, 0, m->size);
  /* The callers cut text to fit at a character boundary. */
  memcpy (data + offset, text, MIN (strlen (text), (gsize)m->size - 1));
}

static void
encode_bhead (Plan *plan,
              guint8 *out,
              const char code[4],
              guint32 sdna_index,
              guint64 old,
              guint64 length,
              guint64 count)
{
  TroveBlendFile *file = plan->file;

  memcpy (out, code, 4);
  if (file->large_bhead)
    {
      put_uint (out + 4, 4, sdna_index);
      put_uint (out + 8, 8, old);
      put_uint (out + 16, 8, length);
      put_uint (out + 24, 8, count);
    }
  else
    {
      guint ps = file->pointer_size;
      put_uint (out + 4, 4, length);
      put_uint (out + 8, ps, old);
      put_uint (out + 8 + ps, 4, sdna_index);
      put_uint (out + 12 + ps, 4, count);
    }
}

/* Gathers every address in the file, for when the addresses above the
 * largest one are used up (4-byte pointers, or 5.x hashes near the top). */
static gboolean
collect_olds (Plan *plan, GError **error)
{
  TroveBlendFile *file = plan->file;
  guint64 offset = file->header_size;
  guint64 size = trove_blend_source_get_size (file->source);

  plan->used_olds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while (offset < size)
    {
      TroveBHead bhead;

      if (!trove_blend_file_read_bhead (file, offset, &bhead, error))
        return FALSE;
      g_hash_table_add (plan->used_olds, g_memdup2 (&bhead.old, sizeof bhead.old));
      if (memcmp (bhead.code, "ENDB", 4) == 0)
        break;
      offset = bhead.data_offset + bhead.length;
    }
  plan->next_old = 16;
  return TRUE;
}

/* A fresh address: unique in the whole file, non-zero, a multiple of 16,
 * bit 63 clear, and within 32 bits for files with 4-byte pointers
 * (blend-format.md §8). */
static gboolean
allocate_old (Plan *plan, guint64 *old, GError **error)
{
  guint64 limit = plan->file->pointer_size == 4 ? G_GUINT64_CONSTANT (0xFFFFFFF0)
                                                : G_GUINT64_CONSTANT (1) << 62;

  if (++plan->new_blocks > MAX_NEW_BLOCKS)
    return refuse (plan->name, error, TROVE_ERROR_TOO_LARGE, _ ("the edit is too large"));
  if (plan->used_olds == NULL && plan->next_old > limit && !collect_olds (plan, error))
    return FALSE;
  while (plan->used_olds != NULL && plan->next_old <= limit
         && g_hash_table_contains (plan->used_olds, &plan->next_old))
    plan->next_old += 16;
  if (plan->next_old > limit)
    return refuse (plan->name, error, TROVE_ERROR_TOO_LARGE,
                   _ ("there are no free block addresses left in the file"));
  *old = plan->next_old;
  plan->next_old += 16;
  return TRUE;
}

static void
plan_add (Plan *plan, OpKind kind, guint64 offset, guint64 length, GBytes *bytes)
{
  if (kind == OP_COPY && length == 0)
    return;
  if (kind == OP_COPY && plan->ops->len > 0)
    {
      Op *last = &g_array_index (plan->ops, Op, plan->ops->len - 1);
      if (last->kind == OP_COPY && last->offset + last->length == offset)
        {
          last->length += length;
          return;
        }
    }
  g_array_append_vals (plan->ops, &(Op){ kind, offset, length, bytes }, 1);
}

/* Plans the original stream from the cursor up to @offset, verbatim. */
static void
plan_copy_to (Plan *plan, guint64 offset)
{
  while (plan->next_flush < plan->flush_points->len)
    {
      guint64 point = g_array_index (plan->flush_points, guint64, plan->next_flush);

      if (point > offset)
        break;
      plan->next_flush++;
      if (point < plan->cursor)
        continue;
      plan_add (plan, OP_COPY, plan->cursor, point - plan->cursor, NULL);
      plan_add (plan, OP_FLUSH, 0, 0, NULL);
      plan->cursor = point;
    }
  if (offset > plan->cursor)
    {
      plan_add (plan, OP_COPY, plan->cursor, offset - plan->cursor, NULL);
      plan->cursor = offset;
    }
}

static guint64
block_end (const TroveBHead *b)
{
  return b->data_offset + b->length;
}

static void
group_copy_block (GArray *group, GHashTable *emitted, const TroveBHead *b)
{
  if (g_hash_table_add (emitted, (gpointer)b))
    g_array_append_vals (group, &(Op){ OP_COPY, b->offset, block_end (b) - b->offset, NULL }, 1);
}

static void
group_add_bytes (GArray *group, guint8 *data, gsize length)
{
  g_array_append_vals (group, &(Op){ OP_BYTES, 0, length, g_bytes_new_take (data, length) }, 1);
}

/* The reader refuses longer strings as hostile; Trove never writes one. */
#define MAX_STRING_LENGTH (16 * 1024 * 1024 - 1)
#define MAX_META_BLOCK (1024 * 1024)

static gboolean
make_string_block (Plan *plan, const char *text, guint64 *old, GArray *group, GError **error)
{
  gsize length = strlen (text) + 1; /* with its NUL, as BLO_write_string() */
  guint bhead_size = plan->file->bhead_size;
  guint8 *data;

  if (length - 1 > MAX_STRING_LENGTH)
    return refuse (plan->name, error, TROVE_ERROR_INVALID_EDIT, _ ("a text is longer than 16 MiB"));
  if (!allocate_old (plan, old, error))
    return FALSE;
  data = g_malloc0 (bhead_size + length);
  encode_bhead (plan, data, "DATA", 0, *old, length, 1);
  memcpy (data + bhead_size, text, length);
  group_add_bytes (group, data, bhead_size + length);
  return TRUE;
}

/* Writes the tag list as BKE_asset_metadata_write() does: one AssetTag block
 * per tag, chained by next and prev, and sets the list's ends and count. */
static gboolean
make_tag_blocks (Plan *plan, GPtrArray *tags, guint8 *meta, GArray *group, GError **error)
{
  const Layout *layout = &plan->layout;
  guint bhead_size = plan->file->bhead_size;
  g_autofree guint64 *olds = g_new0 (guint64, tags->len + 2);
  gint64 active;

  /* AssetMetaData.tot_tags is a short. */
  if (tags->len > G_MAXINT16)
    return refuse (plan->name, error, TROVE_ERROR_INVALID_EDIT,
                   _ ("an asset can have at most %d tags"), G_MAXINT16);
  for (guint i = 0; i < tags->len; i++)
    if (!allocate_old (plan, &olds[i + 1], error))
      return FALSE;
  for (guint i = 0; i < tags->len; i++)
    {
      guint8 *data = g_malloc0 (bhead_size + layout->tag_size);
      guint8 *tag = data + bhead_size;

      encode_bhead (plan, data, "DATA", layout->tag_index, olds[i + 1], layout->tag_size, 1);
      set_member (plan, tag, layout->tag_index, "next", 0, olds[i + 2]);
      set_member (plan, tag, layout->tag_index, "prev", 0, olds[i]);
      set_chars (plan, tag, layout->tag_index, "name", tags->pdata[i]);
      group_add_bytes (group, data, bhead_size + layout->tag_size);
    }

  set_member (plan, meta, layout->meta_index, "tags.first", 0, olds[1]);
  set_member (plan, meta, layout->meta_index, "tags.last", 0, olds[tags->len]);
  set_member (plan, meta, layout->meta_index, "tot_tags", 0, tags->len);
  /* Keep the active tag where it was if it still exists. */
  if (has_member (plan, layout->meta_index, "active_tag", FALSE))
    {
      active = (gint16)get_member (plan, meta, layout->meta_index, "active_tag");
      active = CLAMP (active, 0, MAX ((gint64)tags->len - 1, 0));
      set_member (plan, meta, layout->meta_index, "active_tag", 0, (guint64)active);
    }
  return TRUE;
}

static void
set_catalog (Plan *plan, guint8 *meta, const TroveAssetValues *values)
{
  static const char *const fields[] = {
    "catalog_id.time_low",
    "catalog_id.time_mid",
    "catalog_id.time_hi_and_version",
    "catalog_id.clock_seq_hi_and_reserved",
    "catalog_id.clock_seq_low",
  };
  guint index = plan->layout.meta_index;
  TroveUuid uuid = { 0 };

  /* Validated with the edit; an unparsable one stays nil. */
  trove_uuid_parse (values->catalog_id, &uuid);
  set_member (plan, meta, index, fields[0], 0, uuid.time_low);
  set_member (plan, meta, index, fields[1], 0, uuid.time_mid);
  set_member (plan, meta, index, fields[2], 0, uuid.time_hi_and_version);
  set_member (plan, meta, index, fields[3], 0, uuid.clock_seq_hi_and_reserved);
  set_member (plan, meta, index, fields[4], 0, uuid.clock_seq_low);
  for (guint i = 0; i < 6; i++)
    set_member (plan, meta, index, "catalog_id.node", i, uuid.node[i]);
  set_chars (plan, meta, index, "catalog_simple_name", values->catalog_simple_name);
}

static gboolean
read_meta_block (Plan *plan, const TroveBHead *b, guint8 **out, GError **error)
{
  gsize length = (gsize)(block_end (b) - b->offset);

  if (b->length > MAX_META_BLOCK)
    return refuse (plan->name, error, TROVE_ERROR_TOO_LARGE,
                   _ ("an asset metadata block is implausibly large"));
  *out = g_malloc (length);
  if (!trove_blend_source_read (plan->file->source, b->offset, *out, length, error))
    {
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Plans the new metadata group: the patched AssetMetaData block stays where
 * it was, the strings and tags go where the first of the old ones was. */
static gboolean
make_group (Plan *plan,
            TroveBlendMetadata *md,
            const TroveAssetValues *values,
            TroveAssetFields diff,
            GArray *group,
            guint8 *meta,
            GError **error)
{
  g_autoptr (GHashTable) emitted = g_hash_table_new (NULL, NULL);
  guint index = plan->layout.meta_index;

  g_hash_table_add (emitted, (gpointer)md->meta_block);
  for (guint k = 0; k < N_STRINGS; k++)
    {
      guint i = blender_string_order[k];
      guint64 old = 0;

      if (!(diff & (1u << i)))
        {
          if (md->string_blocks[i] != NULL)
            group_copy_block (group, emitted, md->string_blocks[i]);
          continue;
        }
      if (values->strings[i] != NULL
          && !make_string_block (plan, values->strings[i], &old, group, error))
        return FALSE;
      set_member (plan, meta, index, string_members[i], 0, old);
    }

  if (!(diff & TROVE_ASSET_FIELD_TAGS))
    for (guint i = 0; i < md->tag_blocks->len; i++)
      group_copy_block (group, emitted, md->tag_blocks->pdata[i]);
  else if (!make_tag_blocks (plan, values->tags, meta, group, error))
    return FALSE;

  if (diff & TROVE_ASSET_FIELD_CATALOG)
    set_catalog (plan, meta, values);
  return TRUE;
}

static gboolean
is_owned (TroveBlendMetadata *md, const TroveBHead *b)
{
  if (b == md->meta_block)
    return FALSE;
  for (guint i = 0; i < N_STRINGS; i++)
    if (md->string_blocks[i] == b)
      return TRUE;
  for (guint i = 0; i < md->tag_blocks->len; i++)
    if (md->tag_blocks->pdata[i] == b)
      return TRUE;
  return FALSE;
}

static void
append_group (Plan *plan, GArray *group)
{
  for (guint i = 0; i < group->len; i++)
    {
      Op *op = &g_array_index (group, Op, i);
      plan_add (plan, op->kind, op->offset, op->length, g_steal_pointer (&op->bytes));
    }
  g_array_set_size (group, 0);
}

static gboolean
plan_asset (Plan *plan,
            TroveBlendRun *run,
            TroveBlendMetadata *md,
            const TroveAssetValues *values,
            TroveAssetFields diff,
            GError **error)
{
  g_autoptr (GArray) group = g_array_new (FALSE, TRUE, sizeof (Op));
  g_autofree guint8 *meta_block = NULL;
  guint bhead_size = plan->file->bhead_size;
  gboolean has_owned = FALSE;

  g_array_set_clear_func (group, op_clear);
  if (!read_meta_block (plan, md->meta_block, &meta_block, error)
      || !make_group (plan, md, values, diff, group, meta_block + bhead_size, error))
    return FALSE;

  for (guint i = 0; i < run->blocks->len; i++)
    has_owned |= is_owned (md, &g_array_index (run->blocks, TroveBHead, i));

  for (guint i = 0; i < run->blocks->len; i++)
    {
      const TroveBHead *b = &g_array_index (run->blocks, TroveBHead, i);

      if (b == md->meta_block)
        {
          gsize length = (gsize)(block_end (b) - b->offset);

          plan_copy_to (plan, b->offset);
          plan_add (plan, OP_BYTES, 0, length,
                    g_bytes_new_take (g_steal_pointer (&meta_block), length));
          plan->cursor = block_end (b);
          if (!has_owned)
            append_group (plan, group);
        }
      else if (is_owned (md, b))
        {
          plan_copy_to (plan, b->offset);
          append_group (plan, group);
          plan->cursor = block_end (b);
        }
    }
  plan->changed = TRUE;
  return TRUE;
}

/* Where Blender ends its first and its last zstd frames: after GLOB (so the
 * thumbnail and version are cheap to read) and before USER or DNA1. */
static void
find_flush_points (Plan *plan)
{
  TroveBlendFile *file = plan->file;
  const TroveBlendOwner *glob = _trove_blend_file_find_owner (file, "GLOB");
  guint64 tail = G_MAXUINT64;

  if (glob != NULL)
    g_array_append_val (plan->flush_points, glob->run_end);
  for (guint i = 0; i < file->owners->len; i++)
    {
      const TroveBlendOwner *owner = &g_array_index (file->owners, TroveBlendOwner, i);
      if (memcmp (owner->bhead.code, "USER", 4) == 0 || memcmp (owner->bhead.code, "DNA1", 4) == 0)
        {
          tail = owner->bhead.offset;
          break;
        }
    }
  if (tail != G_MAXUINT64 && (glob == NULL || tail > glob->run_end))
    g_array_append_val (plan->flush_points, tail);
}

static void
add_expected (Plan *plan, TroveAsset *asset)
{
  Expected *e = g_new0 (Expected, 1);

  e->id_type = g_strdup (trove_asset_get_id_type (asset));
  e->name = g_strdup (trove_asset_get_name (asset));
  trove_asset_values_init_from_asset (&e->values, asset);
  g_hash_table_insert (plan->expected, asset_key (e->id_type, e->name), e);
}

static gboolean
check_fields (Plan *plan, const char *name, TroveAssetFields diff, GError **error)
{
  TroveAssetFields missing = diff & ~layout_fields (&plan->layout);

  if (missing == TROVE_ASSET_FIELD_NONE)
    return TRUE;
  if (missing & (TROVE_ASSET_FIELD_COPYRIGHT | TROVE_ASSET_FIELD_LICENSE))
    return refuse (plan->name, error, TROVE_ERROR_UNSUPPORTED,
                   _ ("“%s”: this file was saved by Blender %u.%u, which has no copyright or "
                      "license fields; they need a file saved by Blender 3.5 or newer"),
                   name, plan->file->version / 100, plan->file->version % 100);
  return refuse (plan->name, error, TROVE_ERROR_UNSUPPORTED,
                 _ ("“%s”: this file was saved by Blender %u.%u, whose asset metadata has no "
                    "author or catalog; they need a file saved by Blender 3.0 or newer"),
                 name, plan->file->version / 100, plan->file->version % 100);
}

/* Applies the edits of one asset and plans its rewrite. */
static gboolean
plan_owner (Plan *plan,
            const TroveBlendOwner *owner,
            guint64 asset_data,
            const char *name,
            GPtrArray *edits,
            TroveBlendWriteFlags flags,
            GError **error)
{
  g_auto (TroveBlendMetadata) md = { 0 };
  g_autofree char *key = asset_key (owner->bhead.code, name);
  Expected *expected = g_hash_table_lookup (plan->expected, key);
  TroveBlendRun run;
  TroveAssetFields diff;
  gboolean ok;

  _trove_blend_run_init (&run);
  ok = _trove_blend_file_read_run (plan->file, owner, &run, error)
       && _trove_blend_file_read_metadata (plan->file, &run, asset_data, name, &md, error);
  if (ok)
    {
      for (guint i = 0; i < edits->len; i++)
        trove_asset_edit_apply (edits->pdata[i], &expected->values);
      diff = trove_asset_values_diff (&md.values, &expected->values);
      if ((flags & TROVE_BLEND_WRITE_ALWAYS) && diff == TROVE_ASSET_FIELD_NONE)
        diff = layout_fields (&plan->layout) & ~TROVE_ASSET_FIELD_CATALOG;
      ok = check_fields (plan, name, diff, error)
           && (diff == TROVE_ASSET_FIELD_NONE
               || plan_asset (plan, &run, &md, &expected->values, diff, error));
    }
  _trove_blend_run_clear (&run);
  return ok;
}

static gboolean
check_file (Plan *plan, GError **error)
{
  TroveBlendFile *file = plan->file;
  const TroveBlendOwner *glob = _trove_blend_file_find_owner (file, "GLOB");

  if (g_str_has_suffix (file->path, ".asset.blend"))
    return refuse (plan->name, error, TROVE_ERROR_REFUSED,
                   _ ("it is an asset file that Blender manages itself"));

  if (file->big_endian)
    return refuse (plan->name, error, TROVE_ERROR_UNSUPPORTED,
                   _ ("it was saved by a big-endian computer; Trove only writes little-endian "
                      "files (open and save it once in Blender 4.x to convert it)"));
  if (file->version > NEWEST_KNOWN_VERSION)
    return refuse (plan->name, error, TROVE_ERROR_UNSUPPORTED,
                   _ ("it was saved by Blender %u.%u, whose format is newer than Trove knows"),
                   file->version / 100, file->version % 100);
  if (!file->has_endb)
    return refuse (plan->name, error, TROVE_ERROR_TRUNCATED,
                   _ ("the file is incomplete (it has no end marker)"));
  if (glob != NULL && file->version >= ASSET_EDIT_FILE_VERSION)
    {
      g_auto (TroveBlendStruct) g = { 0 };
      guint64 fileflags = 0;

      if (!_trove_blend_struct_read (file, &glob->bhead, "FileGlobal", &g, error))
        return FALSE;
      if (_trove_blend_struct_get_uint (&g, "fileflags", 0, &fileflags)
          && (fileflags & G_FILE_ASSET_EDIT_FILE))
        return refuse (plan->name, error, TROVE_ERROR_REFUSED,
                       _ ("it is an asset file that Blender manages itself"));
    }
  return resolve_layout (plan, error);
}

static gboolean
build_plan (
    Plan *plan, GPtrArray *assets, GPtrArray *edits, TroveBlendWriteFlags flags, GError **error)
{
  TroveBlendFile *file = plan->file;
  g_autoptr (GHashTable) by_asset
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);

  for (guint i = 0; i < assets->len; i++)
    {
      TroveAsset *asset = assets->pdata[i];
      g_autofree char *key
          = asset_key (trove_asset_get_id_type (asset), trove_asset_get_name (asset));
      if (g_hash_table_contains (plan->expected, key))
        return refuse (plan->name, error, TROVE_ERROR_CORRUPT, _ ("two assets are named %s “%s”"),
                       trove_asset_get_id_type (asset), trove_asset_get_name (asset));
      add_expected (plan, asset);
    }
  for (guint i = 0; i < edits->len; i++)
    {
      TroveAssetEdit *edit = edits->pdata[i];
      char *key = asset_key (trove_asset_edit_get_id_type (edit), trove_asset_edit_get_name (edit));
      GPtrArray *list = g_hash_table_lookup (by_asset, key);

      if (!g_hash_table_contains (plan->expected, key))
        {
          g_free (key);
          return refuse (plan->name, error, TROVE_ERROR_NOT_FOUND, _ ("it has no asset %s “%s”"),
                         trove_asset_edit_get_id_type (edit), trove_asset_edit_get_name (edit));
        }
      if (list == NULL)
        g_hash_table_insert (by_asset, key, list = g_ptr_array_new ());
      else
        g_free (key);
      g_ptr_array_add (list, edit);
    }

  find_flush_points (plan);
  plan->next_old = (file->max_old | 15) + 1;
  if (plan->next_old == 0) /* wrapped */
    plan->next_old = G_MAXUINT64;

  for (guint i = 0; i < file->owners->len; i++)
    {
      const TroveBlendOwner *owner = &g_array_index (file->owners, TroveBlendOwner, i);
      g_autofree char *name = NULL, *key = NULL;
      guint64 asset_data = 0;
      GPtrArray *list;

      if (!trove_blend_file_is_id_code (owner->bhead.code))
        continue;
      if (!_trove_blend_file_read_id (file, owner, &asset_data, &name, error))
        return FALSE;
      if (asset_data == 0)
        continue;
      key = asset_key (owner->bhead.code, name);
      list = g_hash_table_lookup (by_asset, key);
      if ((list != NULL || (flags & TROVE_BLEND_WRITE_ALWAYS))
          && !plan_owner (plan, owner, asset_data, name,
                          list != NULL ? list : &(GPtrArray){ NULL, 0 }, flags, error))
        return FALSE;
    }
  plan_copy_to (plan, trove_blend_source_get_size (file->source));
  return TRUE;
}

/* Where planned bytes go: the temporary file, or a comparison with it. */
typedef struct _Sink Sink;
struct _Sink
{
  gboolean (*write) (Sink *sink, const guint8 *data, gsize length, GError **error);
  gboolean (*flush) (Sink *sink, GError **error);
};

typedef struct
{
  Sink sink;
  const char *name;
  TroveBlendCompression compression;
  int fd;
  guint8 *buffer;
  gsize used;
  gsize capacity;
  ZSTD_CCtx *cctx;
  guint8 *frame;
  gsize frame_capacity;
  GArray *frames; /* guint32 compressed size, uncompressed size */
  z_stream zs;
  gboolean zs_ready;
} WriteSink;

static gboolean
write_failed (WriteSink *w, GError **error)
{
  int saved_errno = errno;
  return trove_safe_file_io_error (error, saved_errno, w->name,
                                   _ ("cannot write the temporary file"));
}

static gboolean
write_frame (WriteSink *w, GError **error)
{
  size_t csize;
  guint32 sizes[2];

  if (w->used == 0)
    return TRUE;
  csize = ZSTD_compressCCtx (w->cctx, w->frame, w->frame_capacity, w->buffer, w->used, ZSTD_LEVEL);
  if (ZSTD_isError (csize))
    return refuse (w->name, error, TROVE_ERROR_CORRUPT, "zstd: %s", ZSTD_getErrorName (csize));
  if (!trove_safe_file_write_all (w->fd, w->frame, csize))
    return write_failed (w, error);
  sizes[0] = (guint32)csize;
  sizes[1] = (guint32)w->used;
  g_array_append_vals (w->frames, sizes, 2);
  w->used = 0;
  return TRUE;
}

static gboolean
deflate_some (WriteSink *w, const guint8 *data, gsize length, int mode, GError **error)
{
  guint8 out[64 * 1024];
  int status;

  w->zs.next_in = (Bytef *)data;
  w->zs.avail_in = (uInt)length;
  do
    {
      w->zs.next_out = out;
      w->zs.avail_out = sizeof out;
      status = deflate (&w->zs, mode);
      if (status == Z_STREAM_ERROR)
        return refuse (w->name, error, TROVE_ERROR_CORRUPT, "zlib: %d", status);
      if (!trove_safe_file_write_all (w->fd, out, sizeof out - w->zs.avail_out))
        return write_failed (w, error);
    }
  while (w->zs.avail_out == 0 || (mode == Z_FINISH && status != Z_STREAM_END));
  return TRUE;
}

/* Empties the buffer: to the file, into a zstd frame, or through deflate. */
static gboolean
drain (WriteSink *w, GError **error)
{
  gboolean ok = TRUE;

  switch (w->compression)
    {
    case TROVE_BLEND_COMPRESSION_ZSTD:
      return write_frame (w, error);
    case TROVE_BLEND_COMPRESSION_GZIP:
      ok = deflate_some (w, w->buffer, w->used, Z_NO_FLUSH, error);
      break;
    case TROVE_BLEND_COMPRESSION_NONE:
    default:
      ok = trove_safe_file_write_all (w->fd, w->buffer, w->used) || write_failed (w, error);
      break;
    }
  w->used = 0;
  return ok;
}

static gboolean
write_sink_write (Sink *sink, const guint8 *data, gsize length, GError **error)
{
  WriteSink *w = (WriteSink *)sink;

  while (length > 0)
    {
      gsize n = MIN (length, w->capacity - w->used);

      memcpy (w->buffer + w->used, data, n);
      w->used += n;
      data += n;
      length -= n;
      if (w->used == w->capacity && !drain (w, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_sink_flush (Sink *sink, GError **error)
{
  WriteSink *w = (WriteSink *)sink;
  return w->compression != TROVE_BLEND_COMPRESSION_ZSTD || write_frame (w, error);
}

/* The zstd seekable format's seek table, as Blender appends it. */
static gboolean
write_seek_table (WriteSink *w, GError **error)
{
  guint n = w->frames->len / 2;
  gsize length = 8 + 8 * (gsize)n + 9;
  g_autofree guint8 *table = g_malloc (length);
  guint8 *p = table;

  put_uint (p, 4, ZSTD_SEEKABLE_SKIPPABLE_MAGIC);
  put_uint (p + 4, 4, length - 8);
  p += 8;
  for (guint i = 0; i < n; i++, p += 8)
    {
      put_uint (p, 4, g_array_index (w->frames, guint32, 2 * i));
      put_uint (p + 4, 4, g_array_index (w->frames, guint32, 2 * i + 1));
    }
  put_uint (p, 4, n);
  p[4] = 0; /* no checksums */
  put_uint (p + 5, 4, ZSTD_SEEKABLE_FOOTER_MAGIC);
  return trove_safe_file_write_all (w->fd, table, length) || write_failed (w, error);
}

static gboolean
write_sink_finish (WriteSink *w, GError **error)
{
  switch (w->compression)
    {
    case TROVE_BLEND_COMPRESSION_ZSTD:
      return write_frame (w, error) && write_seek_table (w, error);
    case TROVE_BLEND_COMPRESSION_GZIP:
      return drain (w, error) && deflate_some (w, NULL, 0, Z_FINISH, error);
    case TROVE_BLEND_COMPRESSION_NONE:
    default:
      return drain (w, error);
    }
}

static void
write_sink_init (WriteSink *w, int fd, TroveBlendCompression compression, const char *name)
{
  memset (w, 0, sizeof *w);
  w->sink.write = write_sink_write;
  w->sink.flush = write_sink_flush;
  w->name = name;
  w->fd = fd;
  w->compression = compression;
  w->capacity = compression == TROVE_BLEND_COMPRESSION_ZSTD ? ZSTD_FRAME_SIZE : OUT_BUFFER_SIZE;
  w->buffer = g_malloc (w->capacity);
  if (compression == TROVE_BLEND_COMPRESSION_ZSTD)
    {
      w->cctx = ZSTD_createCCtx ();
      w->frame_capacity = ZSTD_compressBound (w->capacity);
      w->frame = g_malloc (w->frame_capacity);
      w->frames = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  else if (compression == TROVE_BLEND_COMPRESSION_GZIP)
    /* 16 + 15 window bits: a gzip wrapper, one member, as Blender reads it. */
    w->zs_ready
        = deflateInit2 (&w->zs, GZIP_LEVEL, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY)
          == Z_OK;
}

static void
write_sink_clear (WriteSink *w)
{
  g_clear_pointer (&w->buffer, g_free);
  g_clear_pointer (&w->frame, g_free);
  g_clear_pointer (&w->cctx, ZSTD_freeCCtx);
  g_clear_pointer (&w->frames, g_array_unref);
  if (w->zs_ready)
    deflateEnd (&w->zs);
  w->zs_ready = FALSE;
}

/* Compares what the plan produces with the temporary file, read back
 * through the reader's decompression: what was written must be exactly
 * what was meant. */
typedef struct
{
  Sink sink;
  const char *name;
  TroveBlendSource *source;
  guint64 offset;
  guint8 *buffer;
} CheckSink;

static gboolean
check_sink_write (Sink *sink, const guint8 *data, gsize length, GError **error)
{
  CheckSink *c = (CheckSink *)sink;

  while (length > 0)
    {
      gsize n = MIN (length, COPY_CHUNK);
      g_autoptr (GError) read_error = NULL;

      if (!trove_blend_source_read (c->source, c->offset, c->buffer, n, &read_error)
          || memcmp (c->buffer, data, n) != 0)
        return refuse (c->name, error, TROVE_ERROR_CORRUPT,
                       _ ("the temporary file did not read back as written"));
      c->offset += n;
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
check_sink_flush (Sink *sink, GError **error)
{
  return TRUE;
}

static gboolean
run_plan (Plan *plan, Sink *sink, GError **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);

  for (guint i = 0; i < plan->ops->len; i++)
    {
      const Op *op = &g_array_index (plan->ops, Op, i);

      if (op->kind == OP_FLUSH)
        {
          if (!sink->flush (sink, error))
            return FALSE;
        }
      else if (op->kind == OP_BYTES)
        {
          gsize length;
          const guint8 *data = g_bytes_get_data (op->bytes, &length);
          if (!sink->write (sink, data, length, error))
            return FALSE;
        }
      else
        for (guint64 done = 0; done < op->length;)
          {
            gsize n = (gsize)MIN (op->length - done, (guint64)COPY_CHUNK);
            if (!trove_blend_source_read (plan->file->source, op->offset + done, buffer, n, error)
                || !sink->write (sink, buffer, n, error))
              return FALSE;
            done += n;
          }
    }
  return TRUE;
}

/* Checks that every asset of the new file has the metadata the plan meant:
 * the edited ones the new values, all others their old ones. */
static gboolean
verify_assets (Plan *plan, GPtrArray *assets, GError **error)
{
  if (assets->len != g_hash_table_size (plan->expected))
    return refuse (plan->name, error, TROVE_ERROR_CORRUPT,
                   _ ("the new file did not read back with the same assets"));

  for (guint i = 0; i < assets->len; i++)
    {
      TroveAsset *asset = assets->pdata[i];
      g_autofree char *key
          = asset_key (trove_asset_get_id_type (asset), trove_asset_get_name (asset));
      Expected *e = g_hash_table_lookup (plan->expected, key);
      g_auto (TroveAssetValues) values = { 0 };

      trove_asset_values_init_from_asset (&values, asset);
      if (e == NULL || trove_asset_values_diff (&values, &e->values) != TROVE_ASSET_FIELD_NONE)
        return refuse (plan->name, error, TROVE_ERROR_CORRUPT,
                       _ ("the new file did not read back with the metadata meant for %s “%s”"),
                       trove_asset_get_id_type (asset), trove_asset_get_name (asset));
    }
  return TRUE;
}

/* Reads the temporary file back, once: its bytes, through the reader's
 * decompression, must be exactly what the plan meant, and parsed as a new
 * file its assets must have the metadata meant. Those assets, named as they
 * will be once the file is renamed to @final_path (the rename keeps the size
 * and time their preview locators check), go to @assets. */
static gboolean
verify_temp (Plan *plan,
             const char *temp_path,
             const char *final_path,
             const char *relative_path,
             GPtrArray **assets,
             GError **error)
{
  g_autoptr (TroveBlendFile) file = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);
  CheckSink check = { { check_sink_write, check_sink_flush }, plan->name, NULL, 0, buffer };
  guint64 expected_size = 0;

  file = trove_blend_file_open (temp_path, NULL, &local_error);
  if (file == NULL)
    return refuse (plan->name, error, TROVE_ERROR_CORRUPT, _ ("the new file did not read back: %s"),
                   local_error->message);
  check.source = file->source;
  for (guint i = 0; i < plan->ops->len; i++)
    expected_size += g_array_index (plan->ops, Op, i).length;
  if (trove_blend_source_get_size (file->source) != expected_size
      || trove_blend_source_get_compression (file->source)
             != trove_blend_source_get_compression (plan->file->source))
    return refuse (plan->name, error, TROVE_ERROR_CORRUPT,
                   _ ("the temporary file did not read back as written"));
  if (!run_plan (plan, &check.sink, error))
    return FALSE;

  g_free (file->path);
  file->path = g_strdup (final_path);
  *assets = trove_blend_file_list_assets (file, relative_path, NULL, &local_error);
  if (*assets == NULL)
    return refuse (plan->name, error, TROVE_ERROR_CORRUPT, _ ("the new file did not read back: %s"),
                   local_error->message);
  return verify_assets (plan, *assets, error);
}

static gboolean
write_temp (Plan *plan, int fd, const char *temp_path, GError **error)
{
  WriteSink w;
  gboolean ok;

  write_sink_init (&w, fd, trove_blend_source_get_compression (plan->file->source), plan->name);
  if (w.compression == TROVE_BLEND_COMPRESSION_GZIP && !w.zs_ready)
    ok = refuse (plan->name, error, TROVE_ERROR_TOO_LARGE, _ ("out of memory"));
  else
    ok = run_plan (plan, &w.sink, error) && write_sink_finish (&w, error);
  write_sink_clear (&w);
  if (!ok)
    {
      close (fd);
      g_unlink (temp_path);
      return FALSE;
    }
  return trove_safe_file_close (fd, temp_path, plan->name, error);
}

static gboolean
same_file (const GStatBuf *a, const GStatBuf *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size
         && a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Trove processes take turns on a file: each holds flock() on it from the
 * read to the rename. Blender takes no lock, hence the checks of
 * same_file() as well. */
static int
lock_file (const char *path, const char *name, GStatBuf *st, GError **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno;

  /* Some network file systems have no locks: the same_file() checks still
   * keep other programs' saves from being clobbered. */
  if (fd >= 0 && flock (fd, LOCK_EX) != 0 && errno != ENOLCK && errno != EOPNOTSUPP
      && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      trove_safe_file_io_error (error, saved_errno, name, _ ("cannot lock the file"));
      return -1;
    }
  if (fd < 0 || fstat (fd, st) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      trove_safe_file_io_error (error, saved_errno, name, _ ("cannot open the file"));
      return -1;
    }
  return fd;
}

static gboolean
check_writable (const char *path, const char *name, const GStatBuf *st, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!S_ISREG (st->st_mode))
    return refuse (name, error, TROVE_ERROR_REFUSED, _ ("it is not a regular file"));
  /* Read-only by its mode even for root, who access() lets write anything. */
  if ((st->st_mode & 0222) == 0 || g_access (path, W_OK) != 0)
    return refuse (name, error, TROVE_ERROR_REFUSED, _ ("the file is read-only"));
  if (g_access (dir, W_OK) != 0)
    return refuse (name, error, TROVE_ERROR_REFUSED, _ ("its folder is read-only"));
  return TRUE;
}

typedef struct
{
  const char *path;
  const char *relative_path;
  const char *name;
  GPtrArray *edits;
  TroveBlendWriteFlags flags;
  GCancellable *cancellable;
  gboolean written;
  gboolean retry;
  GPtrArray *assets; /* the file's assets, as written (or as found, unchanged) */
} Attempt;

static gboolean
open_and_plan (Attempt *a, Plan *plan, TroveBlendFile **file_out, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (TroveBlendFile) file = NULL;
  g_autoptr (GPtrArray) assets = NULL;

  /* A file Trove cannot read completely is never written. */
  file = trove_blend_file_open (a->path, a->cancellable, &local_error);
  if (file != NULL)
    assets = trove_blend_file_list_assets (file, a->relative_path, a->cancellable, &local_error);
  if (assets == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return refuse (a->name, error, TROVE_ERROR_REFUSED,
                     _ ("Trove cannot read it completely and will not write it (%s)"),
                     local_error->message);
    }
  plan_init (plan, file);
  if (!check_file (plan, error) || !build_plan (plan, assets, a->edits, a->flags, error))
    return FALSE;
  g_clear_pointer (&a->assets, g_ptr_array_unref);
  a->assets = g_steal_pointer (&assets);
  *file_out = g_steal_pointer (&file);
  return TRUE;
}

static gboolean
replace_original (Attempt *a, const char *temp_path, const GStatBuf *before, GError **error)
{
  g_autofree char *backup = g_strconcat (a->path, "1", NULL);
  GStatBuf now;
  int saved_errno;

  run_hook ("before-rename", a->path);
  if (g_stat (a->path, &now) != 0 || !same_file (before, &now))
    {
      /* Changed by another program since it was read: start again. */
      g_unlink (temp_path);
      a->retry = TRUE;
      return refuse (a->name, error, TROVE_ERROR_REFUSED,
                     _ ("another program kept changing the file while Trove wrote it"));
    }
  if (g_cancellable_set_error_if_cancelled (a->cancellable, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }
  if (!(a->flags & TROVE_BLEND_WRITE_NO_BACKUP)
      && !trove_safe_file_make_backup (a->path, backup, before, a->name, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }
  if (g_rename (temp_path, a->path) != 0)
    {
      saved_errno = errno;
      g_unlink (temp_path);
      return trove_safe_file_io_error (error, saved_errno, a->name,
                                       _ ("cannot move the new file into place"));
    }
  trove_safe_file_sync_directory (a->path);
  a->written = TRUE;
  return TRUE;
}

static gboolean
attempt_write (Attempt *a, GError **error)
{
  g_auto (Plan) plan = { 0 };
  g_autoptr (TroveBlendFile) file = NULL;
  g_autofree char *dir = g_path_get_dirname (a->path);
  g_autofree char *base = g_path_get_basename (a->path);
  g_autofree char *temp_path = NULL;
  GStatBuf before;
  int lock_fd, fd, saved_errno;
  gboolean ok = FALSE;

  lock_fd = lock_file (a->path, a->name, &before, error);
  if (lock_fd < 0)
    return FALSE;
  if (!check_writable (a->path, a->name, &before, error) || !open_and_plan (a, &plan, &file, error))
    goto out;
  if (!plan.changed && !(a->flags & TROVE_BLEND_WRITE_ALWAYS))
    {
      ok = TRUE;
      goto out;
    }

  /* Hidden, and not ending in .blend, so no scanner lists it. */
  temp_path = g_strdup_printf ("%s/.%s.trove-XXXXXX", dir, base);
  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      trove_safe_file_io_error (error, saved_errno, a->name,
                                _ ("cannot create the temporary file"));
      goto out;
    }
  trove_safe_file_keep_owner_and_mode (fd, &before, a->name);

  if (!write_temp (&plan, fd, temp_path, error))
    goto out;
  g_clear_pointer (&a->assets, g_ptr_array_unref);
  if (!verify_temp (&plan, temp_path, a->path, a->relative_path, &a->assets, error))
    {
      g_unlink (temp_path);
      goto out;
    }
  ok = replace_original (a, temp_path, &before, error);

out:
  close (lock_fd);
  return ok;
}

static gboolean
validate_edits (GPtrArray *edits, const char *name, GError **error)
{
  for (guint i = 0; i < edits->len; i++)
    {
      g_autoptr (GError) local_error = NULL;

      if (!trove_asset_edit_validate (edits->pdata[i], &local_error))
        return refuse (name, error, TROVE_ERROR_INVALID_EDIT, "%s", local_error->message);
    }
  return TRUE;
}

/**
 * trove_blend_write_edits_full:
 * @path: a .blend file
 * @relative_path: (nullable): the file in its library, for @assets
 * @edits: (element-type TroveAssetEdit): the edits, applied in order
 * @written: (out) (optional): whether the file was replaced; %FALSE when
 *   every value was already as asked
 * @assets: (out) (optional) (transfer full) (element-type TroveAsset): the
 *   file's assets after the call, as the verification read them back; no
 *   need to read the file again
 * @cancellable: (nullable): honoured until the original is replaced
 *
 * Writes all @edits to @path in one rewrite, safely (see the top of this
 * file). A symlink is followed: the file it points to is replaced.
 *
 * Refused (%TROVE_ERROR) for read-only files and folders, files Trove cannot
 * read completely, Blender-managed `*.asset.blend` files, big-endian files,
 * formats newer than Trove knows, assets the file does not have, and fields
 * the file's format lacks (copyright and license before Blender 3.5). On
 * any failure the original is left as it was.
 */
gboolean
trove_blend_write_edits_full (const char *path,
                              const char *relative_path,
                              GPtrArray *edits,
                              TroveBlendWriteFlags flags,
                              gboolean *written,
                              GPtrArray **assets,
                              GCancellable *cancellable,
                              GError **error)
{
  g_autofree char *real_path = NULL;
  g_autofree char *name = NULL;
  Attempt a = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (written != NULL)
    *written = FALSE;
  name = g_filename_display_name (path);
  if (!validate_edits (edits, name, error))
    return FALSE;
  real_path = realpath (path, NULL);
  if (real_path == NULL)
    {
      int saved_errno = errno;
      return trove_safe_file_io_error (error, saved_errno, name, _ ("cannot open the file"));
    }

  a = (Attempt){ real_path, relative_path != NULL ? relative_path : "",
                 name,      edits,
                 flags,     cancellable,
                 FALSE,     FALSE,
                 NULL };
  for (guint i = 0; i < MAX_ATTEMPTS; i++)
    {
      g_autoptr (GError) local_error = NULL;

      a.retry = FALSE;
      if (attempt_write (&a, &local_error))
        {
          ok = TRUE;
          break;
        }
      if (!a.retry || i + 1 == MAX_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
    }
  if (ok && written != NULL)
    *written = a.written;
  if (ok && assets != NULL)
    *assets = g_steal_pointer (&a.assets);
  g_clear_pointer (&a.assets, g_ptr_array_unref);
  return ok;
}

/* trove_blend_write_edits_full() without the assets. */
gboolean
trove_blend_write_edits (const char *path,
                         GPtrArray *edits,
                         TroveBlendWriteFlags flags,
                         gboolean *written,
                         GCancellable *cancellable,
                         GError **error)
{
  return trove_blend_write_edits_full (path, NULL, edits, flags, written, NULL, cancellable, error);
}

/**
 * _trove_blend_writer_check_format:
 *
 * Says, without I/O beyond what the reader did, which fields Trove can
 * write in @file as far as its format goes; none, with the bare reason in
 * @error, when Trove will not write it at all.
 */
TroveAssetFields
_trove_blend_writer_check_format (TroveBlendFile *file, GError **error)
{
  g_auto (Plan) plan = { 0 };

  plan_init (&plan, file);
  plan.name = NULL;
  if (!check_file (&plan, error))
    return TROVE_ASSET_FIELD_NONE;
  return layout_fields (&plan.layout);
}
