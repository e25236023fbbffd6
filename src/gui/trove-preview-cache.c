/* trove-preview-cache.c
 *
 * Tiles ask for previews as they are bound, and withdraw the request when
 * they are unbound (scrolling fast, or the grid reshuffling while a library
 * loads, binds thousands of tiles briefly). The newest request is decoded
 * first (the tiles the user is looking at now), on a small pool of worker
 * threads. Decoded textures stay in an LRU bounded in bytes, so memory follows
 * what was looked at, not the size of the library. Results come back on the
 * main thread through the "loaded" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-preview-cache.h"
#include "trove-thread.h"

#define N_WORKERS 2

typedef struct
{
  TroveAsset *asset;
  GdkTexture *texture; /* NULL: no preview, or it could not be read */
  gsize bytes;
  GList *link; /* in lru, most recent at the head */
} Entry;

typedef struct
{
  TrovePreviewReadyFunc ready;
  gpointer user_data;
} Waiter;

/* What a result needs to find its cache. Workers hold it, not the cache:
 * taking a reference (or a weak one) on a GObject from a worker races
 * with its finalization on the main thread. */
typedef struct
{
  gatomicrefcount ref;
  TrovePreviewCache *cache; /* NULL once finalized; main thread only */
} Owner;

typedef struct
{
  Owner *owner;
  TroveAsset *asset;
  GdkTexture *texture;
  guint generation;
} Result;

struct _TrovePreviewCache
{
  GObject parent_instance;

  gsize max_bytes;
  gsize bytes;
  GHashTable *entries; /* TroveAsset* -> Entry* */
  GQueue lru;

  GThreadPool *pool;
  GMutex lock;
  GQueue requests;     /* TroveAsset* (reffed); newest at the head */
  GHashTable *pending; /* TroveAsset* -> its link in requests, or NULL while
                        * it is decoded; under lock. Tiles cancel often: no
                        * searching the queue. */
  GHashTable *waiters; /* TroveAsset* -> GArray of Waiter, main thread only */
  guint generation;    /* bumped by clear(), under lock */
  Owner *owner;
};

G_DEFINE_FINAL_TYPE (TrovePreviewCache, trove_preview_cache, G_TYPE_OBJECT)

enum
{
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->texture);
  g_object_unref (entry->asset);
  g_free (entry);
}

static GdkTexture *
decode (TroveAsset *asset)
{
  g_autoptr (TroveImage) image = NULL;
  g_autoptr (GError) error = NULL;

  if (!trove_asset_has_preview (asset))
    return NULL;
  image = trove_asset_load_preview (asset, NULL, &error);
  if (image == NULL)
    {
      g_debug ("No preview for %s: %s", trove_asset_get_name (asset), error->message);
      return NULL;
    }
  /* Blender's previews are straight (not premultiplied) RGBA. */
  return gdk_memory_texture_new ((int)trove_image_get_width (image),
                                 (int)trove_image_get_height (image), GDK_MEMORY_R8G8B8A8,
                                 trove_image_get_pixels (image), trove_image_get_stride (image));
}

static void
evict (TrovePreviewCache *self)
{
  while (self->bytes > self->max_bytes && self->lru.length > 1)
    {
      Entry *oldest = g_queue_pop_tail (&self->lru);
      self->bytes -= oldest->bytes;
      g_hash_table_remove (self->entries, oldest->asset);
    }
}

static void
store (TrovePreviewCache *self, TroveAsset *asset, GdkTexture *texture)
{
  Entry *existing = g_hash_table_lookup (self->entries, asset);
  Entry *entry;

  /* A preview requested again while it was being decoded comes back twice. */
  if (existing != NULL)
    {
      g_queue_delete_link (&self->lru, existing->link);
      self->bytes -= existing->bytes;
      g_hash_table_remove (self->entries, asset);
    }

  entry = g_new0 (Entry, 1);
  entry->asset = g_object_ref (asset);
  entry->texture = texture != NULL ? g_object_ref (texture) : NULL;
  entry->bytes = texture != NULL ? (gsize)gdk_texture_get_width (texture)
                                       * (gsize)gdk_texture_get_height (texture) * 4
                                 : 0;
  g_queue_push_head (&self->lru, entry);
  entry->link = self->lru.head;
  g_hash_table_replace (self->entries, asset, entry);
  self->bytes += entry->bytes;
  evict (self);
}

static Owner *
owner_ref (Owner *owner)
{
  g_atomic_ref_count_inc (&owner->ref);
  return owner;
}

static void
owner_unref (Owner *owner)
{
  if (g_atomic_ref_count_dec (&owner->ref))
    g_free (owner);
}

static gboolean
deliver (gpointer data)
{
  Result *result = data;
  TrovePreviewCache *self = result->owner->cache;

  if (self != NULL && result->generation == self->generation)
    {
      g_autoptr (GArray) waiters = NULL;

      store (self, result->asset, result->texture);
      g_hash_table_steal_extended (self->waiters, result->asset, NULL, (gpointer *)&waiters);
      for (guint i = 0; waiters != NULL && i < waiters->len; i++)
        {
          Waiter *waiter = &g_array_index (waiters, Waiter, i);
          waiter->ready (result->asset, result->texture, waiter->user_data);
        }
      g_signal_emit (self, signals[LOADED], 0, result->asset, result->texture);
    }
  return G_SOURCE_REMOVE;
}

static void
result_free (Result *result)
{
  owner_unref (result->owner);
  g_clear_object (&result->texture);
  g_object_unref (result->asset);
  g_free (result);
}

/* A worker takes the newest request, not the one it was woken for. */
static void
work (gpointer data, gpointer user_data)
{
  TrovePreviewCache *self = user_data;
  Result *result;
  TroveAsset *asset;
  guint generation;

  trove_thread_make_background ();
  g_mutex_lock (&self->lock);
  asset = g_queue_pop_head (&self->requests);
  if (asset != NULL)
    g_hash_table_insert (self->pending, asset, NULL);
  generation = self->generation;
  g_mutex_unlock (&self->lock);
  if (asset == NULL)
    return;

  result = g_new0 (Result, 1);
  result->asset = asset;
  result->generation = generation;
  result->texture = decode (asset);
  result->owner = owner_ref (self->owner);

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->pending, asset);
  g_mutex_unlock (&self->lock);

  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, deliver, result,
                              (GDestroyNotify)result_free);
}

static void
trove_preview_cache_finalize (GObject *object)
{
  TrovePreviewCache *self = (TrovePreviewCache *)object;

  trove_preview_cache_clear (self);
  /* Waits for running decodes, which still read the fields of self. */
  g_thread_pool_free (self->pool, TRUE, TRUE);
  /* Results still on their way to the main loop find no cache. */
  self->owner->cache = NULL;
  g_clear_pointer (&self->owner, owner_unref);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->waiters);
  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (trove_preview_cache_parent_class)->finalize (object);
}

static void
trove_preview_cache_class_init (TrovePreviewCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trove_preview_cache_finalize;

  /**
   * TrovePreviewCache::loaded:
   * @texture: (nullable): the preview, or %NULL when the asset has none
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 2, TROVE_TYPE_ASSET, GDK_TYPE_TEXTURE);
}

static void
trove_preview_cache_init (TrovePreviewCache *self)
{
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)entry_free);
  self->pending = g_hash_table_new (NULL, NULL);
  self->waiters = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_array_unref);
  g_mutex_init (&self->lock);
  g_queue_init (&self->lru);
  g_queue_init (&self->requests);
  self->owner = g_new0 (Owner, 1);
  g_atomic_ref_count_init (&self->owner->ref);
  self->owner->cache = self;
  /* Exclusive threads: they lower their priority (trove-thread.c). */
  self->pool = g_thread_pool_new (work, self, N_WORKERS, TRUE, NULL);
}

TrovePreviewCache *
trove_preview_cache_new (gsize max_bytes)
{
  TrovePreviewCache *self = g_object_new (TROVE_TYPE_PREVIEW_CACHE, NULL);

  self->max_bytes = max_bytes;
  return self;
}

/**
 * trove_preview_cache_lookup:
 *
 * Returns: (transfer none) (nullable): the decoded preview, if it is cached
 */
GdkTexture *
trove_preview_cache_lookup (TrovePreviewCache *self, TroveAsset *asset)
{
  Entry *entry;

  g_return_val_if_fail (TROVE_IS_PREVIEW_CACHE (self), NULL);
  g_return_val_if_fail (TROVE_IS_ASSET (asset), NULL);

  entry = g_hash_table_lookup (self->entries, asset);
  if (entry == NULL)
    return NULL;
  g_queue_unlink (&self->lru, entry->link);
  g_queue_push_head_link (&self->lru, entry->link);
  return entry->texture;
}

static void
add_waiter (TrovePreviewCache *self,
            TroveAsset *asset,
            TrovePreviewReadyFunc ready,
            gpointer user_data)
{
  GArray *waiters = g_hash_table_lookup (self->waiters, asset);
  Waiter waiter = { ready, user_data };

  if (ready == NULL)
    return;
  if (waiters == NULL)
    {
      waiters = g_array_new (FALSE, FALSE, sizeof (Waiter));
      g_hash_table_insert (self->waiters, asset, waiters);
    }
  g_array_append_val (waiters, waiter);
}

/**
 * trove_preview_cache_request:
 * @ready: (nullable): called on the main thread once the preview is decoded
 *
 * Queues @asset's preview for decoding unless it is cached or queued. The
 * answer comes through @ready (until trove_preview_cache_cancel()) and
 * #TrovePreviewCache::loaded; when it is already cached (another view asked
 * for it since the caller last looked), @ready is called at once.
 */
void
trove_preview_cache_request (TrovePreviewCache *self,
                             TroveAsset *asset,
                             TrovePreviewReadyFunc ready,
                             gpointer user_data)
{
  gboolean queued;
  GList *link = NULL;
  Entry *entry;

  g_return_if_fail (TROVE_IS_PREVIEW_CACHE (self));
  g_return_if_fail (TROVE_IS_ASSET (asset));

  if (!trove_asset_has_preview (asset))
    return;
  entry = g_hash_table_lookup (self->entries, asset);
  if (entry != NULL)
    {
      if (ready != NULL)
        ready (asset, entry->texture, user_data);
      return;
    }
  add_waiter (self, asset, ready, user_data);

  g_mutex_lock (&self->lock);
  queued = g_hash_table_lookup_extended (self->pending, asset, NULL, (gpointer *)&link);
  if (!queued)
    {
      g_queue_push_head (&self->requests, g_object_ref (asset));
      g_hash_table_insert (self->pending, asset, self->requests.head);
    }
  else if (link != NULL)
    {
      /* Already queued: move it to the front, it is wanted again now. */
      g_queue_unlink (&self->requests, link);
      g_queue_push_head_link (&self->requests, link);
    }
  g_mutex_unlock (&self->lock);

  if (!queued)
    g_thread_pool_push (self->pool, GINT_TO_POINTER (1), NULL);
}

/**
 * trove_preview_cache_cancel:
 *
 * Withdraws @user_data's interest in @asset's preview. When nobody waits for
 * it any more and its decoding has not started, it is dropped from the queue.
 */
void
trove_preview_cache_cancel (TrovePreviewCache *self, TroveAsset *asset, gpointer user_data)
{
  GArray *waiters;
  GList *link;

  g_return_if_fail (TROVE_IS_PREVIEW_CACHE (self));

  waiters = g_hash_table_lookup (self->waiters, asset);
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    if (g_array_index (waiters, Waiter, i).user_data == user_data)
      {
        g_array_remove_index_fast (waiters, i);
        break;
      }
  if (waiters != NULL && waiters->len > 0)
    return;
  g_hash_table_remove (self->waiters, asset);

  g_mutex_lock (&self->lock);
  link = g_hash_table_lookup (self->pending, asset);
  if (link != NULL)
    {
      g_queue_delete_link (&self->requests, link);
      g_hash_table_remove (self->pending, asset);
      g_object_unref (asset);
    }
  g_mutex_unlock (&self->lock);
}

/* Forgets every preview and every queued request (another library is shown). */
void
trove_preview_cache_clear (TrovePreviewCache *self)
{
  g_return_if_fail (TROVE_IS_PREVIEW_CACHE (self));

  g_mutex_lock (&self->lock);
  self->generation++;
  g_queue_clear_full (&self->requests, g_object_unref);
  g_hash_table_remove_all (self->pending);
  g_mutex_unlock (&self->lock);

  g_hash_table_remove_all (self->waiters);
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->entries);
  self->bytes = 0;
}

guint
trove_preview_cache_get_n_pending (TrovePreviewCache *self)
{
  guint n;

  g_return_val_if_fail (TROVE_IS_PREVIEW_CACHE (self), 0);

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->pending);
  g_mutex_unlock (&self->lock);
  return n;
}
