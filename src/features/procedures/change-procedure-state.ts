// « Clore » (with an optional text pointing to another démarche), « Dépublier », « Réactiver »
// (docs/domain.md §1.1). A closed or unpublished procedure takes no new dossier; its dossiers stay
// instructable.
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { nextProcedureState, type ProcedureState } from '../../domain/procedure.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const changeProcedureState = defineCommand({
  name: 'change-procedure-state',
  input: z.object({
    procedureId,
    action: z.enum(['clore', 'depublier', 'reactiver']),
    closingMessage: z.string().max(2000, 'Le message ne doit pas dépasser 2 000 caractères.').default(''),
  }),
  authorize: administersProcedure,
  async run({ trx, now }, { procedureId, action, closingMessage }) {
    const p = await trx
      .selectFrom('procedures')
      .select(['state', 'closes_at'])
      .where('id', '=', procedureId)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound('Démarche introuvable.');
    const state = nextProcedureState(p.state as ProcedureState, action);
    await trx
      .updateTable('procedures')
      .set({
        state,
        closed_at: action === 'clore' ? now : null,
        ...(action === 'clore' ? { closing_message: closingMessage.trim() } : {}),
        // a reactivated procedure whose closing date has passed would be closed again at once
        ...(action === 'reactiver' && p.closes_at && p.closes_at <= now ? { closes_at: null } : {}),
      })
      .where('id', '=', procedureId)
      .execute();
    return { state };
  },
});
