/* sb-example.c — the example story a new bank opens with
 *
 * The first open of a bank shows one strong story so a person sees the
 * shape of a good answer before writing their own. It lives in the core,
 * not in the window: it is data and a rule about the bank (only once, ever),
 * and the tests check it against the coach's own checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-example"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-example.h"

/* Set in the bank's meta table once the example was offered. */
#define EXAMPLE_SEEDED_KEY "example-seeded"

/* Written for Storybank: a senior backend engineer's production incident,
 * told the way the editor's hints ask for. */
static const char *example_fields[SB_STORY_N_FIELDS] = {
  [SB_STORY_FIELD_TITLE] =
    /* Translators: the title of the example story a new bank starts with.
     * Tell the story as a native speaker would in an interview: the coach
     * checks it (the Action the longest part, "I" rather than "we", a
     * Result with figures), so keep the figures and the first person. */
    N_("Example: Stopping a checkout outage during the biggest sale of the year"),
  [SB_STORY_FIELD_SITUATION] =
    /* Translators: the example story's Situation */
    N_("I was a senior backend engineer on the payments team of an online retailer. "
       "Forty minutes into our largest annual sale, checkout errors jumped from 0.2% to 18%, "
       "and the order queue started backing up."),
  [SB_STORY_FIELD_TASK] =
    /* Translators: the example story's Task */
    N_("I was the incident lead that night. My job was to stop customers losing orders, "
       "find the cause, and keep support and leadership informed without pulling engineers "
       "off the fix."),
  [SB_STORY_FIELD_ACTION] =
    /* Translators: the example story's Action: keep it its longest part */
    N_("I split the response into two tracks. I asked one engineer to scale the checkout "
       "workers from 12 to 40 instances to buy time, and I went through the queue metrics "
       "myself. I saw that retries had tripled right after a deploy that lowered a database "
       "connection timeout, so every retry held a connection and starved new requests. "
       "I rolled that deploy back, watched the connection pool recover within four minutes, "
       "and then replayed the 2,300 failed orders in batches, checking each batch against "
       "the payment provider so nobody was charged twice. Every fifteen minutes I posted a "
       "short update for support saying what to tell customers."),
  [SB_STORY_FIELD_RESULT] =
    /* Translators: the example story's Result: keep the figures */
    N_("Errors fell back under 0.5% within 22 minutes of the rollback. We recovered all "
       "2,300 orders, about $410,000 in sales, with no duplicate charges, and the sale "
       "closed 6% above its target."),
  [SB_STORY_FIELD_LEARNING] =
    /* Translators: the example story's Learning */
    N_("I learned that an unbounded retry policy can turn a small slowdown into an outage. "
       "Afterwards I added a retry budget and a connection-pool alert to our service "
       "template, and I now ask for a load test on any change to connection settings before "
       "a peak event. Six teams adopted the template within a quarter."),
  [SB_STORY_FIELD_NOTES] =
    /* Translators: the example story's notes, on why it works */
    N_("Why this works: one clear situation, a task that was yours, an Action that is the "
       "longest part and says “I”, a Result with numbers, and a Learning you acted on. "
       "Expect follow-ups such as “How did you find the deploy?” and “What would you do "
       "differently?”. Delete this example whenever you like."),
};

/* The themes the example shows, by slug so a renamed theme still matches;
 * one the bank does not have is skipped. */
static const struct {
  const char *slug;
  SbStrength  strength;
} example_themes[] = {
  { "core-production-incident", SB_STRENGTH_PRIMARY },
  { "lp-ownership",             SB_STRENGTH_PRIMARY },
  { "lp-dive-deep",             SB_STRENGTH_SECONDARY },
  { "core-tight-deadline",      SB_STRENGTH_SECONDARY },
};

SbStory *
sb_example_seed (SbStore  *store,
                 GError  **error)
{
  SbDatabase *db;
  g_autofree char *seeded = NULL;
  g_autoptr(SbStory) story = NULL;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  db = sb_store_get_database (store);
  seeded = sb_database_get_meta (db, EXAMPLE_SEEDED_KEY);
  if (seeded != NULL)
    return NULL;

  /* Only a bank opened for the first time gets the example; one that already
   * holds stories is only marked, so a deleted example never comes back. */
  if (sb_store_get_n_stories (store) == 0)
    {
      story = sb_story_new ();
      /* The cue card is left for the person to write (or draft). */
      for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
        if (example_fields[f] != NULL)
          sb_story_set_field (story, f, _(example_fields[f]));
      sb_story_set_is_example (story, TRUE);
      sb_story_set_status (story, SB_STORY_STATUS_READY);
      if (!sb_store_insert_story (store, story, error))
        return NULL;
      for (guint i = 0; i < G_N_ELEMENTS (example_themes); i++)
        if (sb_store_find_theme (store, example_themes[i].slug) != NULL &&
            !sb_store_set_story_theme (store, story, example_themes[i].slug,
                                       example_themes[i].strength, error))
          return NULL;
    }

  if (!sb_database_set_meta (db, EXAMPLE_SEEDED_KEY, "1", error))
    return NULL;
  return g_steal_pointer (&story);
}
