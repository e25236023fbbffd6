/* trove-blender-prefs.h: the asset libraries registered in Blender's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *trove_blender_prefs_find_newest (const char *config_dir);
GPtrArray *trove_blender_prefs_read_libraries (const char *userpref_path, GError **error);

G_END_DECLS
