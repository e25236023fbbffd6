/* trove-blend-file-assets.c: asset metadata, previews and the file thumbnail
 *
 * This follows what Blender's asset browser does when it lists a file
 * (readblenentry.cc, readfile.cc, asset.cc): an ID block is an asset when its
 * `asset_data` pointer is non-NULL; that pointer and every pointer of the
 * metadata resolve by exact match of a DATA block's old address, within the
 * DATA blocks that follow the ID block.
 *
 * Where Blender tolerates a pointer that does not resolve (strings, the end of
 * the tag list, the preview), so does Trove. Where Blender would crash or read
 * out of bounds (a dangling asset_data, a block smaller than its struct, a
 * cycle in the tag list, pixels missing from a preview), the file is reported
 * as corrupt instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-blend-file-private.h"
#include "trove-blend-writer-private.h"
#include "trove-error.h"
#include "trove-uuid.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

/* Strings in asset metadata are short; a multi-megabyte one is hostile. */
#define MAX_STRING_BLOCK (16 * 1024 * 1024)
/* Blender renders previews at up to 256 px and thumbnails at 128 px. */
#define MAX_IMAGE_SIDE 8192
#define ID_FLAG_LINKED_AND_PACKED (1 << 15)
#define PREVIEW_INDEX 1 /* ICON_SIZE_PREVIEW; 0 is the small icon */

/* Where the ID fields are in one ID type's struct, found via the SDNA. */
typedef struct
{
  gboolean known;
  gboolean valid;
  guint asset_data_offset;
  guint name_offset;
  guint name_size;
  guint flag_offset;
  guint flag_size;
  guint prefix; /* bytes to read to see all of the above */
} IdLayout;

typedef struct
{
  TroveBlendFile *file;
  TroveBlendRun run; /* the current ID's DATA blocks */
} Lister;

static const IdLayout *
get_id_layout (TroveBlendFile *file, guint struct_index)
{
  const TroveSdna *sdna = file->sdna;
  IdLayout *layout;

  /* Cached on the file, indexed by struct index: freed with g_free(). */
  if (file->id_layouts == NULL)
    file->id_layouts = g_new0 (IdLayout, trove_sdna_get_n_structs (sdna) + 1);
  layout = &((IdLayout *)file->id_layouts)[struct_index];
  const TroveSdnaMember *asset_data, *name, *flag = NULL;

  if (layout->known)
    return layout;
  layout->known = TRUE;

  if (!trove_sdna_resolve_path (sdna, struct_index, "id.asset_data", &layout->asset_data_offset,
                                &asset_data)
      || !asset_data->is_pointer
      || !trove_sdna_resolve_path (sdna, struct_index, "id.name", &layout->name_offset, &name)
      || name->is_pointer)
    return layout;

  layout->name_size = name->size;
  layout->prefix
      = MAX (layout->asset_data_offset + asset_data->size, layout->name_offset + layout->name_size);
  if (trove_sdna_resolve_path (sdna, struct_index, "id.flag", &layout->flag_offset, &flag)
      && !flag->is_pointer && flag->size <= 8)
    {
      layout->flag_size = flag->size;
      layout->prefix = MAX (layout->prefix, layout->flag_offset + flag->size);
    }
  layout->valid = TRUE;
  return layout;
}

static char *
make_valid_utf8 (const char *text, gssize length)
{
  return g_utf8_make_valid (text, length);
}

/* Returns the ID name without its two-letter code, or NULL for an empty name
 * (Blender skips those). The name never extends past its field. */
static char *
id_name (const guint8 *prefix, const IdLayout *layout)
{
  const char *field = (const char *)prefix + layout->name_offset;
  gsize length = strnlen (field, layout->name_size);

  if (length <= 2)
    return NULL;
  return make_valid_utf8 (field + 2, (gssize)(length - 2));
}

static gboolean
read_string_block (TroveBlendFile *file,
                   TroveBlendRun *run,
                   guint64 old,
                   const TroveBHead **block,
                   char **out,
                   GError **error)
{
  const TroveBHead *bhead = _trove_blend_run_lookup (run, old);
  g_autofree char *data = NULL;
  gsize length;

  *out = NULL;
  *block = bhead;
  if (bhead == NULL)
    return TRUE; /* Blender: an unresolvable string pointer reads as NULL. */
  if (bhead->length > MAX_STRING_BLOCK)
    {
      _trove_blend_file_set_error (
          file, error, TROVE_ERROR_TOO_LARGE,
          _ ("a metadata string at offset %" PRIu64 " is implausibly large (%" PRIu64 " bytes)"),
          bhead->offset, bhead->length);
      return FALSE;
    }
  length = (gsize)bhead->length;
  data = g_malloc (length + 1);
  if (!trove_blend_source_read (trove_blend_file_get_source (file), bhead->data_offset, data,
                                length, error))
    return FALSE;
  data[length] = '\0';
  /* Raw blocks written before 4.4 may carry padding after the NUL: stop there. */
  *out = make_valid_utf8 (data, (gssize)strlen (data));
  return TRUE;
}

/* The string members, in the order of TroveAssetValues.strings. */
static const char *const string_members[] = { "description", "author", "copyright", "license" };

static gboolean
read_strings (TroveBlendFile *file,
              TroveBlendRun *run,
              TroveBlendStruct *meta,
              TroveBlendMetadata *out,
              GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      guint64 old = 0;

      /* A member absent from this file's DNA, e.g. copyright before 3.5, is unset. */
      if (_trove_blend_struct_get_uint (meta, string_members[i], 0, &old)
          && !read_string_block (file, run, old, &out->string_blocks[i], &out->values.strings[i],
                                 error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_tags (TroveBlendFile *file,
           TroveBlendRun *run,
           TroveBlendStruct *meta,
           TroveBlendMetadata *out,
           GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint64 old = 0;

  /* Like BLO_read_struct_list: follow first and next, stop at the first
   * pointer that does not resolve. */
  if (_trove_blend_struct_get_uint (meta, "tags.first", 0, &old))
    {
      const TroveBHead *bhead;
      while ((bhead = _trove_blend_run_lookup (run, old)) != NULL)
        {
          g_auto (TroveBlendStruct) tag = { 0 };
          g_autofree char *name = NULL;

          if (!g_hash_table_add (seen, (gpointer)bhead))
            {
              _trove_blend_file_set_error (
                  file, error, TROVE_ERROR_CORRUPT,
                  _ ("the tag list at offset %" PRIu64 " loops back on itself"), bhead->offset);
              return FALSE;
            }
          if (!_trove_blend_struct_read (file, bhead, "AssetTag", &tag, error))
            return FALSE;
          name = _trove_blend_struct_get_chars (&tag, "name");
          g_ptr_array_add (out->values.tags, make_valid_utf8 (name != NULL ? name : "", -1));
          g_ptr_array_add (out->tag_blocks, (gpointer)bhead);
          if (!_trove_blend_struct_get_uint (&tag, "next", 0, &old))
            break;
        }
    }
  return TRUE;
}

static char *
read_catalog_id (TroveBlendStruct *meta)
{
  TroveUuid uuid = { 0 };
  guint64 v;

  if (_trove_blend_struct_get_uint (meta, "catalog_id.time_low", 0, &v))
    uuid.time_low = (guint32)v;
  if (_trove_blend_struct_get_uint (meta, "catalog_id.time_mid", 0, &v))
    uuid.time_mid = (guint16)v;
  if (_trove_blend_struct_get_uint (meta, "catalog_id.time_hi_and_version", 0, &v))
    uuid.time_hi_and_version = (guint16)v;
  if (_trove_blend_struct_get_uint (meta, "catalog_id.clock_seq_hi_and_reserved", 0, &v))
    uuid.clock_seq_hi_and_reserved = (guint8)v;
  if (_trove_blend_struct_get_uint (meta, "catalog_id.clock_seq_low", 0, &v))
    uuid.clock_seq_low = (guint8)v;
  for (guint i = 0; i < 6; i++)
    if (_trove_blend_struct_get_uint (meta, "catalog_id.node", i, &v))
      uuid.node[i] = (guint8)v;
  return trove_uuid_to_string (&uuid);
}

/* Finds the ID's preview: the owner type's own `*preview` member, then
 * rect[1] by old address. Sets *found to FALSE when there is none. */
static gboolean
find_preview (
    Lister *l, TroveBlendStruct *id, TrovePreviewLocator *locator, gboolean *found, GError **error)
{
  g_auto (TroveBlendStruct) preview = { 0 };
  const TroveBHead *bhead, *rect;
  guint64 old = 0, w = 0, h = 0, rect_old = 0;

  *found = FALSE;
  if (!_trove_blend_struct_get_uint (id, "preview", 0, &old))
    return TRUE;
  bhead = _trove_blend_run_lookup (&l->run, old);
  if (bhead == NULL)
    return TRUE;
  if (!_trove_blend_struct_read (l->file, bhead, "PreviewImage", &preview, error))
    return FALSE;
  if (!_trove_blend_struct_get_uint (&preview, "w", PREVIEW_INDEX, &w)
      || !_trove_blend_struct_get_uint (&preview, "h", PREVIEW_INDEX, &h)
      || !_trove_blend_struct_get_uint (&preview, "rect", PREVIEW_INDEX, &rect_old))
    return TRUE;
  w = (guint32)w;
  h = (guint32)h;
  if (w == 0 || h == 0)
    return TRUE;
  rect = _trove_blend_run_lookup (&l->run, rect_old);
  if (rect == NULL)
    return TRUE;
  if (w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE || rect->length < w * h * 4)
    {
      _trove_blend_file_set_error (l->file, error, TROVE_ERROR_CORRUPT,
                                   _ ("a %" PRIu64 "×%" PRIu64 " preview has "
                                      "only %" PRIu64 " bytes of pixels"),
                                   w, h, rect->length);
      return FALSE;
    }

  locator->rect_offset = rect->data_offset;
  locator->width = (guint32)w;
  locator->height = (guint32)h;
  locator->file_size = trove_blend_source_get_file_size (trove_blend_file_get_source (l->file));
  locator->file_mtime_usec
      = trove_blend_source_get_mtime_usec (trove_blend_file_get_source (l->file));
  *found = TRUE;
  return TRUE;
}

static gboolean
read_id_run (Lister *l, const TroveBlendOwner *owner, TroveBlendStruct *id, GError **error)
{
  return _trove_blend_struct_read (l->file, &owner->bhead, NULL, id, error)
         && _trove_blend_file_read_run (l->file, owner, &l->run, error);
}

/**
 * _trove_blend_file_read_metadata:
 * @run: the ID's DATA blocks, read with _trove_blend_file_read_run()
 * @asset_data: the ID's asset_data pointer
 * @name: the ID's name, for messages
 *
 * Reads an asset's metadata as Blender does, recording which blocks hold it.
 * @out must be cleared with _trove_blend_metadata_clear().
 */
gboolean
_trove_blend_file_read_metadata (TroveBlendFile *self,
                                 TroveBlendRun *run,
                                 guint64 asset_data,
                                 const char *name,
                                 TroveBlendMetadata *out,
                                 GError **error)
{
  g_auto (TroveBlendStruct) meta = { 0 };
  g_autofree char *simple_name = NULL;

  memset (out, 0, sizeof *out);
  trove_asset_values_init (&out->values);
  out->tag_blocks = g_ptr_array_new ();

  out->meta_block = _trove_blend_run_lookup (run, asset_data);
  if (out->meta_block == NULL)
    {
      _trove_blend_file_set_error (self, error, TROVE_ERROR_CORRUPT,
                                   _ ("the asset metadata of “%s” is missing (dangling pointer)"),
                                   name);
      return FALSE;
    }
  if (!_trove_blend_struct_read (self, out->meta_block, "AssetMetaData", &meta, error)
      || !read_strings (self, run, &meta, out, error) || !read_tags (self, run, &meta, out, error))
    return FALSE;

  g_free (out->values.catalog_id);
  out->values.catalog_id = read_catalog_id (&meta);
  simple_name = _trove_blend_struct_get_chars (&meta, "catalog_simple_name");
  g_free (out->values.catalog_simple_name);
  out->values.catalog_simple_name = make_valid_utf8 (simple_name != NULL ? simple_name : "", -1);
  return TRUE;
}

void
_trove_blend_metadata_clear (TroveBlendMetadata *metadata)
{
  trove_asset_values_clear (&metadata->values);
  g_clear_pointer (&metadata->tag_blocks, g_ptr_array_unref);
}

static TroveAsset *
read_asset (Lister *l,
            const TroveBlendOwner *owner,
            guint64 asset_data,
            const char *name,
            const char *relative_path,
            GError **error)
{
  g_auto (TroveBlendStruct) id = { 0 };
  g_auto (TroveBlendMetadata) metadata = { 0 };
  g_autofree char *id_type = NULL;
  TrovePreviewLocator locator = { 0 };
  gboolean has_preview = FALSE;
  const TroveAssetValues *v = &metadata.values;
  TroveAsset *asset;

  if (!read_id_run (l, owner, &id, error)
      || !_trove_blend_file_read_metadata (l->file, &l->run, asset_data, name, &metadata, error)
      || !find_preview (l, &id, &locator, &has_preview, error))
    return NULL;

  id_type = make_valid_utf8 (owner->bhead.code, 2);
  g_ptr_array_add (metadata.values.tags, NULL);
  asset = g_object_new (
      TROVE_TYPE_ASSET, "file", relative_path, "source-path", trove_blend_file_get_path (l->file),
      "id-type", id_type, "name", name, "description", v->strings[0], "author", v->strings[1],
      "copyright", v->strings[2], "license", v->strings[3], "tags", v->tags->pdata, "catalog-id",
      v->catalog_id, "catalog-simple-name", v->catalog_simple_name, "preview-width",
      has_preview ? locator.width : 0, "preview-height", has_preview ? locator.height : 0,
      "file-mtime", trove_blend_source_get_mtime_usec (trove_blend_file_get_source (l->file)),
      NULL);
  if (has_preview)
    _trove_asset_set_preview_locator (asset, &locator);
  return asset;
}

/* ID types that cannot be linked from a library (IDTYPE_FLAGS_NO_LIBLINKING
 * in Blender), and linked-ID placeholders. Blender's library reader (the
 * asset browser, libraries.load()) never lists them, whatever their
 * asset_data; screens are stored under the old code SN. */
static const char *const not_linkable[] = { "ID", "LI", "KE", "IP", "SN", "SR", "WM" };

static gboolean
is_listable_id (const TroveBlendOwner *owner)
{
  const char *code = owner->bhead.code;

  if (!trove_blend_file_is_id_code (code))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (not_linkable); i++)
    if (memcmp (code, not_linkable[i], 2) == 0)
      return FALSE;
  return TRUE;
}

/**
 * _trove_blend_file_read_id:
 *
 * Reads the start of an ID block. Returns FALSE on error; *asset_data is 0
 * and *name NULL when the block is not an asset Blender would list.
 */
gboolean
_trove_blend_file_read_id (TroveBlendFile *file,
                           const TroveBlendOwner *owner,
                           guint64 *asset_data,
                           char **name,
                           GError **error)
{
  const TroveBHead *bhead = &owner->bhead;
  const IdLayout *layout;
  g_autofree guint8 *copy = NULL;
  const guint8 *prefix;

  *asset_data = 0;
  *name = NULL;
  if (!is_listable_id (owner))
    return TRUE;
  if (bhead->sdna_index == 0 || bhead->sdna_index >= trove_sdna_get_n_structs (file->sdna)
      || !(layout = get_id_layout (file, bhead->sdna_index))->valid)
    {
      _trove_blend_file_set_error (file, error, TROVE_ERROR_CORRUPT,
                                   _ ("the ID block at offset %" PRIu64 " has no valid ID struct"),
                                   bhead->offset);
      return FALSE;
    }
  if (bhead->length < layout->prefix)
    {
      _trove_blend_file_set_error (file, error, TROVE_ERROR_CORRUPT,
                                   _ ("the ID block at offset %" PRIu64 " is too short"),
                                   bhead->offset);
      return FALSE;
    }

  if (layout->prefix <= owner->prefix_length)
    prefix = file->prefixes->data + owner->prefix_offset;
  else
    {
      prefix = copy = g_malloc (layout->prefix);
      if (!trove_blend_source_read (trove_blend_file_get_source (file), bhead->data_offset, copy,
                                    layout->prefix, error))
        return FALSE;
    }

  if (layout->flag_size > 0 && file->version >= 500
      && (_trove_blend_file_decode_uint (file, prefix + layout->flag_offset, layout->flag_size)
          & ID_FLAG_LINKED_AND_PACKED))
    return TRUE; /* a packed linked ID (5.x), not a local asset */

  *asset_data = _trove_blend_file_decode_uint (file, prefix + layout->asset_data_offset,
                                               file->pointer_size);
  if (*asset_data != 0)
    *name = id_name (prefix, layout);
  if (*name == NULL)
    *asset_data = 0;
  return TRUE;
}

static void
lister_init (Lister *l, TroveBlendFile *file)
{
  l->file = file;
  _trove_blend_run_init (&l->run);
}

static void
lister_clear (Lister *l)
{
  _trove_blend_run_clear (&l->run);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Lister, lister_clear)

/**
 * trove_blend_file_list_assets:
 * @relative_path: the file's path relative to its library root, for the assets
 *
 * Lists every ID block whose asset_data is set, whatever its type.
 *
 * Returns: (transfer full) (element-type TroveAsset): the assets in file order
 */
GPtrArray *
trove_blend_file_list_assets (TroveBlendFile *self,
                              const char *relative_path,
                              GCancellable *cancellable,
                              GError **error)
{
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) read_only = NULL;
  g_auto (Lister) l = { 0 };
  TroveAssetFields editable;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (relative_path != NULL, NULL);

  editable = _trove_blend_writer_check_format (self, &read_only);

  lister_init (&l, self);
  for (guint i = 0; i < self->owners->len; i++)
    {
      const TroveBlendOwner *owner = &g_array_index (self->owners, TroveBlendOwner, i);
      g_autofree char *name = NULL;
      guint64 asset_data;
      TroveAsset *asset;

      if (!is_listable_id (owner))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!_trove_blend_file_read_id (self, owner, &asset_data, &name, error))
        return NULL;
      if (asset_data == 0)
        continue;
      asset = read_asset (&l, owner, asset_data, name, relative_path, error);
      if (asset == NULL)
        return NULL;
      _trove_asset_set_editable (asset, editable, read_only != NULL ? read_only->message : NULL);
      g_ptr_array_add (assets, asset);
    }
  return g_steal_pointer (&assets);
}

static TroveImage *
read_image (TroveBlendFile *self, guint64 offset, guint width, guint height, GError **error)
{
  gsize size = (gsize)width * height * 4;
  g_autofree guint8 *pixels = g_malloc (size);

  if (!trove_blend_source_read (self->source, offset, pixels, size, error))
    return NULL;
  /* Blender stores rows bottom-up (ImBuf order); Trove's images are top-down. */
  return trove_image_new_flipped (width, height, pixels);
}

/**
 * trove_blend_file_read_preview:
 * @id_type: the two-letter ID code, e.g. "OB"
 * @name: the data-block name without the code
 *
 * Returns: (transfer full): the asset's preview, top-down RGBA8
 */
TroveImage *
trove_blend_file_read_preview (TroveBlendFile *self,
                               const char *id_type,
                               const char *name,
                               GError **error)
{
  g_auto (Lister) l = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id_type != NULL && strlen (id_type) == 2, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  lister_init (&l, self);
  for (guint i = 0; i < self->owners->len; i++)
    {
      const TroveBlendOwner *owner = &g_array_index (self->owners, TroveBlendOwner, i);
      g_auto (TroveBlendStruct) id = { 0 };
      g_autofree char *found_name = NULL;
      TrovePreviewLocator locator = { 0 };
      gboolean found = FALSE;
      guint64 asset_data;

      if (!is_listable_id (owner) || memcmp (owner->bhead.code, id_type, 2) != 0)
        continue;
      if (!_trove_blend_file_read_id (self, owner, &asset_data, &found_name, error))
        return NULL;
      if (found_name == NULL || strcmp (found_name, name) != 0)
        continue;
      if (!read_id_run (&l, owner, &id, error) || !find_preview (&l, &id, &locator, &found, error))
        return NULL;
      if (!found)
        break;
      return read_image (self, locator.rect_offset, locator.width, locator.height, error);
    }

  _trove_blend_file_set_error (self, error, TROVE_ERROR_NOT_FOUND,
                               _ ("no asset %s “%s” with a preview"), id_type, name);
  return NULL;
}

/**
 * trove_blend_file_load_asset_preview:
 * @locator: (nullable): where the reader last saw the pixels
 *
 * Decodes an asset's preview. With a locator that still matches the file
 * (same size and modification time), only the pixels are read.
 */
TroveImage *
trove_blend_file_load_asset_preview (const char *path,
                                     const char *id_type,
                                     const char *name,
                                     const TrovePreviewLocator *locator,
                                     GCancellable *cancellable,
                                     GError **error)
{
  g_autoptr (TroveBlendFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (locator != NULL)
    {
      file = _trove_blend_file_open_header (path, error);
      if (file == NULL)
        return NULL;
      if (trove_blend_source_get_file_size (file->source) == locator->file_size
          && trove_blend_source_get_mtime_usec (file->source) == locator->file_mtime_usec)
        return read_image (file, locator->rect_offset, locator->width, locator->height, error);
      g_clear_pointer (&file, trove_blend_file_free);
    }

  file = trove_blend_file_open (path, cancellable, error);
  if (file == NULL)
    return NULL;
  return trove_blend_file_read_preview (file, id_type, name, error);
}

/**
 * trove_blend_file_load_thumbnail:
 *
 * Reads the file thumbnail (the TEST block), as Blender's thumbnailer does:
 * it must come right after the REND blocks at the start of the file.
 *
 * Returns: (transfer full): the thumbnail, top-down RGBA8
 */
TroveImage *
trove_blend_file_load_thumbnail (const char *path, GError **error)
{
  g_autoptr (TroveBlendFile) self = NULL;
  guint64 offset;
  TroveBHead bhead;

  g_return_val_if_fail (path != NULL, NULL);

  self = _trove_blend_file_open_header (path, error);
  if (self == NULL)
    return NULL;

  for (offset = self->header_size;; offset = bhead.data_offset + bhead.length)
    {
      guint8 size[8];
      guint64 w, h;

      if (!trove_blend_file_read_bhead (self, offset, &bhead, error))
        return NULL;
      if (memcmp (bhead.code, "REND", 4) == 0)
        continue;
      if (memcmp (bhead.code, "TEST", 4) != 0 || bhead.length < sizeof size)
        break;
      if (!trove_blend_source_read (self->source, bhead.data_offset, size, sizeof size, error))
        return NULL;
      w = (guint32)_trove_blend_file_decode_uint (self, size, 4);
      h = (guint32)_trove_blend_file_decode_uint (self, size + 4, 4);
      if (w == 0 || h == 0 || w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE
          || bhead.length < 8 + w * h * 4)
        {
          _trove_blend_file_set_error (
              self, error, TROVE_ERROR_CORRUPT,
              _ ("the file thumbnail is corrupt (%" PRIu64 "×%" PRIu64 " in %" PRIu64 " bytes)"), w,
              h, bhead.length);
          return NULL;
        }
      return read_image (self, bhead.data_offset + 8, (guint)w, (guint)h, error);
    }

  _trove_blend_file_set_error (self, error, TROVE_ERROR_NOT_FOUND, _ ("the file has no thumbnail"));
  return NULL;
}
