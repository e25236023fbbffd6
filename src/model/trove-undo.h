/* trove-undo.h: one order for the window's several undo histories
 *
 * Catalog edits and metadata edits keep separate histories; Ctrl+Z undoes
 * whichever edit was made last. Each history entry takes a stamp from this
 * one counter, so the window can compare them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint64 trove_undo_stamp_next (void);

G_END_DECLS
