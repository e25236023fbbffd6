/* trove-asset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-asset-private.h"
#include "trove-blend-file.h"

#include <string.h>

#define NIL_UUID "00000000-0000-0000-0000-000000000000"

struct _TroveAsset
{
  GObject parent_instance;

  char *file;
  char *source_path;
  char *id_type;
  char *name;
  char *description;
  char *author;
  char *copyright;
  char *license;
  GStrv tags;
  char *catalog_id;
  char *catalog_simple_name;
  guint preview_width;
  guint preview_height;
  gint64 file_mtime;

  gboolean has_locator;
  TrovePreviewLocator locator;

  TroveAssetFields editable_fields;
  char *read_only_reason;
};

G_DEFINE_FINAL_TYPE (TroveAsset, trove_asset, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_SOURCE_PATH,
  PROP_ID_TYPE,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_AUTHOR,
  PROP_COPYRIGHT,
  PROP_LICENSE,
  PROP_TAGS,
  PROP_CATALOG_ID,
  PROP_CATALOG_SIMPLE_NAME,
  PROP_PREVIEW_WIDTH,
  PROP_PREVIEW_HEIGHT,
  PROP_FILE_MTIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* String properties are never NULL to callers: an absent string is "". */
static char **
string_slot (TroveAsset *self, guint prop_id)
{
  switch (prop_id)
    {
    case PROP_FILE:
      return &self->file;
    case PROP_SOURCE_PATH:
      return &self->source_path;
    case PROP_ID_TYPE:
      return &self->id_type;
    case PROP_NAME:
      return &self->name;
    case PROP_DESCRIPTION:
      return &self->description;
    case PROP_AUTHOR:
      return &self->author;
    case PROP_COPYRIGHT:
      return &self->copyright;
    case PROP_LICENSE:
      return &self->license;
    case PROP_CATALOG_ID:
      return &self->catalog_id;
    case PROP_CATALOG_SIMPLE_NAME:
      return &self->catalog_simple_name;
    default:
      return NULL;
    }
}

static void
trove_asset_finalize (GObject *object)
{
  TroveAsset *self = (TroveAsset *)object;

  for (guint i = PROP_FILE; i < N_PROPS; i++)
    {
      char **slot = string_slot (self, i);
      if (slot != NULL)
        g_clear_pointer (slot, g_free);
    }
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (trove_asset_parent_class)->finalize (object);
}

static void
trove_asset_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveAsset *self = TROVE_ASSET (object);
  char **slot = string_slot (self, prop_id);

  if (slot != NULL)
    {
      g_value_set_string (value, *slot);
      return;
    }

  switch (prop_id)
    {
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_PREVIEW_WIDTH:
      g_value_set_uint (value, self->preview_width);
      break;
    case PROP_PREVIEW_HEIGHT:
      g_value_set_uint (value, self->preview_height);
      break;
    case PROP_FILE_MTIME:
      g_value_set_int64 (value, self->file_mtime);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_asset_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TroveAsset *self = TROVE_ASSET (object);
  char **slot = string_slot (self, prop_id);

  if (slot != NULL)
    {
      const char *str = g_value_get_string (value);
      g_free (*slot);
      *slot = g_strdup (str != NULL ? str : "");
      return;
    }

  switch (prop_id)
    {
    case PROP_TAGS:
      g_strfreev (self->tags);
      self->tags = g_value_dup_boxed (value);
      if (self->tags == NULL)
        self->tags = g_new0 (char *, 1);
      break;
    case PROP_PREVIEW_WIDTH:
      self->preview_width = g_value_get_uint (value);
      break;
    case PROP_PREVIEW_HEIGHT:
      self->preview_height = g_value_get_uint (value);
      break;
    case PROP_FILE_MTIME:
      self->file_mtime = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name, const char *blurb)
{
  return g_param_spec_string (name, NULL, blurb, "",
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
}

static void
trove_asset_class_init (TroveAssetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trove_asset_finalize;
  object_class->get_property = trove_asset_get_property;
  object_class->set_property = trove_asset_set_property;

  properties[PROP_FILE] = string_pspec ("file", "Path relative to the library root, '/'-separated");
  properties[PROP_SOURCE_PATH] = string_pspec ("source-path", "Filesystem path of the .blend file");
  properties[PROP_ID_TYPE] = string_pspec ("id-type", "Two-letter ID code, e.g. OB or MA");
  properties[PROP_NAME] = string_pspec ("name", "Data-block name without the ID code");
  properties[PROP_DESCRIPTION] = string_pspec ("description", NULL);
  properties[PROP_AUTHOR] = string_pspec ("author", NULL);
  properties[PROP_COPYRIGHT] = string_pspec ("copyright", NULL);
  properties[PROP_LICENSE] = string_pspec ("license", NULL);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CATALOG_ID] = string_pspec ("catalog-id", "Canonical lower-case catalog UUID");
  properties[PROP_CATALOG_SIMPLE_NAME] = string_pspec ("catalog-simple-name", NULL);
  properties[PROP_PREVIEW_WIDTH]
      = g_param_spec_uint ("preview-width", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PREVIEW_HEIGHT]
      = g_param_spec_uint ("preview-height", NULL, NULL, 0, G_MAXUINT, 0, flags);

  properties[PROP_FILE_MTIME] = g_param_spec_int64 (
      "file-mtime", NULL, "Modification time of the .blend file (µs)", 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_asset_init (TroveAsset *self)
{
  for (guint i = PROP_FILE; i < N_PROPS; i++)
    {
      char **slot = string_slot (self, i);
      if (slot != NULL)
        *slot = g_strdup ("");
    }
  g_free (self->catalog_id);
  self->catalog_id = g_strdup (NIL_UUID);
  self->tags = g_new0 (char *, 1);
}

const char *
trove_asset_get_file (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->file;
}

const char *
trove_asset_get_source_path (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->source_path;
}

const char *
trove_asset_get_id_type (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->id_type;
}

const char *
trove_asset_get_name (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->name;
}

const char *
trove_asset_get_description (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->description;
}

const char *
trove_asset_get_author (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->author;
}

const char *
trove_asset_get_copyright (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->copyright;
}

const char *
trove_asset_get_license (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->license;
}

const char *const *
trove_asset_get_tags (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return (const char *const *)self->tags;
}

const char *
trove_asset_get_catalog_id (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->catalog_id;
}

gboolean
trove_asset_has_catalog (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), FALSE);
  return strcmp (self->catalog_id, NIL_UUID) != 0;
}

const char *
trove_asset_get_catalog_simple_name (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->catalog_simple_name;
}

gboolean
trove_asset_has_preview (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), FALSE);
  return self->preview_width > 0 && self->preview_height > 0;
}

guint
trove_asset_get_preview_width (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), 0);
  return self->preview_width;
}

/* The .blend file's modification time, in microseconds since the epoch. */
gint64
trove_asset_get_file_mtime (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), 0);
  return self->file_mtime;
}

guint
trove_asset_get_preview_height (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), 0);
  return self->preview_height;
}

void
_trove_asset_set_preview_locator (TroveAsset *self, const TrovePreviewLocator *locator)
{
  g_return_if_fail (TROVE_IS_ASSET (self));

  self->has_locator = locator != NULL;
  if (locator != NULL)
    self->locator = *locator;
}

/* Set by the reader: which fields Trove can write in the asset's file, as
 * far as its format goes, or why it cannot write it at all. */
void
_trove_asset_set_editable (TroveAsset *self, TroveAssetFields fields, const char *reason)
{
  g_return_if_fail (TROVE_IS_ASSET (self));

  self->editable_fields = fields;
  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);
}

/**
 * trove_asset_get_editable_fields:
 *
 * Returns: the fields Trove can write in this asset's file, as far as its
 *   format goes (copyright and license need Blender 3.5); none when the file
 *   is one Trove will not write (see get_read_only_reason()). Permissions
 *   are not considered.
 */
TroveAssetFields
trove_asset_get_editable_fields (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), TROVE_ASSET_FIELD_NONE);
  return self->editable_fields;
}

/**
 * trove_asset_get_read_only_reason:
 *
 * Returns: (nullable): why Trove will not write this asset's file, or %NULL
 */
const char *
trove_asset_get_read_only_reason (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->read_only_reason;
}

const TrovePreviewLocator *
_trove_asset_get_preview_locator (TroveAsset *self)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);
  return self->has_locator ? &self->locator : NULL;
}

/**
 * trove_asset_load_preview:
 *
 * Decodes the asset's preview from its .blend file. This does file I/O and
 * decompression: call it from a worker thread in interactive code.
 *
 * Returns: (transfer full): the preview, RGBA8 with rows top-down
 */
TroveImage *
trove_asset_load_preview (TroveAsset *self, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (TROVE_IS_ASSET (self), NULL);

  return trove_blend_file_load_asset_preview (self->source_path, self->id_type, self->name,
                                              _trove_asset_get_preview_locator (self), cancellable,
                                              error);
}

/* The order of `trove-cli list --json`: file, then ID type, then name, all byte-wise. */
int
trove_asset_compare (TroveAsset *a, TroveAsset *b)
{
  int cmp;

  g_return_val_if_fail (TROVE_IS_ASSET (a), 0);
  g_return_val_if_fail (TROVE_IS_ASSET (b), 0);

  if ((cmp = strcmp (a->file, b->file)) != 0)
    return cmp;
  if ((cmp = strcmp (a->id_type, b->id_type)) != 0)
    return cmp;
  return strcmp (a->name, b->name);
}
