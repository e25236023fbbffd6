/* trove-sdna.c
 *
 * Layout of the DNA1 payload (all integers in the file's byte order):
 *   "SDNA" "NAME" int32 n, n NUL-terminated member names,
 *   pad to 4, "TYPE" int32 t, t NUL-terminated type names,
 *   pad to 4, "TLEN" t x int16 type sizes,
 *   pad to 4, "STRC" int32 s, s x (int16 type, int16 n_members, n_members x (int16 type, int16
 * name)). The padding is relative to the start of the payload, not to the file (Blender pads an
 * aligned copy); files since 4.4 break absolute alignment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-sdna.h"
#include "trove-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct
{
  guint type_index;
  guint first_member;
  guint n_members;
  guint size;
} SdnaStruct;

struct _TroveSdna
{
  gatomicrefcount ref_count;
  guint8 *data;
  gsize length;
  gboolean big_endian;
  guint pointer_size;

  guint n_names;
  const char **names;
  guint n_types;
  const char **types;
  guint *type_sizes;
  guint n_structs;
  SdnaStruct *structs;
  guint n_members;
  TroveSdnaMember *members;
  int *struct_for_type;
  GHashTable *struct_by_name;
  GStringChunk *strings;
};

typedef struct
{
  TroveSdna *sdna;
  gsize pos;
  GError **error;
} Reader;

static gboolean G_GNUC_PRINTF (2, 3) fail (Reader *r, const char *format, ...)
{
  g_autofree char *reason = NULL, *valid = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  /* Names in the message come from the file: never pass invalid UTF-8 on. */
  valid = g_utf8_make_valid (reason, -1);
  g_set_error (r->error, TROVE_ERROR, TROVE_ERROR_CORRUPT, _ ("corrupt DNA: %s"), valid);
  return FALSE;
}

static gboolean
expect_tag (Reader *r, const char *tag)
{
  if (r->pos > r->sdna->length || r->sdna->length - r->pos < 4
      || memcmp (r->sdna->data + r->pos, tag, 4) != 0)
    return fail (r, _ ("missing “%s” section"), tag);
  r->pos += 4;
  return TRUE;
}

static gboolean
read_u16 (Reader *r, guint *out)
{
  const guint8 *p;

  if (r->sdna->length - r->pos < 2)
    return fail (r, _ ("unexpected end"));
  p = r->sdna->data + r->pos;
  *out = r->sdna->big_endian ? ((guint)p[0] << 8 | p[1]) : ((guint)p[1] << 8 | p[0]);
  r->pos += 2;
  return TRUE;
}

static gboolean
read_count (Reader *r, guint *out)
{
  const guint8 *p;
  guint32 v;

  if (r->sdna->length - r->pos < 4)
    return fail (r, _ ("unexpected end"));
  p = r->sdna->data + r->pos;
  if (r->sdna->big_endian)
    v = (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
  else
    v = (guint32)p[3] << 24 | (guint32)p[2] << 16 | (guint32)p[1] << 8 | p[0];
  r->pos += 4;
  /* Every entry takes at least one byte, so a count beyond the payload is a lie. */
  if (v > r->sdna->length)
    return fail (r, _ ("count %u exceeds the DNA size"), v);
  *out = v;
  return TRUE;
}

static void
align4 (Reader *r)
{
  r->pos = MIN ((r->pos + 3) & ~(gsize)3, r->sdna->length);
}

static gboolean
read_strings (Reader *r, guint n, const char ***out)
{
  const char **strings = g_new (const char *, MAX (n, 1));

  *out = strings;
  for (guint i = 0; i < n; i++)
    {
      const guint8 *start = r->sdna->data + r->pos;
      const guint8 *nul = memchr (start, '\0', r->sdna->length - r->pos);
      if (nul == NULL)
        return fail (r, _ ("unterminated name"));
      strings[i] = (const char *)start;
      r->pos += (gsize)(nul - start) + 1;
    }
  return TRUE;
}

/* "*rect[2]" -> "rect"; "(*func)()" -> "func"; "mat[4][4]" -> "mat". */
static const char *
bare_name (TroveSdna *self, const char *name)
{
  const char *start = name;
  gsize length;

  while (*start == '*' || *start == '(')
    start++;
  length = strcspn (start, "[()");
  return g_string_chunk_insert_len (self->strings, start, (gssize)length);
}

/* Product of all [N] groups, as DNA_elem_array_size(); 0 on a malformed name. */
static guint64
array_length (const char *name)
{
  guint64 total = 1;
  const char *p = name;

  while ((p = strchr (p, '[')) != NULL)
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (p + 1, &end, 10);
      if (end == p + 1 || *end != ']' || n == 0)
        return 0;
      total *= n;
      if (total > G_MAXUINT32)
        return 0;
      p = end;
    }
  return total;
}

static gboolean
read_member (Reader *r, guint struct_index, guint offset, TroveSdnaMember *member)
{
  TroveSdna *self = r->sdna;
  guint type, name;
  guint64 count, size;
  const char *raw;

  if (!read_u16 (r, &type) || !read_u16 (r, &name))
    return FALSE;
  if (type >= self->n_types || name >= self->n_names)
    return fail (r, _ ("struct %u has a member with an invalid index"), struct_index);

  raw = self->names[name];
  count = array_length (raw);
  if (count == 0)
    return fail (r, _ ("malformed member name “%s”"), raw);

  member->name = raw;
  member->bare_name = bare_name (self, raw);
  member->type_index = type;
  member->type_name = self->types[type];
  member->is_pointer = raw[0] == '*' || (raw[0] == '(' && raw[1] == '*');
  member->array_length = (guint)count;
  size = (member->is_pointer ? self->pointer_size : self->type_sizes[type]) * count;
  if (size > G_MAXUINT32 || (guint64)offset + size > G_MAXUINT32)
    return fail (r, _ ("member “%s” is too large"), raw);
  member->size = (guint)size;
  member->offset = offset;
  return TRUE;
}

static gboolean
read_structs (Reader *r)
{
  TroveSdna *self = r->sdna;
  GArray *members = g_array_new (FALSE, TRUE, sizeof (TroveSdnaMember));
  gboolean ok = FALSE;

  self->structs = g_new0 (SdnaStruct, MAX (self->n_structs, 1));
  for (guint i = 0; i < self->n_structs; i++)
    {
      SdnaStruct *s = &self->structs[i];
      guint offset = 0;

      if (!read_u16 (r, &s->type_index) || !read_u16 (r, &s->n_members))
        goto out;
      if (s->type_index >= self->n_types)
        {
          fail (r, _ ("struct %u has an invalid type"), i);
          goto out;
        }
      if ((gsize)s->n_members * 4 > self->length - r->pos)
        {
          fail (r, _ ("unexpected end"));
          goto out;
        }
      s->first_member = members->len;
      for (guint m = 0; m < s->n_members; m++)
        {
          TroveSdnaMember member = { 0 };
          if (!read_member (r, i, offset, &member))
            goto out;
          offset += member.size;
          g_array_append_val (members, member);
        }
      s->size = offset;

      /* DNA forbids implicit padding, so members must add up to TLEN exactly.
       * A mismatch means we would misread every field: fail closed. The
       * member-less placeholder struct ("raw_data", 4.3+) has nothing to check. */
      if (s->n_members > 0 && s->size != self->type_sizes[s->type_index])
        {
          fail (r, _ ("struct “%s” adds up to %u bytes but TLEN says %u"),
                self->types[s->type_index], s->size, self->type_sizes[s->type_index]);
          goto out;
        }
      if (self->struct_for_type[s->type_index] < 0)
        self->struct_for_type[s->type_index] = (int)i;
      g_hash_table_insert (self->struct_by_name, (gpointer)self->types[s->type_index],
                           GUINT_TO_POINTER (i + 1));
    }
  ok = TRUE;

out:
  self->n_members = members->len;
  self->members = (TroveSdnaMember *)(void *)g_array_free (members, FALSE);
  return ok;
}

static gboolean
check_pointer_size (Reader *r)
{
  TroveSdna *self = r->sdna;
  int list_base = trove_sdna_find_struct (self, "ListBase");
  guint size;

  if (list_base < 0)
    return fail (r, _ ("no ListBase struct"));
  size = self->type_sizes[self->structs[list_base].type_index] / 2;
  if (size != self->pointer_size)
    return fail (r, _ ("the DNA describes %u-byte pointers but the header says %u"), size,
                 self->pointer_size);
  return TRUE;
}

static gboolean
parse (Reader *r)
{
  TroveSdna *self = r->sdna;

  if (!expect_tag (r, "SDNA") || !expect_tag (r, "NAME") || !read_count (r, &self->n_names)
      || !read_strings (r, self->n_names, &self->names))
    return FALSE;
  align4 (r);
  if (!expect_tag (r, "TYPE") || !read_count (r, &self->n_types)
      || !read_strings (r, self->n_types, &self->types))
    return FALSE;
  align4 (r);
  if (!expect_tag (r, "TLEN"))
    return FALSE;
  self->type_sizes = g_new0 (guint, MAX (self->n_types, 1));
  for (guint i = 0; i < self->n_types; i++)
    if (!read_u16 (r, &self->type_sizes[i]))
      return FALSE;
  align4 (r);
  if (!expect_tag (r, "STRC") || !read_count (r, &self->n_structs))
    return FALSE;

  self->struct_for_type = g_new (int, MAX (self->n_types, 1));
  for (guint i = 0; i < self->n_types; i++)
    self->struct_for_type[i] = -1;

  return read_structs (r) && check_pointer_size (r);
}

/**
 * trove_sdna_parse:
 * @data: the DNA1 payload (copied)
 *
 * Returns: the schema, or %NULL with a %TROVE_ERROR_CORRUPT error
 */
TroveSdna *
trove_sdna_parse (
    const guint8 *data, gsize length, gboolean big_endian, guint pointer_size, GError **error)
{
  g_autoptr (TroveSdna) self = g_new0 (TroveSdna, 1);
  Reader r = { self, 0, error };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (pointer_size == 4 || pointer_size == 8, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->data = g_memdup2 (data, length);
  self->length = length;
  self->big_endian = big_endian;
  self->pointer_size = pointer_size;
  self->strings = g_string_chunk_new (4096);
  self->struct_by_name = g_hash_table_new (g_str_hash, g_str_equal);

  if (!parse (&r))
    return NULL;
  return g_steal_pointer (&self);
}

/* Files written by the same Blender build carry byte-identical schemas, and
 * a library scan reads thousands of them: parse each distinct schema once. */
#define SDNA_CACHE_SIZE 8

static GMutex cache_lock;
static TroveSdna *cache[SDNA_CACHE_SIZE];
static guint cache_next;

static TroveSdna *
cache_lookup (const guint8 *data, gsize length, gboolean big_endian, guint pointer_size)
{
  TroveSdna *found = NULL;

  g_mutex_lock (&cache_lock);
  for (guint i = 0; i < SDNA_CACHE_SIZE && found == NULL; i++)
    {
      TroveSdna *entry = cache[i];
      if (entry != NULL && entry->length == length && entry->big_endian == big_endian
          && entry->pointer_size == pointer_size && memcmp (entry->data, data, length) == 0)
        found = trove_sdna_ref (entry);
    }
  g_mutex_unlock (&cache_lock);
  return found;
}

static void
cache_insert (TroveSdna *sdna)
{
  TroveSdna *evicted;

  g_mutex_lock (&cache_lock);
  evicted = cache[cache_next];
  cache[cache_next] = trove_sdna_ref (sdna);
  cache_next = (cache_next + 1) % SDNA_CACHE_SIZE;
  g_mutex_unlock (&cache_lock);
  if (evicted != NULL)
    trove_sdna_unref (evicted);
}

/**
 * trove_sdna_parse_cached:
 *
 * Like trove_sdna_parse(), but returns a shared schema when an identical DNA
 * was parsed recently. The result is immutable and may be used from any thread.
 */
TroveSdna *
trove_sdna_parse_cached (
    const guint8 *data, gsize length, gboolean big_endian, guint pointer_size, GError **error)
{
  TroveSdna *sdna = cache_lookup (data, length, big_endian, pointer_size);

  if (sdna != NULL)
    return sdna;
  sdna = trove_sdna_parse (data, length, big_endian, pointer_size, error);
  if (sdna != NULL)
    cache_insert (sdna);
  return sdna;
}

TroveSdna *
trove_sdna_ref (TroveSdna *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
trove_sdna_unref (TroveSdna *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->struct_by_name, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->struct_for_type);
  g_free (self->members);
  g_free (self->structs);
  g_free (self->type_sizes);
  g_free (self->types);
  g_free (self->names);
  g_free (self->data);
  g_free (self);
}

guint
trove_sdna_get_pointer_size (const TroveSdna *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pointer_size;
}

gboolean
trove_sdna_is_big_endian (const TroveSdna *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->big_endian;
}

guint
trove_sdna_get_n_structs (const TroveSdna *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_structs;
}

guint
trove_sdna_get_n_types (const TroveSdna *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_types;
}

/* Returns the struct index, or -1. */
int
trove_sdna_find_struct (const TroveSdna *self, const char *name)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  value = g_hash_table_lookup (self->struct_by_name, name);
  return value != NULL ? (int)GPOINTER_TO_UINT (value) - 1 : -1;
}

const char *
trove_sdna_get_struct_name (const TroveSdna *self, guint struct_index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (struct_index < self->n_structs, NULL);
  return self->types[self->structs[struct_index].type_index];
}

guint
trove_sdna_get_struct_type_index (const TroveSdna *self, guint struct_index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (struct_index < self->n_structs, 0);
  return self->structs[struct_index].type_index;
}

guint
trove_sdna_get_struct_size (const TroveSdna *self, guint struct_index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (struct_index < self->n_structs, 0);
  return self->type_sizes[self->structs[struct_index].type_index];
}

guint
trove_sdna_get_n_members (const TroveSdna *self, guint struct_index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (struct_index < self->n_structs, 0);
  return self->structs[struct_index].n_members;
}

const TroveSdnaMember *
trove_sdna_get_member (const TroveSdna *self, guint struct_index, guint member_index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (struct_index < self->n_structs, NULL);
  g_return_val_if_fail (member_index < self->structs[struct_index].n_members, NULL);
  return &self->members[self->structs[struct_index].first_member + member_index];
}

/* Looks a member up by its bare name ("rect" for "*rect[2]"). */
const TroveSdnaMember *
trove_sdna_find_member (const TroveSdna *self, guint struct_index, const char *name)
{
  const SdnaStruct *s;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (struct_index < self->n_structs, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  s = &self->structs[struct_index];
  for (guint i = 0; i < s->n_members; i++)
    if (strcmp (self->members[s->first_member + i].bare_name, name) == 0)
      return &self->members[s->first_member + i];
  return NULL;
}

int
trove_sdna_get_struct_for_type (const TroveSdna *self, guint type_index)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (type_index < self->n_types, -1);
  return self->struct_for_type[type_index];
}

const char *
trove_sdna_get_type_name (const TroveSdna *self, guint type_index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (type_index < self->n_types, NULL);
  return self->types[type_index];
}

guint
trove_sdna_get_type_size (const TroveSdna *self, guint type_index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (type_index < self->n_types, 0);
  return self->type_sizes[type_index];
}

/**
 * trove_sdna_resolve_path:
 * @path: dot-separated bare member names, e.g. "id.name" or "catalog_id.time_low"
 *
 * Finds a member of a nested (inline) struct and its offset from the start of
 * @struct_index. The walk is bounded by the number of components in @path.
 */
gboolean
trove_sdna_resolve_path (const TroveSdna *self,
                         guint struct_index,
                         const char *path,
                         guint *offset,
                         const TroveSdnaMember **member)
{
  g_auto (GStrv) parts = NULL;
  const TroveSdnaMember *found = NULL;
  guint total = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (found != NULL)
        {
          int nested;
          if (found->is_pointer)
            return FALSE;
          nested = self->struct_for_type[found->type_index];
          if (nested < 0)
            return FALSE;
          struct_index = (guint)nested;
        }
      found = trove_sdna_find_member (self, struct_index, parts[i]);
      if (found == NULL)
        return FALSE;
      total += found->offset;
    }
  if (found == NULL)
    return FALSE;

  if (offset != NULL)
    *offset = total;
  if (member != NULL)
    *member = found;
  return TRUE;
}
