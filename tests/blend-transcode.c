/* blend-transcode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "blend-transcode.h"

#include "trove-blend-file.h"

#include <string.h>
#include <zlib.h>
#include <zstd.h>

/* The target schema: the source's structs with target sizes and offsets. */
typedef struct
{
  guint type_index;
  char *name;
  gboolean is_pointer;
  guint array_length;
  guint offset;
  guint size;
  const TroveSdnaMember *source; /* NULL for an added member */
} Member;

typedef struct
{
  guint type_index;
  GArray *members; /* Member */
  guint size;
} Struct;

typedef struct
{
  const TroveTranscodeOptions *options;
  TroveBlendFile *file;
  const TroveSdna *sdna;
  guint src_ps;
  gboolean src_be;
  guint dst_ps;
  gboolean dst_be;
  GPtrArray *types;    /* char*, shared with sdna */
  GArray *type_sizes;  /* guint, target sizes */
  GArray *structs;     /* Struct, same indices as the source */
  GHashTable *old_map; /* source old -> target old (32-bit targets) */
  guint64 next_old;
  guint asset_meta_index;
  guint64 copyright_old;
  guint64 license_old;
  GByteArray *out;
} Ctx;

static guint64
get_uint (const guint8 *p, guint size, gboolean be)
{
  guint64 v = 0;

  for (guint i = 0; i < size; i++)
    v |= (guint64)p[i] << (be ? 8 * (size - 1 - i) : 8 * i);
  return v;
}

static void
put_uint (guint8 *p, guint size, gboolean be, guint64 v)
{
  for (guint i = 0; i < size; i++)
    p[i] = (guint8)(v >> (be ? 8 * (size - 1 - i) : 8 * i));
}

static void
append_uint (Ctx *ctx, guint size, guint64 v)
{
  guint8 buf[8];

  put_uint (buf, size, ctx->dst_be, v);
  g_byte_array_append (ctx->out, buf, size);
}

/* Pointers keep their identity; 32-bit targets get fresh unique values,
 * multiples of 16, as any writer may choose. */
static guint64
map_old (Ctx *ctx, guint64 old)
{
  gpointer value;

  if (old == 0 || ctx->dst_ps == 8)
    return old;
  if (g_hash_table_lookup_extended (ctx->old_map, &old, NULL, &value))
    return *(guint64 *)value;
  {
    guint64 *key = g_new (guint64, 1), *mapped = g_new (guint64, 1);
    *key = old;
    *mapped = ctx->next_old;
    ctx->next_old += 16;
    g_hash_table_insert (ctx->old_map, key, mapped);
    return *mapped;
  }
}

static guint64
fresh_old (Ctx *ctx)
{
  guint64 old = ctx->next_old;

  ctx->next_old += 16;
  return old;
}

static guint compute_struct_size (Ctx *ctx, guint index, guint depth);

static guint
member_size (Ctx *ctx, Member *m, guint depth)
{
  int nested = trove_sdna_get_struct_for_type (ctx->sdna, m->type_index);

  if (m->is_pointer)
    return ctx->dst_ps * m->array_length;
  if (nested >= 0 && !m->is_pointer)
    return compute_struct_size (ctx, (guint)nested, depth + 1) * m->array_length;
  return g_array_index (ctx->type_sizes, guint, m->type_index) * m->array_length;
}

static guint
compute_struct_size (Ctx *ctx, guint index, guint depth)
{
  Struct *s = &g_array_index (ctx->structs, Struct, index);
  guint offset = 0;

  g_assert_cmpuint (depth, <, 64);
  if (s->members->len == 0 || s->size != 0)
    return s->members->len == 0 ? g_array_index (ctx->type_sizes, guint, s->type_index) : s->size;
  for (guint i = 0; i < s->members->len; i++)
    {
      Member *m = &g_array_index (s->members, Member, i);
      m->offset = offset;
      m->size = member_size (ctx, m, depth);
      offset += m->size;
    }
  s->size = offset;
  g_array_index (ctx->type_sizes, guint, s->type_index) = offset;
  return offset;
}

static void
add_member (Struct *s, const TroveSdnaMember *source, guint type, const char *name)
{
  Member m = { 0 };

  m.type_index = type;
  m.name = g_strdup (name);
  m.is_pointer = name[0] == '*' || (name[0] == '(' && name[1] == '*');
  m.array_length = source != NULL ? source->array_length : 1;
  m.source = source;
  g_array_append_val (s->members, m);
}

static void
build_target_dna (Ctx *ctx)
{
  guint n_types = trove_sdna_get_n_types (ctx->sdna);
  guint n_structs = trove_sdna_get_n_structs (ctx->sdna);
  int char_type = -1;

  ctx->types = g_ptr_array_new ();
  ctx->type_sizes = g_array_sized_new (FALSE, TRUE, sizeof (guint), n_types);
  for (guint t = 0; t < n_types; t++)
    {
      guint size = trove_sdna_get_type_size (ctx->sdna, t);
      g_ptr_array_add (ctx->types, (gpointer)trove_sdna_get_type_name (ctx->sdna, t));
      g_array_append_val (ctx->type_sizes, size);
      if (strcmp (trove_sdna_get_type_name (ctx->sdna, t), "char") == 0)
        char_type = (int)t;
    }

  ctx->structs = g_array_sized_new (FALSE, TRUE, sizeof (Struct), n_structs);
  g_array_set_size (ctx->structs, n_structs);
  for (guint i = 0; i < n_structs; i++)
    {
      Struct *s = &g_array_index (ctx->structs, Struct, i);
      gboolean is_meta = strcmp (trove_sdna_get_struct_name (ctx->sdna, i), "AssetMetaData") == 0;

      s->type_index = trove_sdna_get_struct_type_index (ctx->sdna, i);
      s->members = g_array_new (FALSE, TRUE, sizeof (Member));
      for (guint m = 0; m < trove_sdna_get_n_members (ctx->sdna, i); m++)
        {
          const TroveSdnaMember *member = trove_sdna_get_member (ctx->sdna, i, m);
          add_member (s, member, member->type_index, member->name);
          /* 3.5 put copyright and license right after description. */
          if (is_meta && ctx->options->copyright != NULL
              && strcmp (member->name, "*description") == 0
              && trove_sdna_find_member (ctx->sdna, i, "copyright") == NULL)
            {
              g_assert_cmpint (char_type, >=, 0);
              add_member (s, NULL, (guint)char_type, "*copyright");
              add_member (s, NULL, (guint)char_type, "*license");
              ctx->asset_meta_index = i;
            }
        }
    }

  for (guint i = 0; i < n_structs; i++)
    compute_struct_size (ctx, i, 0);
}

static void
pad4 (GByteArray *dna)
{
  static const guint8 zeros[4] = { 0 };

  if (dna->len % 4 != 0)
    g_byte_array_append (dna, zeros, 4 - dna->len % 4);
}

static void
dna_append_uint (Ctx *ctx, GByteArray *dna, guint size, guint64 v)
{
  guint8 buf[8];

  put_uint (buf, size, ctx->dst_be, v);
  g_byte_array_append (dna, buf, size);
}

static GByteArray *
encode_dna (Ctx *ctx)
{
  GByteArray *dna = g_byte_array_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GHashTable) name_index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ctx->structs->len; i++)
    {
      Struct *s = &g_array_index (ctx->structs, Struct, i);
      for (guint m = 0; m < s->members->len; m++)
        {
          Member *member = &g_array_index (s->members, Member, m);
          if (!g_hash_table_contains (name_index, member->name))
            {
              g_hash_table_insert (name_index, member->name, GUINT_TO_POINTER (names->len));
              g_ptr_array_add (names, member->name);
            }
        }
    }

  g_byte_array_append (dna, (const guint8 *)"SDNANAME", 8);
  dna_append_uint (ctx, dna, 4, names->len);
  for (guint i = 0; i < names->len; i++)
    g_byte_array_append (dna, names->pdata[i], (guint)strlen (names->pdata[i]) + 1);
  pad4 (dna);
  g_byte_array_append (dna, (const guint8 *)"TYPE", 4);
  dna_append_uint (ctx, dna, 4, ctx->types->len);
  for (guint i = 0; i < ctx->types->len; i++)
    g_byte_array_append (dna, ctx->types->pdata[i], (guint)strlen (ctx->types->pdata[i]) + 1);
  pad4 (dna);
  g_byte_array_append (dna, (const guint8 *)"TLEN", 4);
  for (guint i = 0; i < ctx->types->len; i++)
    dna_append_uint (ctx, dna, 2, g_array_index (ctx->type_sizes, guint, i));
  pad4 (dna);
  g_byte_array_append (dna, (const guint8 *)"STRC", 4);
  dna_append_uint (ctx, dna, 4, ctx->structs->len);
  for (guint i = 0; i < ctx->structs->len; i++)
    {
      Struct *s = &g_array_index (ctx->structs, Struct, i);
      dna_append_uint (ctx, dna, 2, s->type_index);
      dna_append_uint (ctx, dna, 2, s->members->len);
      for (guint m = 0; m < s->members->len; m++)
        {
          Member *member = &g_array_index (s->members, Member, m);
          dna_append_uint (ctx, dna, 2, member->type_index);
          dna_append_uint (ctx, dna, 2,
                           GPOINTER_TO_UINT (g_hash_table_lookup (name_index, member->name)));
        }
    }
  return dna;
}

static void transcode_struct (Ctx *ctx, guint index, const guint8 *src, guint8 *dst, guint depth);

static void
transcode_member (Ctx *ctx, const Member *m, const guint8 *src, guint8 *dst, guint depth)
{
  const TroveSdnaMember *sm = m->source;
  int nested = trove_sdna_get_struct_for_type (ctx->sdna, m->type_index);

  if (sm == NULL)
    {
      guint64 old = strcmp (m->name, "*copyright") == 0 ? ctx->copyright_old : ctx->license_old;
      put_uint (dst + m->offset, ctx->dst_ps, ctx->dst_be, old);
      return;
    }
  for (guint i = 0; i < m->array_length; i++)
    {
      if (m->is_pointer)
        {
          guint64 v = get_uint (src + sm->offset + i * ctx->src_ps, ctx->src_ps, ctx->src_be);
          put_uint (dst + m->offset + i * ctx->dst_ps, ctx->dst_ps, ctx->dst_be, map_old (ctx, v));
        }
      else if (nested >= 0)
        {
          guint src_size = sm->size / sm->array_length, dst_size = m->size / m->array_length;
          transcode_struct (ctx, (guint)nested, src + sm->offset + i * src_size,
                            dst + m->offset + i * dst_size, depth + 1);
        }
      else
        {
          guint esize = sm->size / sm->array_length;
          guint64 v = get_uint (src + sm->offset + i * esize, esize, ctx->src_be);
          put_uint (dst + m->offset + i * esize, esize, ctx->dst_be, v);
        }
    }
}

static void
transcode_struct (Ctx *ctx, guint index, const guint8 *src, guint8 *dst, guint depth)
{
  Struct *s = &g_array_index (ctx->structs, Struct, index);

  g_assert_cmpuint (depth, <, 64);
  for (guint i = 0; i < s->members->len; i++)
    transcode_member (ctx, &g_array_index (s->members, Member, i), src, dst, depth);
}

static void
write_bhead (Ctx *ctx, const char code[4], guint32 sdna, guint64 old, guint64 length, guint64 nr)
{
  g_byte_array_append (ctx->out, (const guint8 *)code, 4);
  if (ctx->options->v1_header)
    {
      append_uint (ctx, 4, sdna);
      append_uint (ctx, 8, old);
      append_uint (ctx, 8, length);
      append_uint (ctx, 8, nr);
      return;
    }
  append_uint (ctx, 4, length);
  append_uint (ctx, ctx->dst_ps, old);
  append_uint (ctx, 4, sdna);
  append_uint (ctx, 4, nr);
}

static void
write_string_block (Ctx *ctx, guint64 old, const char *text)
{
  gsize length = strlen (text) + 1;

  write_bhead (ctx, "DATA", 0, old, length, 1);
  g_byte_array_append (ctx->out, (const guint8 *)text, (guint)length);
}

/* REND and TEST payloads are raw but start with int32 fields. */
static void
swap_raw_ints (Ctx *ctx, const TroveBHead *bhead, guint8 *data)
{
  guint n = 0;

  if (memcmp (bhead->code, "REND", 4) == 0 || memcmp (bhead->code, "TEST", 4) == 0)
    n = 2;
  for (guint i = 0; i < n && (i + 1) * 4 <= bhead->length; i++)
    put_uint (data + i * 4, 4, ctx->dst_be, get_uint (data + i * 4, 4, ctx->src_be));
}

static gboolean
write_block (Ctx *ctx, const TroveBHead *bhead, GError **error)
{
  g_autofree guint8 *src = g_malloc (MAX (bhead->length, 1));
  TroveBlendSource *source = trove_blend_file_get_source (ctx->file);

  if (!trove_blend_source_read (source, bhead->data_offset, src, bhead->length, error))
    return FALSE;

  if (memcmp (bhead->code, "DNA1", 4) == 0)
    {
      g_autoptr (GByteArray) dna = encode_dna (ctx);
      write_bhead (ctx, "DNA1", 0, map_old (ctx, bhead->old), dna->len, 1);
      g_byte_array_append (ctx->out, dna->data, dna->len);
      return TRUE;
    }
  if (bhead->sdna_index == 0)
    {
      swap_raw_ints (ctx, bhead, src);
      write_bhead (ctx, bhead->code, 0, map_old (ctx, bhead->old), bhead->length, bhead->count);
      g_byte_array_append (ctx->out, src, (guint)bhead->length);
      return TRUE;
    }

  {
    Struct *s = &g_array_index (ctx->structs, Struct, bhead->sdna_index);
    guint src_size = trove_sdna_get_struct_size (ctx->sdna, bhead->sdna_index);
    gsize length = (gsize)s->size * bhead->count;
    g_autofree guint8 *dst = g_malloc0 (MAX (length, 1));
    gboolean is_meta = bhead->sdna_index == ctx->asset_meta_index && ctx->asset_meta_index != 0;

    g_assert_cmpuint (bhead->length, >=, (guint64)src_size * bhead->count);
    if (is_meta)
      {
        ctx->copyright_old = fresh_old (ctx);
        ctx->license_old = fresh_old (ctx);
      }
    for (guint64 i = 0; i < bhead->count; i++)
      transcode_struct (ctx, bhead->sdna_index, src + i * src_size, dst + i * s->size, 0);
    write_bhead (ctx, bhead->code, bhead->sdna_index, map_old (ctx, bhead->old), length,
                 bhead->count);
    g_byte_array_append (ctx->out, dst, (guint)length);
    if (is_meta)
      {
        write_string_block (ctx, ctx->copyright_old, ctx->options->copyright);
        write_string_block (ctx, ctx->license_old, ctx->options->license);
      }
  }
  return TRUE;
}

static void
write_header (Ctx *ctx)
{
  guint version = trove_blend_file_get_version (ctx->file);
  g_autofree char *header = NULL;

  if (ctx->options->v1_header)
    header = g_strdup_printf ("BLENDER17-01v%04u", version);
  else
    header = g_strdup_printf ("BLENDER%c%c%03u", ctx->dst_ps == 4 ? '_' : '-',
                              ctx->dst_be ? 'V' : 'v', version);
  g_byte_array_append (ctx->out, (const guint8 *)header, (guint)strlen (header));
}

static GBytes *
compress_output (const TroveTranscodeOptions *options, GByteArray *plain)
{
  if (options->compression == TROVE_TRANSCODE_GZIP)
    {
      z_stream z = { 0 };
      uLong bound;
      guint8 *out;

      g_assert_cmpint (deflateInit2 (&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==,
                       Z_OK);
      bound = deflateBound (&z, plain->len);
      out = g_malloc (bound);
      z.next_in = plain->data;
      z.avail_in = plain->len;
      z.next_out = out;
      z.avail_out = (uInt)bound;
      g_assert_cmpint (deflate (&z, Z_FINISH), ==, Z_STREAM_END);
      deflateEnd (&z);
      return g_bytes_new_take (out, z.total_out);
    }
  if (options->compression == TROVE_TRANSCODE_ZSTD_STREAM)
    {
      size_t bound = ZSTD_compressBound (plain->len);
      guint8 *out = g_malloc (bound);
      size_t n = ZSTD_compress (out, bound, plain->data, plain->len, 3);
      g_assert_false (ZSTD_isError (n));
      return g_bytes_new_take (out, n);
    }
  return g_bytes_new (plain->data, plain->len);
}

static void
ctx_clear (Ctx *ctx)
{
  for (guint i = 0; ctx->structs != NULL && i < ctx->structs->len; i++)
    {
      Struct *s = &g_array_index (ctx->structs, Struct, i);
      for (guint m = 0; m < s->members->len; m++)
        g_free (g_array_index (s->members, Member, m).name);
      g_array_unref (s->members);
    }
  g_clear_pointer (&ctx->structs, g_array_unref);
  g_clear_pointer (&ctx->types, g_ptr_array_unref);
  g_clear_pointer (&ctx->type_sizes, g_array_unref);
  g_clear_pointer (&ctx->old_map, g_hash_table_unref);
  g_clear_pointer (&ctx->out, g_byte_array_unref);
  g_clear_pointer (&ctx->file, trove_blend_file_free);
}

GBytes *
trove_test_transcode_blend (const char *path, const TroveTranscodeOptions *options, GError **error)
{
  Ctx ctx = { 0 };
  guint64 offset;
  GBytes *result = NULL;

  g_assert_true (options->pointer_size == 4 || options->pointer_size == 8);
  g_assert_true (!options->v1_header || (options->pointer_size == 8 && !options->big_endian));
  g_assert_true ((options->copyright == NULL) == (options->license == NULL));

  ctx.options = options;
  ctx.file = trove_blend_file_open (path, NULL, error);
  if (ctx.file == NULL)
    return NULL;
  ctx.sdna = trove_blend_file_get_sdna (ctx.file);
  ctx.src_ps = trove_blend_file_get_pointer_size (ctx.file);
  ctx.src_be = trove_blend_file_is_big_endian (ctx.file);
  ctx.dst_ps = options->pointer_size;
  ctx.dst_be = options->big_endian;
  ctx.old_map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ctx.next_old = 0x1000;
  ctx.out = g_byte_array_new ();
  build_target_dna (&ctx);

  write_header (&ctx);
  for (offset = trove_blend_file_get_header_size (ctx.file);;)
    {
      TroveBHead bhead;
      if (!trove_blend_file_read_bhead (ctx.file, offset, &bhead, error))
        goto out;
      if (memcmp (bhead.code, "ENDB", 4) == 0)
        {
          write_bhead (&ctx, "ENDB", 0, 0, 0, 0);
          break;
        }
      if (!write_block (&ctx, &bhead, error))
        goto out;
      offset = bhead.data_offset + bhead.length;
    }
  result = compress_output (options, ctx.out);

out:
  ctx_clear (&ctx);
  return result;
}
