/* trove-catalog-path.h: Blender's asset catalog paths (AssetCatalogPath)
 *
 * A catalog path is a UTF-8 byte string of components separated by '/', with
 * no leading or trailing slash. The empty string is "no path" (the root).
 * Every function here behaves exactly as Blender's AssetCatalogPath does (see
 * blender-catalogs.md §2), with one documented exception: simple_name() never
 * splits a UTF-8 sequence. Paths are plain strings, so no copy is ever
 * implicit: functions returning char * return a new string.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Trove's own limit, not Blender's: catalogs whose path has more components
 * than this are kept in the file (and written back) but left out of the
 * catalog tree, which keeps tree walks and per-asset filtering bounded on
 * hostile files. Real libraries are a handful of levels deep. */
#define TROVE_CATALOG_PATH_MAX_DEPTH 1024

char *trove_catalog_path_cleanup (const char *path);
const char *trove_catalog_path_name (const char *path);
char *trove_catalog_path_parent (const char *path);
char *trove_catalog_path_join (const char *a, const char *b);
gboolean trove_catalog_path_is_contained_in (const char *path, const char *other);
char *trove_catalog_path_rebase (const char *path, const char *from, const char *to);
char *trove_catalog_path_simple_name (const char *path);
guint trove_catalog_path_get_depth (const char *path);
int trove_catalog_path_compare (const char *a, const char *b);

G_END_DECLS
