/* sb-exchange-private.h — what the parts of sb-exchange share
 *
 * Only for sb-exchange*.c; everything else uses sb-exchange.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-exchange.h"

G_BEGIN_DECLS

/* Atomically (temp file, then rename) and readable by the owner only, as
 * every export holds private stories. */
gboolean _sb_exchange_write_private_file (const char  *path,
                                          const char  *contents,
                                          gsize        length,
                                          GError     **error);

G_END_DECLS
