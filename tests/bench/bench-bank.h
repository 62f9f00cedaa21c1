/* bench-bank.h — realistic banks of any size for storybank-bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* Fills the empty bank @store with @n_stories stories of about 300 words in
 * the five STAR-L sections, each linked to 2–4 themes of the shipped
 * catalog and to 1–2 questions about those themes, half of them with a
 * practice history. Deterministic: the same @n_stories gives the same bank. */
gboolean bench_bank_fill (SbStore  *store,
                          guint     n_stories,
                          GError  **error);

/* A word the generated stories use often, for searches that find something. */
extern const char * const bench_bank_search_words[];

G_END_DECLS
