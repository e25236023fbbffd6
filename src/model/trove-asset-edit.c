/* trove-asset-edit.c: a change to one asset's metadata
 *
 * The rules are Blender's (asset.cc, rna_asset.cc): an empty string is no
 * string (the pointer is NULL); tag names and the catalog simple name are
 * cut to fit their char[64] fields; the simple name is trimmed; a tag added
 * twice is there once (AssetTag names are unique in a list). Where Blender
 * cuts in the middle of a UTF-8 character, Trove cuts before it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-asset-edit.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "trove-error.h"
#include "trove-text.h"
#include "trove-uuid.h"

#define NIL_UUID "00000000-0000-0000-0000-000000000000"
#define N_STRINGS 4

struct _TroveAssetEdit
{
  gatomicrefcount ref_count;
  char *id_type;
  char *name;
  TroveAssetFields fields; /* fields replaced outright */
  char *strings[N_STRINGS];
  GPtrArray *tags; /* the new list, when TAGS is in fields */
  GPtrArray *add_tags;
  GPtrArray *remove_tags;
  char *catalog_id;
  char *simple_name;
};

G_DEFINE_BOXED_TYPE (TroveAssetEdit, trove_asset_edit, trove_asset_edit_ref, trove_asset_edit_unref)

static const TroveAssetFields string_fields[N_STRINGS] = {
  TROVE_ASSET_FIELD_DESCRIPTION,
  TROVE_ASSET_FIELD_AUTHOR,
  TROVE_ASSET_FIELD_COPYRIGHT,
  TROVE_ASSET_FIELD_LICENSE,
};

/* The index of a string field in TroveAssetValues.strings, or G_MAXUINT
 * for a field that is not a string. */
static guint
field_string_index (TroveAssetFields field)
{
  for (guint i = 0; i < N_STRINGS; i++)
    if (string_fields[i] == field)
      return i;
  return G_MAXUINT;
}

/* A tag as it fits AssetTag.name. */
static char *
normalize_tag (const char *tag)
{
  return trove_text_utf8_prefix (tag, TROVE_ASSET_TAG_MAX_BYTES);
}

static gboolean
tags_contain (GPtrArray *tags, const char *tag)
{
  for (guint i = 0; i < tags->len; i++)
    if (strcmp (tags->pdata[i], tag) == 0)
      return TRUE;
  return FALSE;
}

/* Adds @tag unless it is there: BKE_asset_metadata_tag_ensure(). */
static void
ensure_tag (GPtrArray *tags, const char *tag)
{
  g_autofree char *normal = normalize_tag (tag);

  if (!tags_contain (tags, normal))
    g_ptr_array_add (tags, g_steal_pointer (&normal));
}

void
trove_asset_values_init (TroveAssetValues *values)
{
  g_return_if_fail (values != NULL);

  memset (values, 0, sizeof *values);
  values->tags = g_ptr_array_new_with_free_func (g_free);
  values->catalog_id = g_strdup (NIL_UUID);
  values->catalog_simple_name = g_strdup ("");
}

/* An empty string is stored as no string, as Blender's RNA setters do. */
static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
trove_asset_values_init_from_asset (TroveAssetValues *values, TroveAsset *asset)
{
  const char *const *tags;

  g_return_if_fail (values != NULL);
  g_return_if_fail (TROVE_IS_ASSET (asset));

  trove_asset_values_init (values);
  values->strings[0] = dup_nonempty (trove_asset_get_description (asset));
  values->strings[1] = dup_nonempty (trove_asset_get_author (asset));
  values->strings[2] = dup_nonempty (trove_asset_get_copyright (asset));
  values->strings[3] = dup_nonempty (trove_asset_get_license (asset));
  tags = trove_asset_get_tags (asset);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (values->tags, g_strdup (tags[i]));
  g_free (values->catalog_id);
  values->catalog_id = g_strdup (trove_asset_get_catalog_id (asset));
  g_free (values->catalog_simple_name);
  values->catalog_simple_name = g_strdup (trove_asset_get_catalog_simple_name (asset));
}

void
trove_asset_values_clear (TroveAssetValues *values)
{
  for (guint i = 0; i < N_STRINGS; i++)
    g_clear_pointer (&values->strings[i], g_free);
  g_clear_pointer (&values->tags, g_ptr_array_unref);
  g_clear_pointer (&values->catalog_id, g_free);
  g_clear_pointer (&values->catalog_simple_name, g_free);
}

static gboolean
strings_equal (const char *a, const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
tag_lists_equal (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/**
 * trove_asset_values_diff:
 *
 * Returns: the fields whose values differ (an unset string equals an empty one)
 */
TroveAssetFields
trove_asset_values_diff (const TroveAssetValues *a, const TroveAssetValues *b)
{
  TroveAssetFields diff = TROVE_ASSET_FIELD_NONE;

  g_return_val_if_fail (a != NULL && b != NULL, TROVE_ASSET_FIELD_NONE);

  for (guint i = 0; i < N_STRINGS; i++)
    if (!strings_equal (a->strings[i], b->strings[i]))
      diff |= string_fields[i];
  if (!tag_lists_equal (a->tags, b->tags))
    diff |= TROVE_ASSET_FIELD_TAGS;
  if (!strings_equal (a->catalog_id, b->catalog_id)
      || !strings_equal (a->catalog_simple_name, b->catalog_simple_name))
    diff |= TROVE_ASSET_FIELD_CATALOG;
  return diff;
}

/**
 * trove_asset_edit_new:
 * @id_type: the two-letter ID code, e.g. "MA"
 * @name: the data-block name, without the code
 *
 * Returns: (transfer full): an edit that changes nothing yet
 */
TroveAssetEdit *
trove_asset_edit_new (const char *id_type, const char *name)
{
  TroveAssetEdit *self;

  g_return_val_if_fail (id_type != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (TroveAssetEdit, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->id_type = g_strdup (id_type);
  self->name = g_strdup (name);
  self->add_tags = g_ptr_array_new_with_free_func (g_free);
  self->remove_tags = g_ptr_array_new_with_free_func (g_free);
  return self;
}

/**
 * trove_asset_edit_new_restore:
 * @fields: what to restore
 *
 * Returns: (transfer full): an edit that sets @fields back to the values
 *   @asset has, for undo
 */
TroveAssetEdit *
trove_asset_edit_new_restore (TroveAsset *asset, TroveAssetFields fields)
{
  g_auto (TroveAssetValues) values = { 0 };
  TroveAssetEdit *self;

  g_return_val_if_fail (TROVE_IS_ASSET (asset), NULL);

  self = trove_asset_edit_new (trove_asset_get_id_type (asset), trove_asset_get_name (asset));
  trove_asset_values_init_from_asset (&values, asset);
  for (guint i = 0; i < N_STRINGS; i++)
    if (fields & string_fields[i])
      trove_asset_edit_set_string (self, string_fields[i], values.strings[i]);
  if (fields & TROVE_ASSET_FIELD_TAGS)
    {
      g_ptr_array_add (values.tags, NULL);
      trove_asset_edit_set_tags (self, (const char *const *)values.tags->pdata);
    }
  if (fields & TROVE_ASSET_FIELD_CATALOG)
    trove_asset_edit_set_catalog (self, values.catalog_id, values.catalog_simple_name);
  return self;
}

TroveAssetEdit *
trove_asset_edit_ref (TroveAssetEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
trove_asset_edit_unref (TroveAssetEdit *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id_type);
  g_free (self->name);
  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_ptr_array_unref (self->add_tags);
  g_ptr_array_unref (self->remove_tags);
  g_free (self->catalog_id);
  g_free (self->simple_name);
  g_free (self);
}

const char *
trove_asset_edit_get_id_type (TroveAssetEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id_type;
}

const char *
trove_asset_edit_get_name (TroveAssetEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

/**
 * trove_asset_edit_get_fields:
 *
 * Returns: every field the edit may change, tags included when it adds or
 *   removes any
 */
TroveAssetFields
trove_asset_edit_get_fields (TroveAssetEdit *self)
{
  TroveAssetFields fields;

  g_return_val_if_fail (self != NULL, TROVE_ASSET_FIELD_NONE);

  fields = self->fields;
  if (self->add_tags->len > 0 || self->remove_tags->len > 0)
    fields |= TROVE_ASSET_FIELD_TAGS;
  return fields;
}

/**
 * trove_asset_edit_set_string:
 * @field: one of the string fields (description, author, copyright, license)
 * @value: (nullable): the new value; %NULL or "" removes it
 */
void
trove_asset_edit_set_string (TroveAssetEdit *self, TroveAssetFields field, const char *value)
{
  guint index = field_string_index (field);

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < N_STRINGS);

  g_free (self->strings[index]);
  self->strings[index] = dup_nonempty (value);
  self->fields |= field;
}

/**
 * trove_asset_edit_set_tags:
 * @tags: (array zero-terminated=1): the new tag list, in order
 *
 * Replaces the whole list. Later add_tag() and remove_tag() calls apply on
 * top of it.
 */
void
trove_asset_edit_set_tags (TroveAssetEdit *self, const char *const *tags)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->tags, g_ptr_array_unref);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    ensure_tag (self->tags, tags[i]);
  self->fields |= TROVE_ASSET_FIELD_TAGS;
}

void
trove_asset_edit_add_tag (TroveAssetEdit *self, const char *tag)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tag != NULL);

  ensure_tag (self->add_tags, tag);
}

void
trove_asset_edit_remove_tag (TroveAssetEdit *self, const char *tag)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tag != NULL);

  ensure_tag (self->remove_tags, tag);
}

/**
 * trove_asset_edit_set_catalog:
 * @catalog_id: (nullable): a catalog UUID; %NULL or the nil UUID for none
 * @simple_name: (nullable): the catalog's simple name
 *
 * Sets the catalog as BKE_asset_metadata_catalog_id_set() does: the simple
 * name is trimmed and cut to 63 bytes. Without a catalog it is empty
 * (BKE_asset_metadata_catalog_id_clear()).
 */
void
trove_asset_edit_set_catalog (TroveAssetEdit *self, const char *catalog_id, const char *simple_name)
{
  g_autofree char *stripped = NULL;
  TroveUuid uuid = { 0 };

  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->catalog_id, g_free);
  g_clear_pointer (&self->simple_name, g_free);
  if (catalog_id != NULL && trove_uuid_parse (catalog_id, &uuid) && !trove_uuid_is_nil (&uuid))
    {
      self->catalog_id = trove_uuid_to_string (&uuid);
      stripped = trove_text_strip (simple_name != NULL ? simple_name : "");
      self->simple_name = trove_text_utf8_prefix (stripped, TROVE_ASSET_SIMPLE_NAME_MAX_BYTES);
    }
  else if (catalog_id != NULL && !trove_uuid_parse (catalog_id, &uuid))
    {
      /* Kept as given, for validate() to report. */
      self->catalog_id = g_strdup (catalog_id);
      self->simple_name = g_strdup ("");
    }
  else
    {
      self->catalog_id = g_strdup (NIL_UUID);
      self->simple_name = g_strdup ("");
    }
  self->fields |= TROVE_ASSET_FIELD_CATALOG;
}

static gboolean
validate_tags (GPtrArray *tags, GError **error)
{
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    if (*(const char *)tags->pdata[i] == '\0')
      {
        g_set_error_literal (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT,
                             _ ("A tag cannot be empty"));
        return FALSE;
      }
  return TRUE;
}

/**
 * trove_asset_edit_validate:
 *
 * Checks what the rules do not allow: text that is not UTF-8, an empty tag,
 * a catalog ID that is not a UUID.
 */
gboolean
trove_asset_edit_validate (TroveAssetEdit *self, GError **error)
{
  TroveUuid uuid;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < N_STRINGS; i++)
    if (self->strings[i] != NULL && !g_utf8_validate (self->strings[i], -1, NULL))
      {
        g_set_error_literal (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT,
                             _ ("The text is not valid UTF-8"));
        return FALSE;
      }
  for (guint i = 0; i < self->add_tags->len; i++)
    if (!g_utf8_validate (self->add_tags->pdata[i], -1, NULL))
      {
        g_set_error_literal (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT,
                             _ ("The text is not valid UTF-8"));
        return FALSE;
      }
  if (!validate_tags (self->tags, error) || !validate_tags (self->add_tags, error))
    return FALSE;
  if (self->catalog_id != NULL && !trove_uuid_parse (self->catalog_id, &uuid))
    {
      g_set_error (error, TROVE_ERROR, TROVE_ERROR_INVALID_EDIT, _ ("“%s” is not a catalog UUID"),
                   self->catalog_id);
      return FALSE;
    }
  return TRUE;
}

static void
apply_tags (TroveAssetEdit *self, TroveAssetValues *values)
{
  if (self->tags != NULL)
    {
      g_ptr_array_set_size (values->tags, 0);
      for (guint i = 0; i < self->tags->len; i++)
        g_ptr_array_add (values->tags, g_strdup (self->tags->pdata[i]));
    }
  for (guint i = 0; i < self->remove_tags->len; i++)
    for (guint j = values->tags->len; j > 0; j--)
      if (strcmp (values->tags->pdata[j - 1], self->remove_tags->pdata[i]) == 0)
        g_ptr_array_remove_index (values->tags, j - 1);
  for (guint i = 0; i < self->add_tags->len; i++)
    ensure_tag (values->tags, self->add_tags->pdata[i]);
}

/**
 * trove_asset_edit_apply:
 *
 * Changes @values as the edit says: fields set outright first, then tags
 * removed, then tags added.
 */
void
trove_asset_edit_apply (TroveAssetEdit *self, TroveAssetValues *values)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (values != NULL);

  for (guint i = 0; i < N_STRINGS; i++)
    if (self->fields & string_fields[i])
      {
        g_free (values->strings[i]);
        values->strings[i] = g_strdup (self->strings[i]);
      }
  apply_tags (self, values);
  if (self->fields & TROVE_ASSET_FIELD_CATALOG)
    {
      g_free (values->catalog_id);
      values->catalog_id = g_strdup (self->catalog_id);
      g_free (values->catalog_simple_name);
      values->catalog_simple_name = g_strdup (self->simple_name);
    }
}
