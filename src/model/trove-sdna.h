/* trove-sdna.h: the schema (SDNA) a .blend file carries in its DNA1 block
 *
 * Every struct layout Trove reads comes from here, never from hard-coded
 * offsets: the layouts of ID, AssetMetaData and PreviewImage change between
 * Blender versions, pointer sizes and byte orders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TroveSdna TroveSdna;

typedef struct
{
  const char *name;      /* as stored, e.g. "*rect[2]" */
  const char *bare_name; /* e.g. "rect" */
  const char *type_name; /* e.g. "uint" */
  guint type_index;
  guint offset;
  guint size; /* of the whole member, arrays included */
  guint array_length;
  gboolean is_pointer;
} TroveSdnaMember;

TroveSdna *trove_sdna_parse (
    const guint8 *data, gsize length, gboolean big_endian, guint pointer_size, GError **error);
TroveSdna *trove_sdna_parse_cached (
    const guint8 *data, gsize length, gboolean big_endian, guint pointer_size, GError **error);
TroveSdna *trove_sdna_ref (TroveSdna *self);
void trove_sdna_unref (TroveSdna *self);

guint trove_sdna_get_pointer_size (const TroveSdna *self);
gboolean trove_sdna_is_big_endian (const TroveSdna *self);

guint trove_sdna_get_n_structs (const TroveSdna *self);
guint trove_sdna_get_n_types (const TroveSdna *self);
int trove_sdna_find_struct (const TroveSdna *self, const char *name);
const char *trove_sdna_get_struct_name (const TroveSdna *self, guint struct_index);
guint trove_sdna_get_struct_type_index (const TroveSdna *self, guint struct_index);
guint trove_sdna_get_struct_size (const TroveSdna *self, guint struct_index);
guint trove_sdna_get_n_members (const TroveSdna *self, guint struct_index);
const TroveSdnaMember *
trove_sdna_get_member (const TroveSdna *self, guint struct_index, guint member_index);
const TroveSdnaMember *
trove_sdna_find_member (const TroveSdna *self, guint struct_index, const char *bare_name);
int trove_sdna_get_struct_for_type (const TroveSdna *self, guint type_index);
const char *trove_sdna_get_type_name (const TroveSdna *self, guint type_index);
guint trove_sdna_get_type_size (const TroveSdna *self, guint type_index);

gboolean trove_sdna_resolve_path (const TroveSdna *self,
                                  guint struct_index,
                                  const char *path,
                                  guint *offset,
                                  const TroveSdnaMember **member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroveSdna, trove_sdna_unref)

G_END_DECLS
