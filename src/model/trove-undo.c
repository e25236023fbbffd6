/* trove-undo.c: one order for the window's several undo histories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-undo.h"

static guint64 last_stamp;

/**
 * trove_undo_stamp_next:
 *
 * Returns: a stamp larger than every earlier one (never 0); main thread only
 */
guint64
trove_undo_stamp_next (void)
{
  return ++last_stamp;
}
