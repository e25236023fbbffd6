/* trove-blend-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-blend-source.h"
#include "trove-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* Small windows: block headers are dense, but a payload larger than a window
 * (a preview, mesh data) is skipped instead of copied. */
#define WINDOW_SIZE (32 * 1024)
#define READ_CHUNK (1024 * 1024)
#define FRAME_CACHE_SLOTS 2
#define MAX_POOLED_SCRATCH 16
#define MAX_POOLED_BUFFER (8 * 1024 * 1024)
/* Frames whose stated size is this many times their compressed size are
 * decompressed by growing a buffer, not into one allocated up front. */
#define ONESHOT_RATIO_LIMIT 1024

/* Decompression never trusts a size stored in the file: buffers grow with the
 * data actually produced, and stop at a limit proportional to the compressed
 * size (Blender's own files compress roughly 3-10x), with a hard ceiling. */
#define MIN_DECOMPRESSED_LIMIT ((guint64)256 * 1024 * 1024)
#define DECOMPRESSED_RATIO_LIMIT 100
#define MAX_DECOMPRESSED_LIMIT ((guint64)4 * 1024 * 1024 * 1024)

#define ZSTD_SEEKABLE_FOOTER_MAGIC 0x8F92EAB1u
#define ZSTD_SEEKABLE_SKIPPABLE_MAGIC 0x184D2A5Eu
#define ZSTD_SEEKABLE_FOOTER_SIZE 9
#define ZSTD_SKIPPABLE_HEADER_SIZE 8

typedef struct
{
  guint index;
  gboolean valid;
  gsize length;
} FrameSlot;

/* Buffers and a zstd context reused from file to file: a scan opens thousands
 * of files, and fresh multi-megabyte buffers cost a page fault per page. */
typedef struct
{
  ZSTD_DCtx *dctx;
  guint8 *frames[FRAME_CACHE_SLOTS];
  gsize frame_capacity[FRAME_CACHE_SLOTS];
  guint8 *input;
  gsize input_capacity;
  guint8 *window;
} Scratch;

static GMutex scratch_lock;
static GPtrArray *scratch_pool;

struct _TroveBlendSource
{
  char *path;
  char *display_name;
  int fd;
  guint64 file_size;
  gint64 mtime_usec;
  TroveBlendCompression compression;
  guint64 size;

  Scratch *scratch;

  /* Plain files: one window of the file, in scratch->window. */
  guint64 window_offset;
  gsize window_length;

  /* Compressed files without a usable seek table: everything, in memory. */
  guint8 *memory;

  /* zstd with Blender's seek table: cumulative offsets, n_frames + 1 each. */
  guint n_frames;
  guint64 *frame_compressed_offsets;
  guint64 *frame_offsets;
  FrameSlot slots[FRAME_CACHE_SLOTS];
  guint next_slot;
};

static void G_GNUC_PRINTF (4, 5)
    set_error (TroveBlendSource *self, GError **error, int code, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is a file name, the second the reason it cannot be read */
  g_set_error (error, TROVE_ERROR, code, _ ("“%s”: %s"), self->display_name, reason);
}

static Scratch *
scratch_acquire (void)
{
  Scratch *scratch = NULL;

  g_mutex_lock (&scratch_lock);
  if (scratch_pool != NULL && scratch_pool->len > 0)
    scratch = g_ptr_array_steal_index_fast (scratch_pool, scratch_pool->len - 1);
  g_mutex_unlock (&scratch_lock);

  if (scratch == NULL)
    {
      scratch = g_new0 (Scratch, 1);
      scratch->dctx = ZSTD_createDCtx ();
      scratch->window = g_malloc (WINDOW_SIZE);
    }
  return scratch;
}

static void
scratch_free (Scratch *scratch)
{
  for (guint i = 0; i < FRAME_CACHE_SLOTS; i++)
    g_free (scratch->frames[i]);
  g_free (scratch->input);
  g_free (scratch->window);
  ZSTD_freeDCtx (scratch->dctx);
  g_free (scratch);
}

static void
drop_if_oversized (guint8 **buffer, gsize *capacity)
{
  if (*capacity > MAX_POOLED_BUFFER)
    {
      g_clear_pointer (buffer, g_free);
      *capacity = 0;
    }
}

static void
scratch_release (Scratch *scratch)
{
  if (scratch == NULL)
    return;

  for (guint i = 0; i < FRAME_CACHE_SLOTS; i++)
    drop_if_oversized (&scratch->frames[i], &scratch->frame_capacity[i]);
  drop_if_oversized (&scratch->input, &scratch->input_capacity);

  g_mutex_lock (&scratch_lock);
  if (scratch_pool == NULL)
    scratch_pool = g_ptr_array_new ();
  if (scratch_pool->len < MAX_POOLED_SCRATCH)
    {
      g_ptr_array_add (scratch_pool, scratch);
      scratch = NULL;
    }
  g_mutex_unlock (&scratch_lock);

  if (scratch != NULL)
    scratch_free (scratch);
}

/* Makes *buffer hold at least @size bytes; the old contents are not kept. */
static guint8 *
ensure_capacity (guint8 **buffer, gsize *capacity, gsize size)
{
  if (*capacity < size)
    {
      g_free (*buffer);
      *buffer = g_malloc (size);
      *capacity = size;
    }
  return *buffer;
}

static guint32
read_le32 (const guint8 *p)
{
  return (guint32)p[0] | ((guint32)p[1] << 8) | ((guint32)p[2] << 16) | ((guint32)p[3] << 24);
}

/* Reads exactly @length bytes at @offset of the file on disk. */
static gboolean
pread_full (TroveBlendSource *self, guint64 offset, void *dest, gsize length, GError **error)
{
  guint8 *out = dest;

  while (length > 0)
    {
      ssize_t n = pread (self->fd, out, MIN (length, (gsize)G_MAXSSIZE), (off_t)offset);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          set_error (self, error, TROVE_ERROR_TRUNCATED, _ ("read error: %s"),
                     g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        {
          set_error (self, error, TROVE_ERROR_TRUNCATED,
                     _ ("the file became shorter while it was being read"));
          return FALSE;
        }
      out += n;
      offset += (guint64)n;
      length -= (gsize)n;
    }
  return TRUE;
}

static guint64
decompressed_limit (TroveBlendSource *self)
{
  guint64 limit = MAX (MIN_DECOMPRESSED_LIMIT, self->file_size * DECOMPRESSED_RATIO_LIMIT);

  return MIN (limit, MAX_DECOMPRESSED_LIMIT);
}

/* A growable output buffer that never allocates more than twice what was produced. */
typedef struct
{
  guint8 *data;
  gsize length;
  gsize allocated;
  guint64 limit;
} OutBuffer;

static gboolean
out_buffer_reserve (TroveBlendSource *self, OutBuffer *out, gsize min_free, GError **error)
{
  gsize wanted;

  if (out->allocated - out->length >= min_free)
    return TRUE;
  if (out->length >= out->limit)
    {
      set_error (self, error, TROVE_ERROR_TOO_LARGE,
                 _ ("the decompressed data is larger than %" PRIu64 " MiB, which Trove "
                    "does not accept for a file of this size"),
                 out->limit / (1024 * 1024));
      return FALSE;
    }
  wanted = MAX (out->allocated * 2, out->length + min_free);
  wanted = MIN (wanted, (gsize)out->limit);
  out->data = g_realloc (out->data, wanted);
  out->allocated = wanted;
  return TRUE;
}

static gboolean
inflate_gzip (TroveBlendSource *self, GError **error)
{
  g_autofree guint8 *in = g_malloc (READ_CHUNK);
  OutBuffer out = { NULL, 0, 0, decompressed_limit (self) };
  z_stream z = { 0 };
  guint64 offset = 0;
  int ret = Z_OK;

  /* 16 + MAX_WBITS: gzip framing. Like Blender, stop after the first member. */
  if (inflateInit2 (&z, 16 + MAX_WBITS) != Z_OK)
    {
      set_error (self, error, TROVE_ERROR_CORRUPT, _ ("cannot start gzip decompression"));
      return FALSE;
    }

  while (ret != Z_STREAM_END)
    {
      if (z.avail_in == 0)
        {
          gsize chunk = (gsize)MIN ((guint64)READ_CHUNK, self->file_size - offset);
          if (chunk == 0)
            {
              set_error (self, error, TROVE_ERROR_TRUNCATED, _ ("the gzip data is truncated"));
              goto fail;
            }
          if (!pread_full (self, offset, in, chunk, error))
            goto fail;
          offset += chunk;
          z.next_in = in;
          z.avail_in = (uInt)chunk;
        }
      if (!out_buffer_reserve (self, &out, 64 * 1024, error))
        goto fail;
      z.next_out = out.data + out.length;
      z.avail_out = (uInt)MIN (out.allocated - out.length, (gsize)G_MAXUINT32);
      {
        uInt before = z.avail_out;
        ret = inflate (&z, Z_NO_FLUSH);
        out.length += before - z.avail_out;
      }
      if (ret != Z_OK && ret != Z_STREAM_END)
        {
          set_error (self, error, TROVE_ERROR_CORRUPT, _ ("the gzip data is corrupt (%s)"),
                     z.msg != NULL ? z.msg : "inflate");
          goto fail;
        }
    }

  inflateEnd (&z);
  self->memory = out.data;
  self->size = out.length;
  return TRUE;

fail:
  inflateEnd (&z);
  g_free (out.data);
  return FALSE;
}

/* Decompresses zstd data from the file, from @offset for @length bytes, into
 * @out. Works across frame boundaries and skips skippable frames. */
static gboolean
decompress_zstd_range (
    TroveBlendSource *self, guint64 offset, guint64 length, OutBuffer *out, GError **error)
{
  g_autofree guint8 *in = g_malloc ((gsize)MIN ((guint64)READ_CHUNK, MAX (length, 1)));
  ZSTD_inBuffer input = { in, 0, 0 };
  guint64 end = offset + length;
  size_t ret = 0;

  ZSTD_DCtx_reset (self->scratch->dctx, ZSTD_reset_session_only);

  while (offset < end || input.pos < input.size)
    {
      if (input.pos == input.size)
        {
          gsize chunk = (gsize)MIN ((guint64)READ_CHUNK, end - offset);
          if (!pread_full (self, offset, in, chunk, error))
            return FALSE;
          offset += chunk;
          input.size = chunk;
          input.pos = 0;
        }
      if (!out_buffer_reserve (self, out, ZSTD_DStreamOutSize (), error))
        return FALSE;
      {
        ZSTD_outBuffer output = { out->data, out->allocated, out->length };
        ret = ZSTD_decompressStream (self->scratch->dctx, &output, &input);
        out->length = output.pos;
      }
      if (ZSTD_isError (ret))
        {
          set_error (self, error, TROVE_ERROR_CORRUPT, _ ("the zstd data is corrupt (%s)"),
                     ZSTD_getErrorName (ret));
          return FALSE;
        }
    }

  /* ret == 0 means the last frame was complete. */
  if (ret != 0)
    {
      set_error (self, error, TROVE_ERROR_TRUNCATED, _ ("the zstd data is truncated"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
inflate_zstd_stream (TroveBlendSource *self, GError **error)
{
  OutBuffer out = { NULL, 0, 0, decompressed_limit (self) };

  if (!decompress_zstd_range (self, 0, self->file_size, &out, error))
    {
      g_free (out.data);
      return FALSE;
    }
  self->memory = out.data;
  self->size = out.length;
  return TRUE;
}

/* Blender appends a table in zstd's "seekable format". It is only trusted when
 * every check Blender makes passes (filereader_zstd.c); otherwise the caller
 * falls back to streaming, silently, as Blender does. */
static gboolean
load_seek_table (TroveBlendSource *self)
{
  guint8 footer[ZSTD_SEEKABLE_FOOTER_SIZE];
  guint8 header[ZSTD_SKIPPABLE_HEADER_SIZE];
  g_autofree guint8 *entries = NULL;
  guint64 n, entry_size, table_size, table_start, compressed = 0, decompressed = 0;

  if (self->file_size < ZSTD_SEEKABLE_FOOTER_SIZE + ZSTD_SKIPPABLE_HEADER_SIZE)
    return FALSE;
  if (!pread_full (self, self->file_size - sizeof footer, footer, sizeof footer, NULL))
    return FALSE;
  if (read_le32 (footer + 5) != ZSTD_SEEKABLE_FOOTER_MAGIC || (footer[4] & 0x60) != 0)
    return FALSE;

  n = read_le32 (footer);
  entry_size = (footer[4] & 0x80) ? 12 : 8;
  if (n == 0 || n > self->file_size / entry_size)
    return FALSE;
  table_size = n * entry_size + ZSTD_SEEKABLE_FOOTER_SIZE;
  if (table_size + ZSTD_SKIPPABLE_HEADER_SIZE > self->file_size)
    return FALSE;
  table_start = self->file_size - table_size - ZSTD_SKIPPABLE_HEADER_SIZE;

  if (!pread_full (self, table_start, header, sizeof header, NULL))
    return FALSE;
  if (read_le32 (header) != ZSTD_SEEKABLE_SKIPPABLE_MAGIC || read_le32 (header + 4) != table_size)
    return FALSE;

  entries = g_malloc ((gsize)(n * entry_size));
  if (!pread_full (self, table_start + ZSTD_SKIPPABLE_HEADER_SIZE, entries, (gsize)(n * entry_size),
                   NULL))
    return FALSE;

  self->frame_compressed_offsets = g_new (guint64, n + 1);
  self->frame_offsets = g_new (guint64, n + 1);
  for (guint64 i = 0; i < n; i++)
    {
      const guint8 *entry = entries + i * entry_size;
      self->frame_compressed_offsets[i] = compressed;
      self->frame_offsets[i] = decompressed;
      compressed += read_le32 (entry);
      decompressed += read_le32 (entry + 4);
    }
  self->frame_compressed_offsets[n] = compressed;
  self->frame_offsets[n] = decompressed;

  /* Nothing but the listed frames may precede the table. */
  if (compressed != table_start || decompressed > MAX_DECOMPRESSED_LIMIT)
    {
      g_clear_pointer (&self->frame_compressed_offsets, g_free);
      g_clear_pointer (&self->frame_offsets, g_free);
      return FALSE;
    }

  self->n_frames = (guint)n;
  self->size = decompressed;
  return TRUE;
}

static gboolean
sniff_and_prepare (TroveBlendSource *self, GError **error)
{
  guint8 magic[7] = { 0 };
  gsize n = (gsize)MIN ((guint64)sizeof magic, self->file_size);

  if (self->file_size == 0)
    {
      set_error (self, error, TROVE_ERROR_NOT_BLEND, _ ("the file is empty"));
      return FALSE;
    }
  if (!pread_full (self, 0, magic, n, error))
    return FALSE;

  if (n == 7 && memcmp (magic, "BLENDER", 7) == 0)
    {
      self->compression = TROVE_BLEND_COMPRESSION_NONE;
      self->size = self->file_size;
      return TRUE;
    }
  if (n >= 3 && magic[0] == 0x1f && magic[1] == 0x8b && magic[2] == 0x08)
    {
      self->compression = TROVE_BLEND_COMPRESSION_GZIP;
      return inflate_gzip (self, error);
    }
  if (n >= 4 && (read_le32 (magic) == 0xFD2FB528u || (read_le32 (magic) >> 4) == 0x184D2A5u))
    {
      self->compression = TROVE_BLEND_COMPRESSION_ZSTD;
      if (load_seek_table (self))
        return TRUE;
      return inflate_zstd_stream (self, error);
    }

  set_error (self, error, TROVE_ERROR_NOT_BLEND,
             _ ("not a Blender file (unrecognized file format)"));
  return FALSE;
}

/**
 * trove_blend_source_open:
 * @path: a filesystem path
 *
 * Opens a .blend file, detecting its compression. Compressed files without a
 * seek table are decompressed here, so this can take a while.
 */
TroveBlendSource *
trove_blend_source_open (const char *path, GError **error)
{
  g_autoptr (TroveBlendSource) self = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (TroveBlendSource, 1);
  self->fd = -1;
  self->scratch = scratch_acquire ();
  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);

  self->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _ ("“%s”: %s"),
                   self->display_name, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (self->fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      set_error (self, error, TROVE_ERROR_NOT_BLEND, _ ("not a regular file"));
      return NULL;
    }
  self->file_size = (guint64)st.st_size;
  self->mtime_usec = (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;

  if (!sniff_and_prepare (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
trove_blend_source_free (TroveBlendSource *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  scratch_release (self->scratch);
  g_free (self->frame_compressed_offsets);
  g_free (self->frame_offsets);
  g_free (self->memory);
  g_free (self->display_name);
  g_free (self->path);
  g_free (self);
}

const char *
trove_blend_source_get_path (TroveBlendSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

const char *
trove_blend_source_get_display_name (TroveBlendSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->display_name;
}

TroveBlendCompression
trove_blend_source_get_compression (TroveBlendSource *self)
{
  g_return_val_if_fail (self != NULL, TROVE_BLEND_COMPRESSION_NONE);
  return self->compression;
}

gboolean
trove_blend_source_is_seekable (TroveBlendSource *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->n_frames > 0;
}

guint64
trove_blend_source_get_size (TroveBlendSource *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

guint64
trove_blend_source_get_file_size (TroveBlendSource *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->file_size;
}

gint64
trove_blend_source_get_mtime_usec (TroveBlendSource *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->mtime_usec;
}

static gboolean
read_plain (TroveBlendSource *self, guint64 offset, guint8 *dest, gsize length, GError **error)
{
  /* Large reads bypass the window; small ones (block headers) share it. */
  if (length >= WINDOW_SIZE / 2)
    return pread_full (self, offset, dest, length, error);

  while (length > 0)
    {
      gsize available;

      if (offset < self->window_offset || offset >= self->window_offset + self->window_length)
        {
          self->window_offset = offset & ~(guint64)4095;
          self->window_length = (gsize)MIN ((guint64)WINDOW_SIZE, self->size - self->window_offset);
          if (!pread_full (self, self->window_offset, self->scratch->window, self->window_length,
                           error))
            {
              self->window_length = 0;
              return FALSE;
            }
        }
      available = (gsize)(self->window_offset + self->window_length - offset);
      available = MIN (available, length);
      memcpy (dest, self->scratch->window + (offset - self->window_offset), available);
      dest += available;
      offset += available;
      length -= available;
    }
  return TRUE;
}

/* Binary search for the frame holding uncompressed @offset. */
static guint
find_frame (TroveBlendSource *self, guint64 offset)
{
  guint lo = 0, hi = self->n_frames;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (self->frame_offsets[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The usual case: a Blender frame whose header states the size the seek
 * table gives, decompressed in one call into a reused buffer. */
static gboolean
decompress_frame_oneshot (
    TroveBlendSource *self, guint index, guint slot, gboolean *done, GError **error)
{
  Scratch *scratch = self->scratch;
  guint64 frame_size = self->frame_offsets[index + 1] - self->frame_offsets[index];
  guint64 compressed_size
      = self->frame_compressed_offsets[index + 1] - self->frame_compressed_offsets[index];
  guint8 *input, *output;
  size_t n;

  *done = FALSE;
  if (frame_size > compressed_size * ONESHOT_RATIO_LIMIT + 65536)
    return TRUE;

  input = ensure_capacity (&scratch->input, &scratch->input_capacity, (gsize)compressed_size);
  if (!pread_full (self, self->frame_compressed_offsets[index], input, (gsize)compressed_size,
                   error))
    return FALSE;
  if (ZSTD_getFrameContentSize (input, (size_t)compressed_size) != frame_size)
    return TRUE;

  output = ensure_capacity (&scratch->frames[slot], &scratch->frame_capacity[slot],
                            (gsize)MAX (frame_size, 1));
  n = ZSTD_decompressDCtx (scratch->dctx, output, (size_t)frame_size, input,
                           (size_t)compressed_size);
  if (ZSTD_isError (n) || n != frame_size)
    {
      set_error (self, error, TROVE_ERROR_CORRUPT, _ ("zstd frame %u is corrupt (%s)"), index,
                 ZSTD_isError (n) ? ZSTD_getErrorName (n) : _ ("wrong size"));
      return FALSE;
    }
  *done = TRUE;
  return TRUE;
}

/* Anything else: stream it, growing the buffer only as data comes out. */
static gboolean
decompress_frame_streaming (TroveBlendSource *self, guint index, guint slot, GError **error)
{
  guint64 frame_size = self->frame_offsets[index + 1] - self->frame_offsets[index];
  guint64 compressed_size
      = self->frame_compressed_offsets[index + 1] - self->frame_compressed_offsets[index];
  OutBuffer out = { NULL, 0, 0, frame_size };

  if (!decompress_zstd_range (self, self->frame_compressed_offsets[index], compressed_size, &out,
                              error))
    {
      g_free (out.data);
      return FALSE;
    }
  if (out.length != frame_size)
    {
      set_error (self, error, TROVE_ERROR_CORRUPT,
                 _ ("zstd frame %u holds %zu bytes, its seek table says %" PRIu64), index,
                 out.length, frame_size);
      g_free (out.data);
      return FALSE;
    }
  g_free (self->scratch->frames[slot]);
  self->scratch->frames[slot] = out.data;
  self->scratch->frame_capacity[slot] = out.allocated;
  return TRUE;
}

static const guint8 *
load_frame (TroveBlendSource *self, guint index, gsize *length, GError **error)
{
  FrameSlot *slot;
  guint slot_index;
  gboolean done = FALSE;

  for (guint i = 0; i < FRAME_CACHE_SLOTS; i++)
    if (self->slots[i].valid && self->slots[i].index == index)
      {
        *length = self->slots[i].length;
        return self->scratch->frames[i];
      }

  slot_index = self->next_slot;
  self->next_slot = (self->next_slot + 1) % FRAME_CACHE_SLOTS;
  slot = &self->slots[slot_index];
  slot->valid = FALSE;

  if (!decompress_frame_oneshot (self, index, slot_index, &done, error))
    return NULL;
  if (!done && !decompress_frame_streaming (self, index, slot_index, error))
    return NULL;

  slot->valid = TRUE;
  slot->index = index;
  slot->length = (gsize)(self->frame_offsets[index + 1] - self->frame_offsets[index]);
  *length = slot->length;
  return self->scratch->frames[slot_index];
}

static gboolean
read_frames (TroveBlendSource *self, guint64 offset, guint8 *dest, gsize length, GError **error)
{
  while (length > 0)
    {
      guint index = find_frame (self, offset);
      gsize frame_length = 0;
      const guint8 *frame = load_frame (self, index, &frame_length, error);
      guint64 in_frame;
      gsize available;

      if (frame == NULL)
        return FALSE;
      in_frame = offset - self->frame_offsets[index];
      available = (gsize)MIN ((guint64)length, frame_length - in_frame);
      memcpy (dest, frame + in_frame, available);
      dest += available;
      offset += available;
      length -= available;
    }
  return TRUE;
}

/**
 * trove_blend_source_read_max:
 *
 * Reads up to @length bytes at @offset of the uncompressed stream, fewer at
 * the end of the stream.
 *
 * Returns: the number of bytes read, 0 on error (with @error set) or at the end
 */
gsize
trove_blend_source_read_max (
    TroveBlendSource *self, guint64 offset, void *dest, gsize length, GError **error)
{
  g_return_val_if_fail (self != NULL, 0);

  if (offset >= self->size)
    return 0;
  length = (gsize)MIN ((guint64)length, self->size - offset);
  if (!trove_blend_source_read (self, offset, dest, length, error))
    return 0;
  return length;
}

/**
 * trove_blend_source_read:
 *
 * Reads exactly @length bytes at @offset of the uncompressed stream; a range
 * past the end is an error (%TROVE_ERROR_TRUNCATED).
 */
gboolean
trove_blend_source_read (
    TroveBlendSource *self, guint64 offset, void *dest, gsize length, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dest != NULL || length == 0, FALSE);

  if (offset > self->size || length > self->size - offset)
    {
      set_error (self, error, TROVE_ERROR_TRUNCATED,
                 _ ("the file is truncated: %zu bytes at offset %" PRIu64
                    " lie beyond its end (%" PRIu64 " bytes)"),
                 length, offset, self->size);
      return FALSE;
    }
  if (length == 0)
    return TRUE;

  if (self->memory != NULL)
    {
      memcpy (dest, self->memory + offset, length);
      return TRUE;
    }
  if (self->n_frames > 0)
    return read_frames (self, offset, dest, length, error);
  return read_plain (self, offset, dest, length, error);
}
