/* blend-transcode.h: rewrite a real .blend file into a variant Blender 3.4 cannot write
 *
 * Blender 3.4 (our reference, Debian 12) only writes 64-bit little-endian
 * files with the 12-byte header. The reader must also handle 32-bit pointers,
 * big endian, gzip, the 17-byte header with LargeBHead8 of Blender 5.0, and a
 * DNA that has AssetMetaData.copyright/license (3.5+). This test helper makes
 * those variants from the real fixtures by re-encoding every typed block
 * through the file's own SDNA, as Blender's DNA reconstruction would.
 *
 * Limitation: raw (untyped) blocks are copied as bytes. Raw blocks holding
 * pointer arrays or multi-byte numbers (mesh data, ID pointer arrays) are
 * therefore not converted; Trove never reads those, and the variants are only
 * fed to Trove's reader, never to Blender.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TROVE_TRANSCODE_PLAIN,
  TROVE_TRANSCODE_GZIP,
  TROVE_TRANSCODE_ZSTD_STREAM, /* zstd without Blender's seek table */
} TroveTranscodeCompression;

typedef struct
{
  guint pointer_size; /* 4 or 8 */
  gboolean big_endian;
  gboolean v1_header; /* Blender 5.0's 17-byte header and LargeBHead8 */
  TroveTranscodeCompression compression;
  /* Add AssetMetaData.copyright and .license (after description, as in 3.5)
   * and set them on every asset, when non-NULL. */
  const char *copyright;
  const char *license;
} TroveTranscodeOptions;

GBytes *
trove_test_transcode_blend (const char *path, const TroveTranscodeOptions *options, GError **error);

G_END_DECLS
