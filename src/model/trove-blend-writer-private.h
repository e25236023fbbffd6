/* trove-blend-writer-private.h: test hooks of the writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trove-blend-file.h"
#include "trove-blend-writer.h"

G_BEGIN_DECLS

/* Called at named moments of a write, so that tests can change the world
 * there (modify the original just before the rename, say). */
typedef void (*TroveBlendWriterHook) (const char *stage, const char *path, gpointer user_data);

void _trove_blend_writer_set_hook (TroveBlendWriterHook hook, gpointer user_data);

TroveAssetFields _trove_blend_writer_check_format (TroveBlendFile *file, GError **error);

G_END_DECLS
