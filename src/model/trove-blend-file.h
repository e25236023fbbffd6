/* trove-blend-file.h: a .blend file's block structure, schema and assets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trove-asset-private.h"
#include "trove-blend-source.h"
#include "trove-image.h"
#include "trove-sdna.h"

G_BEGIN_DECLS

/* One block header, whatever its on-disk layout (BHead4, SmallBHead8, LargeBHead8). */
typedef struct
{
  char code[4];
  guint32 sdna_index;
  guint64 old;
  guint64 length;
  guint64 count;
  guint64 offset;      /* of the header in the uncompressed stream */
  guint64 data_offset; /* of the payload */
} TroveBHead;

typedef struct _TroveBlendFile TroveBlendFile;

TroveBlendFile *trove_blend_file_open (const char *path, GCancellable *cancellable, GError **error);
void trove_blend_file_free (TroveBlendFile *self);

const char *trove_blend_file_get_path (TroveBlendFile *self);
TroveBlendSource *trove_blend_file_get_source (TroveBlendFile *self);
const TroveSdna *trove_blend_file_get_sdna (TroveBlendFile *self);
guint trove_blend_file_get_version (TroveBlendFile *self);
guint trove_blend_file_get_header_size (TroveBlendFile *self);
guint trove_blend_file_get_bhead_size (TroveBlendFile *self);
guint trove_blend_file_get_pointer_size (TroveBlendFile *self);
gboolean trove_blend_file_is_big_endian (TroveBlendFile *self);

gboolean trove_blend_file_read_bhead (TroveBlendFile *self,
                                      guint64 offset,
                                      TroveBHead *bhead,
                                      GError **error);
gboolean trove_blend_file_is_id_code (const char code[4]);

GPtrArray *trove_blend_file_list_assets (TroveBlendFile *self,
                                         const char *relative_path,
                                         GCancellable *cancellable,
                                         GError **error);
TroveImage *trove_blend_file_read_preview (TroveBlendFile *self,
                                           const char *id_type,
                                           const char *name,
                                           GError **error);

TroveImage *trove_blend_file_load_thumbnail (const char *path, GError **error);
TroveImage *trove_blend_file_load_asset_preview (const char *path,
                                                 const char *id_type,
                                                 const char *name,
                                                 const TrovePreviewLocator *locator,
                                                 GCancellable *cancellable,
                                                 GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroveBlendFile, trove_blend_file_free)

G_END_DECLS
