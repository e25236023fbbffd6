/* trove-blend-writer.h: writes asset metadata into .blend files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trove-asset-edit.h"

G_BEGIN_DECLS

typedef enum
{
  TROVE_BLEND_WRITE_DEFAULT = 0,
  /* Do not keep the previous version as `file.blend1`. */
  TROVE_BLEND_WRITE_NO_BACKUP = 1 << 0,
  /* Rewrite the file even when no value changes. */
  TROVE_BLEND_WRITE_ALWAYS = 1 << 1,
} TroveBlendWriteFlags;

gboolean trove_blend_write_edits (const char *path,
                                  GPtrArray *edits,
                                  TroveBlendWriteFlags flags,
                                  gboolean *written,
                                  GCancellable *cancellable,
                                  GError **error);

TroveAssetFields trove_blend_get_writable_fields (const char *path, GError **error);

G_END_DECLS
