/* trove-blend-source.h: random access to the uncompressed bytes of a .blend file
 *
 * A .blend file on disk is plain, gzip (before Blender 3.0) or zstd (3.0+).
 * This hides the difference: callers read ranges of the uncompressed stream.
 * Plain files are read with pread() through a small window cache (never
 * mmap(), so a file truncated under us gives an error, not SIGBUS). zstd files
 * with Blender's seek table are read frame by frame on demand; anything else
 * compressed is decompressed into memory once, as Blender does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TROVE_BLEND_COMPRESSION_NONE,
  TROVE_BLEND_COMPRESSION_GZIP,
  TROVE_BLEND_COMPRESSION_ZSTD,
} TroveBlendCompression;

typedef struct _TroveBlendSource TroveBlendSource;

TroveBlendSource *trove_blend_source_open (const char *path, GError **error);
void trove_blend_source_free (TroveBlendSource *self);

const char *trove_blend_source_get_path (TroveBlendSource *self);
const char *trove_blend_source_get_display_name (TroveBlendSource *self);
TroveBlendCompression trove_blend_source_get_compression (TroveBlendSource *self);
gboolean trove_blend_source_is_seekable (TroveBlendSource *self);
guint64 trove_blend_source_get_size (TroveBlendSource *self);
guint64 trove_blend_source_get_file_size (TroveBlendSource *self);
gint64 trove_blend_source_get_mtime_usec (TroveBlendSource *self);

gsize trove_blend_source_read_max (
    TroveBlendSource *self, guint64 offset, void *dest, gsize length, GError **error);
gboolean trove_blend_source_read (
    TroveBlendSource *self, guint64 offset, void *dest, gsize length, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroveBlendSource, trove_blend_source_free)

G_END_DECLS
