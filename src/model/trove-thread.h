/* trove-thread.h: worker threads that give way to the user interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void trove_thread_make_background (void);

G_END_DECLS
