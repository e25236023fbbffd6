/* trove-catalog-file-private.h: for the catalog service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trove-catalog-file.h"

G_BEGIN_DECLS

void _trove_catalog_file_adopt_disk_state (TroveCatalogFile *self, TroveCatalogFile *disk);

G_END_DECLS
