/* trove-blend-file-private.h: shared by trove-blend-file*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trove-asset-edit.h"
#include "trove-blend-file.h"

G_BEGIN_DECLS

/* A non-DATA block and the extent of the DATA blocks that follow it, which
 * belong to it (Blender's read_data_into_datamap). DATA blocks themselves are
 * not indexed, to keep memory small on big files: an asset's run is re-read
 * on demand. */
typedef struct
{
  TroveBHead bhead;
  guint64 run_end;
  guint prefix_offset; /* into TroveBlendFile.prefixes, for ID blocks */
  guint prefix_length;
} TroveBlendOwner;

/* The walk keeps the start of every ID block (where ID.asset_data and
 * ID.name live, in every Blender so far) so that finding the assets does not
 * decompress the file a second time. 5.0 moved ID.flag to offset 298. */
#define TROVE_BLEND_ID_PREFIX 320

/* A struct read from a block payload, with its layout from the file's SDNA. */
typedef struct
{
  TroveBlendFile *file;
  guint struct_index;
  guint8 *data;
  gsize length;
} TroveBlendStruct;

struct _TroveBlendFile
{
  TroveBlendSource *source;
  char *path;
  const char *display_name;
  guint version;
  guint header_size;
  guint bhead_size;
  guint pointer_size;
  gboolean big_endian;
  gboolean large_bhead;
  GArray *owners;       /* TroveBlendOwner, in file order */
  GByteArray *prefixes; /* starts of ID blocks, see TroveBlendOwner */
  TroveSdna *sdna;
  gpointer id_layouts; /* where ID fields are, per struct; see trove-blend-file-assets.c */
  guint64 max_old;     /* the largest old address of any block */
  gboolean has_endb;
};

void _trove_blend_file_set_error (
    TroveBlendFile *self, GError **error, int code, const char *format, ...) G_GNUC_PRINTF (4, 5);

TroveBlendFile *_trove_blend_file_open_header (const char *path, GError **error);

guint64 _trove_blend_file_decode_uint (TroveBlendFile *self, const guint8 *p, guint size);

/* The last indexed block with @code ("USER", "GLOB", an ID code such as
 * "MA\0\0"...), or NULL. The last, because Blender's reader lets a later
 * block of a kind it reads once (USER, GLOB) replace an earlier one. */
const TroveBlendOwner *_trove_blend_file_find_owner (TroveBlendFile *self, const char code[4]);

/* The DATA blocks of one owner, where its pointers resolve. */
typedef struct
{
  GArray *blocks;     /* TroveBHead, in file order */
  GHashTable *by_old; /* old -> index + 1, built for long runs */
} TroveBlendRun;

void _trove_blend_run_init (TroveBlendRun *run);
void _trove_blend_run_clear (TroveBlendRun *run);
gboolean _trove_blend_file_read_run (TroveBlendFile *self,
                                     const TroveBlendOwner *owner,
                                     TroveBlendRun *run,
                                     GError **error);
const TroveBHead *_trove_blend_run_lookup (TroveBlendRun *run, guint64 old);

gboolean _trove_blend_struct_read (TroveBlendFile *self,
                                   const TroveBHead *bhead,
                                   const char *expected_struct,
                                   TroveBlendStruct *out,
                                   GError **error);
void _trove_blend_struct_clear (TroveBlendStruct *s);
const TroveSdnaMember *
_trove_blend_struct_member (TroveBlendStruct *s, const char *path, guint *offset);
gboolean
_trove_blend_struct_get_uint (TroveBlendStruct *s, const char *path, guint index, guint64 *value);
char *_trove_blend_struct_get_chars (TroveBlendStruct *s, const char *path);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TroveBlendStruct, _trove_blend_struct_clear)

gboolean _trove_blend_file_read_id (TroveBlendFile *self,
                                    const TroveBlendOwner *owner,
                                    guint64 *asset_data,
                                    char **name,
                                    GError **error);

/* An asset's metadata as the file stores it: the values, and the blocks of
 * the ID's run that hold them (pointers into the run's array). */
typedef struct
{
  const TroveBHead *meta_block;
  const TroveBHead *string_blocks[4]; /* as TroveAssetValues.strings; NULL when unset */
  GPtrArray *tag_blocks;              /* const TroveBHead *, in list order */
  TroveAssetValues values;
} TroveBlendMetadata;

gboolean _trove_blend_file_read_metadata (TroveBlendFile *self,
                                          TroveBlendRun *run,
                                          guint64 asset_data,
                                          const char *name,
                                          TroveBlendMetadata *out,
                                          GError **error);
void _trove_blend_metadata_clear (TroveBlendMetadata *metadata);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TroveBlendMetadata, _trove_blend_metadata_clear)

G_END_DECLS
