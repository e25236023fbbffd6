/* trove-catalog.h: one catalog line of a catalog definition file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TROVE_TYPE_CATALOG (trove_catalog_get_type ())

G_DECLARE_FINAL_TYPE (TroveCatalog, trove_catalog, TROVE, CATALOG, GObject)

TroveCatalog *trove_catalog_new (const char *uuid, const char *path, const char *simple_name);

const char *trove_catalog_get_uuid (TroveCatalog *self);
const char *trove_catalog_get_path (TroveCatalog *self);
const char *trove_catalog_get_simple_name (TroveCatalog *self);
gboolean trove_catalog_get_first_loaded (TroveCatalog *self);
void trove_catalog_set_first_loaded (TroveCatalog *self, gboolean first_loaded);

int trove_catalog_compare_for_write (TroveCatalog *a, TroveCatalog *b);

G_END_DECLS
