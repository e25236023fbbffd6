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

gboolean trove_blend_write_edits_full (const char *path,
                                       const char *relative_path,
                                       GPtrArray *edits,
                                       TroveBlendWriteFlags flags,
                                       gboolean *written,
                                       GPtrArray **assets,
                                       GCancellable *cancellable,
                                       GError **error);

G_END_DECLS
