// Opening « Historique des modifications du formulaire » marks its latest revision as seen (the badge of
// the menu goes, docs/domain.md §11.3).
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';

export const markRevisionsSeen = defineCommand({
  name: 'mark-revisions-seen',
  input: z.object({
    procedureId: z.string().regex(/^[0-9]{1,18}$/),
    revisionId: z.string().regex(/^[0-9]{1,18}$/),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor }, { procedureId, revisionId }) {
    const rev = await trx
      .selectFrom('procedure_revisions')
      .select('id')
      .where('id', '=', revisionId)
      .where('procedure_id', '=', procedureId)
      .where('published_at', 'is not', null)
      .executeTakeFirst();
    if (!rev) return { changed: false };
    const r = await trx
      .insertInto('instructeur_procedures')
      .values({ user_id: actor.userId!, procedure_id: procedureId, last_revision_seen_id: rev.id })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'procedure_id'])
          .doUpdateSet({ last_revision_seen_id: rev.id })
          .where('instructeur_procedures.last_revision_seen_id', 'is distinct from', rev.id),
      )
      .executeTakeFirst();
    return { changed: Number(r.numInsertedOrUpdatedRows ?? 0) > 0 };
  },
});
