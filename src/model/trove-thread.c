/* trove-thread.c
 *
 * Scanning and preview decoding keep every core busy. On a machine with few
 * cores the main thread then gets only its share of the CPU, and frames of
 * the window wait tens of milliseconds behind file reads. A worker thread
 * lowers its own scheduling priority, so the main thread runs whenever it
 * has work and the workers still get every cycle it leaves idle.
 *
 * A lowered priority cannot be raised again without privileges, so only
 * threads the caller owns for good (exclusive pools, g_thread_new) may call
 * this: a thread shared with GLib's other pools would stay lowered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-thread.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* As GLib's own G_THREAD_PRIORITY_LOW once did; 10 is what `nice` uses. */
#define BACKGROUND_NICE 10

/**
 * trove_thread_make_background:
 *
 * Lowers the calling thread's scheduling priority, once per thread. Only
 * Linux schedules threads by their own nice value; elsewhere this does
 * nothing.
 */
void
trove_thread_make_background (void)
{
#ifdef __linux__
  static _Thread_local gboolean done;
  pid_t tid;

  if (done)
    return;
  done = TRUE;
  tid = (pid_t)syscall (SYS_gettid);
  /* Failure (a sandbox forbidding it) only costs responsiveness. */
  if (getpriority (PRIO_PROCESS, (id_t)tid) < BACKGROUND_NICE)
    (void)setpriority (PRIO_PROCESS, (id_t)tid, BACKGROUND_NICE);
#endif
}
