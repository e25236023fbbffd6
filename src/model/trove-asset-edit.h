/* trove-asset-edit.h: a change to one asset's metadata
 *
 * An edit names its asset by ID type and name and says what to change, not
 * what the result is: "add tag X" stays right if another program changed the
 * asset's other tags since Trove read them. The writer applies edits to the
 * metadata it finds in the file at the moment of writing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "trove-asset.h"

G_BEGIN_DECLS

/* Blender's fixed-size fields: AssetTag.name and
 * AssetMetaData.catalog_simple_name are char[64], NUL included. */
#define TROVE_ASSET_TAG_MAX_BYTES 63
#define TROVE_ASSET_SIMPLE_NAME_MAX_BYTES 63

#define TROVE_ASSET_FIELD_ALL_STRINGS                                                              \
  (TROVE_ASSET_FIELD_DESCRIPTION | TROVE_ASSET_FIELD_AUTHOR | TROVE_ASSET_FIELD_COPYRIGHT          \
   | TROVE_ASSET_FIELD_LICENSE)

/* The metadata an edit works on: what the file holds, as plain values. */
typedef struct
{
  char *strings[4]; /* description, author, copyright, license; NULL when unset */
  GPtrArray *tags;  /* char *, in list order */
  char *catalog_id; /* canonical UUID string; the nil UUID for none */
  char *catalog_simple_name;
} TroveAssetValues;

void trove_asset_values_init (TroveAssetValues *values);
void trove_asset_values_init_from_asset (TroveAssetValues *values, TroveAsset *asset);
void trove_asset_values_clear (TroveAssetValues *values);
TroveAssetFields trove_asset_values_diff (const TroveAssetValues *a, const TroveAssetValues *b);

#define TROVE_TYPE_ASSET_EDIT (trove_asset_edit_get_type ())

typedef struct _TroveAssetEdit TroveAssetEdit;

GType trove_asset_edit_get_type (void) G_GNUC_CONST;

TroveAssetEdit *trove_asset_edit_new (const char *id_type, const char *name);
TroveAssetEdit *trove_asset_edit_new_restore (TroveAsset *asset, TroveAssetFields fields);
TroveAssetEdit *trove_asset_edit_ref (TroveAssetEdit *self);
void trove_asset_edit_unref (TroveAssetEdit *self);

const char *trove_asset_edit_get_id_type (TroveAssetEdit *self);
const char *trove_asset_edit_get_name (TroveAssetEdit *self);
TroveAssetFields trove_asset_edit_get_fields (TroveAssetEdit *self);

void trove_asset_edit_set_string (TroveAssetEdit *self, TroveAssetFields field, const char *value);
void trove_asset_edit_set_tags (TroveAssetEdit *self, const char *const *tags);
void trove_asset_edit_add_tag (TroveAssetEdit *self, const char *tag);
void trove_asset_edit_remove_tag (TroveAssetEdit *self, const char *tag);
void trove_asset_edit_set_catalog (TroveAssetEdit *self,
                                   const char *catalog_id,
                                   const char *simple_name);

gboolean trove_asset_edit_validate (TroveAssetEdit *self, GError **error);
void trove_asset_edit_apply (TroveAssetEdit *self, TroveAssetValues *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroveAssetEdit, trove_asset_edit_unref)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TroveAssetValues, trove_asset_values_clear)

G_END_DECLS
