/* trove-blend-file.c: header, block walk, schema and struct access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-blend-file-private.h"
#include "trove-error.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#define LEGACY_HEADER_SIZE 12
#define V1_HEADER_SIZE 17
#define MAX_HEADER_SIZE 17
#define MAX_BHEAD_SIZE 32

/* The DNA1 payload is a few hundred KiB in every Blender; anything far larger
 * is hostile, and we copy it, so it is capped. */
#define MAX_DNA_SIZE (16 * 1024 * 1024)

void
_trove_blend_file_set_error (
    TroveBlendFile *self, GError **error, int code, const char *format, ...)
{
  g_autofree char *reason = NULL, *valid = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* Names in the message may come from the file: never pass invalid UTF-8 on. */
  valid = g_utf8_make_valid (reason, -1);
  g_set_error (error, TROVE_ERROR, code, _ ("“%s”: %s"), self->display_name, valid);
}

guint64
_trove_blend_file_decode_uint (TroveBlendFile *self, const guint8 *p, guint size)
{
  guint64 value = 0;

  /* The common case (little endian, as every current Blender writes) is hot:
   * it runs for every field of every block header. */
  if (!self->big_endian)
    {
      switch (size)
        {
        case 4:
          {
            guint32 v;
            memcpy (&v, p, 4);
            return GUINT32_FROM_LE (v);
          }
        case 8:
          memcpy (&value, p, 8);
          return GUINT64_FROM_LE (value);
        default:
          break;
        }
    }
  for (guint i = 0; i < size; i++)
    {
      guint shift = self->big_endian ? 8 * (size - 1 - i) : 8 * i;
      value |= (guint64)p[i] << shift;
    }
  return value;
}

const TroveBlendOwner *
_trove_blend_file_find_owner (TroveBlendFile *self, const char code[4])
{
  for (guint i = self->owners->len; i > 0; i--)
    {
      const TroveBlendOwner *owner = &g_array_index (self->owners, TroveBlendOwner, i - 1);

      if (memcmp (owner->bhead.code, code, 4) == 0)
        return owner;
    }
  return NULL;
}

static gboolean
all_digits (const guint8 *p, guint n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static guint
parse_digits (const guint8 *p, guint n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint)(p[i] - '0');
  return value;
}

/* Decodes the 12-byte legacy header or the 17-byte header of Blender 5.0,
 * exactly in the order Blender tries them (blo_core_blend_header.cc). */
static gboolean
read_header (TroveBlendFile *self, GError **error)
{
  guint8 h[MAX_HEADER_SIZE] = { 0 };
  gsize n = trove_blend_source_read_max (self->source, 0, h, sizeof h, error);

  if (n < LEGACY_HEADER_SIZE || memcmp (h, "BLENDER", 7) != 0)
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      _trove_blend_file_set_error (self, error, TROVE_ERROR_NOT_BLEND,
                                   n < LEGACY_HEADER_SIZE && n >= 7 && memcmp (h, "BLENDER", 7) == 0
                                       ? _ ("the file header is truncated")
                                       : _ ("not a Blender file"));
      return FALSE;
    }

  if (h[7] == '_' || h[7] == '-')
    {
      if ((h[8] != 'v' && h[8] != 'V') || !all_digits (h + 9, 3))
        goto unknown;
      self->header_size = LEGACY_HEADER_SIZE;
      self->pointer_size = h[7] == '_' ? 4 : 8;
      self->big_endian = h[8] == 'V';
      self->version = parse_digits (h + 9, 3);
      self->bhead_size = self->pointer_size == 4 ? 20 : 24;
      return TRUE;
    }

  if (all_digits (h + 7, 2) && parse_digits (h + 7, 2) == V1_HEADER_SIZE)
    {
      if (n < V1_HEADER_SIZE || h[9] != '-' || h[10] != '0' || h[11] != '1' || h[12] != 'v'
          || !all_digits (h + 13, 4))
        goto unknown;
      self->header_size = V1_HEADER_SIZE;
      self->pointer_size = 8;
      self->big_endian = FALSE;
      self->large_bhead = TRUE;
      self->version = parse_digits (h + 13, 4);
      self->bhead_size = 32;
      return TRUE;
    }

unknown:
  _trove_blend_file_set_error (self, error, TROVE_ERROR_UNSUPPORTED,
                               _ ("unknown file header; the file may be from a newer version of "
                                  "Blender"));
  return FALSE;
}

gboolean
trove_blend_file_is_id_code (const char code[4])
{
  /* Two ASCII letters and two NULs: Blender's `code <= 0xFFFF` test. */
  return code[2] == '\0' && code[3] == '\0' && g_ascii_isalpha (code[0])
         && g_ascii_isalpha (code[1]);
}

static gboolean
decode_bhead (TroveBlendFile *self, const guint8 *p, guint64 offset, TroveBHead *out)
{
  gint64 length, count;

  memcpy (out->code, p, 4);
  if (self->large_bhead)
    {
      /* LargeBHead8 reorders the fields: code, SDNAnr, old, len (int64), nr (int64). */
      out->sdna_index = (guint32)_trove_blend_file_decode_uint (self, p + 4, 4);
      out->old = _trove_blend_file_decode_uint (self, p + 8, 8);
      length = (gint64)_trove_blend_file_decode_uint (self, p + 16, 8);
      count = (gint64)_trove_blend_file_decode_uint (self, p + 24, 8);
    }
  else
    {
      guint ps = self->pointer_size;
      length = (gint32)_trove_blend_file_decode_uint (self, p + 4, 4);
      out->old = _trove_blend_file_decode_uint (self, p + 8, ps);
      out->sdna_index = (guint32)_trove_blend_file_decode_uint (self, p + 8 + ps, 4);
      count = (gint32)_trove_blend_file_decode_uint (self, p + 12 + ps, 4);
    }
  if (length < 0 || count < 0)
    return FALSE;

  out->length = (guint64)length;
  out->count = (guint64)count;
  out->offset = offset;
  out->data_offset = offset + self->bhead_size;
  return TRUE;
}

/**
 * trove_blend_file_read_bhead:
 *
 * Decodes the block header at @offset and checks that its payload lies inside
 * the file. A short final ENDB is accepted, as Blender does for old files.
 */
gboolean
trove_blend_file_read_bhead (TroveBlendFile *self,
                             guint64 offset,
                             TroveBHead *bhead,
                             GError **error)
{
  guint8 raw[MAX_BHEAD_SIZE] = { 0 };
  guint64 size;
  gsize n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (bhead != NULL, FALSE);

  size = trove_blend_source_get_size (self->source);
  n = trove_blend_source_read_max (self->source, offset, raw, self->bhead_size, error);
  if (n < self->bhead_size)
    {
      if (n >= 4 && memcmp (raw, "ENDB", 4) == 0)
        {
          memset (bhead, 0, sizeof *bhead);
          memcpy (bhead->code, "ENDB", 4);
          bhead->offset = offset;
          bhead->data_offset = offset + n;
          return TRUE;
        }
      if (error != NULL && *error != NULL)
        return FALSE;
      _trove_blend_file_set_error (self, error, TROVE_ERROR_TRUNCATED,
                                   _ ("the file is truncated inside a block header at offset "
                                      "%" PRIu64),
                                   offset);
      return FALSE;
    }

  if (!decode_bhead (self, raw, offset, bhead))
    {
      _trove_blend_file_set_error (self, error, TROVE_ERROR_CORRUPT,
                                   _ ("the block at offset %" PRIu64 " has a negative length"),
                                   offset);
      return FALSE;
    }
  if (bhead->length > size - MIN (size, bhead->data_offset))
    {
      _trove_blend_file_set_error (self, error, TROVE_ERROR_TRUNCATED,
                                   _ ("the file is truncated: the block at offset %" PRIu64
                                      " claims %" PRIu64 " bytes, only %" PRIu64 " remain"),
                                   offset, bhead->length, size - MIN (size, bhead->data_offset));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_data_block (const TroveBHead *bhead)
{
  return memcmp (bhead->code, "DATA", 4) == 0;
}

/* Only the blocks the reader looks up again are indexed, so that a file of
 * millions of tiny blocks cannot make the index much larger than the file. */
static gboolean
is_indexed_block (const TroveBHead *bhead)
{
  static const char *const codes[] = { "DNA1", "GLOB", "USER", "ENDB" };

  if (trove_blend_file_is_id_code (bhead->code))
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    if (memcmp (bhead->code, codes[i], 4) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
keep_prefix (TroveBlendFile *self, TroveBlendOwner *owner, GError **error)
{
  guint length = (guint)MIN (owner->bhead.length, (guint64)TROVE_BLEND_ID_PREFIX);
  guint start = self->prefixes->len;

  g_byte_array_set_size (self->prefixes, start + length);
  if (!trove_blend_source_read (self->source, owner->bhead.data_offset,
                                self->prefixes->data + start, length, error))
    return FALSE;
  owner->prefix_offset = start;
  owner->prefix_length = length;
  return TRUE;
}

/* Walks every block header once, indexing the non-DATA blocks. */
static gboolean
walk_blocks (TroveBlendFile *self, GCancellable *cancellable, GError **error)
{
  guint64 offset = self->header_size;
  guint64 size = trove_blend_source_get_size (self->source);
  TroveBlendOwner *owner = NULL;
  guint n = 0;

  while (offset < size)
    {
      TroveBHead bhead;

      if ((++n & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!trove_blend_file_read_bhead (self, offset, &bhead, error))
        return FALSE;
      offset = bhead.data_offset + bhead.length;
      self->max_old = MAX (self->max_old, bhead.old);

      if (is_data_block (&bhead))
        {
          if (owner != NULL)
            owner->run_end = offset;
          continue;
        }
      if (!is_indexed_block (&bhead))
        {
          /* DATA after, say, a REND block belongs to no ID. */
          owner = NULL;
          continue;
        }

      g_array_append_vals (self->owners, &(TroveBlendOwner){ bhead, offset, 0, 0 }, 1);
      owner = &g_array_index (self->owners, TroveBlendOwner, self->owners->len - 1);
      if (trove_blend_file_is_id_code (bhead.code) && !keep_prefix (self, owner, error))
        return FALSE;
      if (memcmp (bhead.code, "ENDB", 4) == 0)
        {
          self->has_endb = TRUE;
          return TRUE;
        }
    }

  /* Blender stops at EOF too; only the DNA is indispensable (checked next). */
  return TRUE;
}

static gboolean
read_dna (TroveBlendFile *self, GError **error)
{
  const TroveBlendOwner *dna = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr (GError) local_error = NULL;

  for (guint i = self->owners->len; i > 0; i--)
    {
      const TroveBlendOwner *owner = &g_array_index (self->owners, TroveBlendOwner, i - 1);
      if (memcmp (owner->bhead.code, "DNA1", 4) == 0)
        {
          dna = owner;
          break;
        }
    }
  if (dna == NULL)
    {
      _trove_blend_file_set_error (self, error, TROVE_ERROR_CORRUPT,
                                   _ ("the file has no DNA1 block (it may be truncated)"));
      return FALSE;
    }
  if (dna->bhead.length > MAX_DNA_SIZE)
    {
      _trove_blend_file_set_error (self, error, TROVE_ERROR_TOO_LARGE,
                                   _ ("the DNA1 block is implausibly large (%" PRIu64 " bytes)"),
                                   dna->bhead.length);
      return FALSE;
    }

  data = g_malloc (MAX (dna->bhead.length, 1));
  if (!trove_blend_source_read (self->source, dna->bhead.data_offset, data,
                                (gsize)dna->bhead.length, error))
    return FALSE;

  self->sdna = trove_sdna_parse_cached (data, (gsize)dna->bhead.length, self->big_endian,
                                        self->pointer_size, &local_error);
  if (self->sdna == NULL)
    {
      _trove_blend_file_set_error (self, error, local_error->code, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * trove_blend_file_open:
 * @path: a filesystem path
 *
 * Opens a .blend file of any supported variant and reads its structure: the
 * header, every block header and the schema. Asset metadata is read later, by
 * trove_blend_file_list_assets().
 */
TroveBlendFile *
trove_blend_file_open (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (TroveBlendFile) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = _trove_blend_file_open_header (path, error);
  if (self == NULL || !walk_blocks (self, cancellable, error) || !read_dna (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Opens the file and decodes its header only, for the cheap paths (the file
 * thumbnail, a preview at a known offset) that do not need the block index. */
TroveBlendFile *
_trove_blend_file_open_header (const char *path, GError **error)
{
  g_autoptr (TroveBlendFile) self = NULL;
  TroveBlendSource *source;

  source = trove_blend_source_open (path, error);
  if (source == NULL)
    return NULL;

  self = g_new0 (TroveBlendFile, 1);
  self->source = source;
  self->path = g_strdup (path);
  self->display_name = trove_blend_source_get_display_name (source);
  self->owners = g_array_new (FALSE, FALSE, sizeof (TroveBlendOwner));
  self->prefixes = g_byte_array_new ();

  if (!read_header (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
trove_blend_file_free (TroveBlendFile *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->sdna, trove_sdna_unref);
  g_clear_pointer (&self->owners, g_array_unref);
  g_clear_pointer (&self->prefixes, g_byte_array_unref);
  g_clear_pointer (&self->id_layouts, g_free);
  g_clear_pointer (&self->source, trove_blend_source_free);
  g_free (self->path);
  g_free (self);
}

const char *
trove_blend_file_get_path (TroveBlendFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

TroveBlendSource *
trove_blend_file_get_source (TroveBlendFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

const TroveSdna *
trove_blend_file_get_sdna (TroveBlendFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sdna;
}

guint
trove_blend_file_get_version (TroveBlendFile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->version;
}

guint
trove_blend_file_get_header_size (TroveBlendFile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header_size;
}

guint
trove_blend_file_get_bhead_size (TroveBlendFile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bhead_size;
}

guint
trove_blend_file_get_pointer_size (TroveBlendFile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pointer_size;
}

gboolean
trove_blend_file_is_big_endian (TroveBlendFile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->big_endian;
}

/* Runs longer than this get a hash index, so that a hostile run of millions
 * of blocks cannot make pointer resolution quadratic. */
#define RUN_INDEX_THRESHOLD 256

void
_trove_blend_run_init (TroveBlendRun *run)
{
  run->blocks = g_array_new (FALSE, FALSE, sizeof (TroveBHead));
  run->by_old = NULL;
}

void
_trove_blend_run_clear (TroveBlendRun *run)
{
  g_clear_pointer (&run->blocks, g_array_unref);
  g_clear_pointer (&run->by_old, g_hash_table_unref);
}

/* Reads the headers of the DATA blocks that follow @owner. */
gboolean
_trove_blend_file_read_run (TroveBlendFile *self,
                            const TroveBlendOwner *owner,
                            TroveBlendRun *run,
                            GError **error)
{
  guint64 offset = owner->bhead.data_offset + owner->bhead.length;

  g_array_set_size (run->blocks, 0);
  g_clear_pointer (&run->by_old, g_hash_table_unref);
  while (offset < owner->run_end)
    {
      TroveBHead bhead;
      if (!trove_blend_file_read_bhead (self, offset, &bhead, error))
        return FALSE;
      g_array_append_val (run->blocks, bhead);
      offset = bhead.data_offset + bhead.length;
    }

  if (run->blocks->len > RUN_INDEX_THRESHOLD)
    {
      run->by_old = g_hash_table_new (g_int64_hash, g_int64_equal);
      /* Later blocks replace earlier ones with the same address, as in
       * Blender's map (it logs such files as corrupt and keeps the last). */
      for (guint i = 0; i < run->blocks->len; i++)
        {
          TroveBHead *bhead = &g_array_index (run->blocks, TroveBHead, i);
          g_hash_table_insert (run->by_old, &bhead->old, GUINT_TO_POINTER (i + 1));
        }
    }
  return TRUE;
}

/* Pointers resolve by exact match on a block's old address within the run,
 * as Blender's per-ID map does; 0 is NULL and never resolves. */
const TroveBHead *
_trove_blend_run_lookup (TroveBlendRun *run, guint64 old)
{
  if (old == 0)
    return NULL;
  if (run->by_old != NULL)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (run->by_old, &old));
      return index > 0 ? &g_array_index (run->blocks, TroveBHead, index - 1) : NULL;
    }
  for (guint i = run->blocks->len; i > 0; i--)
    {
      const TroveBHead *bhead = &g_array_index (run->blocks, TroveBHead, i - 1);
      if (bhead->old == old)
        return bhead;
    }
  return NULL;
}

/**
 * _trove_blend_struct_read:
 * @expected_struct: (nullable): the struct the block must hold
 *
 * Reads the first struct of a block. The block must be typed, hold at least
 * one whole struct of its SDNA type (so every member offset is in bounds), and
 * be of @expected_struct if given.
 */
gboolean
_trove_blend_struct_read (TroveBlendFile *self,
                          const TroveBHead *bhead,
                          const char *expected_struct,
                          TroveBlendStruct *out,
                          GError **error)
{
  guint size;

  memset (out, 0, sizeof *out);
  if (bhead->sdna_index == 0 || bhead->sdna_index >= trove_sdna_get_n_structs (self->sdna))
    {
      _trove_blend_file_set_error (
          self, error, TROVE_ERROR_CORRUPT,
          _ ("the block at offset %" PRIu64 " has an invalid struct index %u"), bhead->offset,
          bhead->sdna_index);
      return FALSE;
    }
  if (expected_struct != NULL
      && strcmp (trove_sdna_get_struct_name (self->sdna, bhead->sdna_index), expected_struct) != 0)
    {
      _trove_blend_file_set_error (
          self, error, TROVE_ERROR_CORRUPT,
          _ ("the block at offset %" PRIu64 " should hold %s but holds %s"), bhead->offset,
          expected_struct, trove_sdna_get_struct_name (self->sdna, bhead->sdna_index));
      return FALSE;
    }

  size = trove_sdna_get_struct_size (self->sdna, bhead->sdna_index);
  if (bhead->length < size || bhead->count < 1)
    {
      _trove_blend_file_set_error (self, error, TROVE_ERROR_CORRUPT,
                                   _ ("the %s block at offset %" PRIu64 " is %" PRIu64
                                      " bytes, smaller than its struct "
                                      "(%u bytes)"),
                                   trove_sdna_get_struct_name (self->sdna, bhead->sdna_index),
                                   bhead->offset, bhead->length, size);
      return FALSE;
    }

  out->file = self;
  out->struct_index = bhead->sdna_index;
  out->length = size;
  out->data = g_malloc (MAX (size, 1));
  if (!trove_blend_source_read (self->source, bhead->data_offset, out->data, size, error))
    {
      _trove_blend_struct_clear (out);
      return FALSE;
    }
  return TRUE;
}

void
_trove_blend_struct_clear (TroveBlendStruct *s)
{
  g_clear_pointer (&s->data, g_free);
  s->length = 0;
}

const TroveSdnaMember *
_trove_blend_struct_member (TroveBlendStruct *s, const char *path, guint *offset)
{
  const TroveSdnaMember *member = NULL;

  if (!trove_sdna_resolve_path (s->file->sdna, s->struct_index, path, offset, &member))
    return NULL;
  /* Members always fit: the struct size was checked against TLEN. */
  g_assert (*offset + member->size <= s->length);
  return member;
}

/* Reads element @index of an integer or pointer member, in the file's byte order. */
gboolean
_trove_blend_struct_get_uint (TroveBlendStruct *s, const char *path, guint index, guint64 *value)
{
  const TroveSdnaMember *member;
  guint offset, element;

  member = _trove_blend_struct_member (s, path, &offset);
  if (member == NULL || index >= member->array_length)
    return FALSE;
  element = member->size / member->array_length;
  if (element != 1 && element != 2 && element != 4 && element != 8)
    return FALSE;
  *value = _trove_blend_file_decode_uint (s->file, s->data + offset + index * element, element);
  return TRUE;
}

/* Reads a char array member up to its first NUL, never past its end. */
char *
_trove_blend_struct_get_chars (TroveBlendStruct *s, const char *path)
{
  const TroveSdnaMember *member;
  const char *start;
  guint offset;

  member = _trove_blend_struct_member (s, path, &offset);
  if (member == NULL || member->is_pointer)
    return NULL;
  start = (const char *)s->data + offset;
  return g_strndup (start, member->size);
}
