// « Commencer la démarche » (docs/domain.md §2.8): a new brouillon of the signed-in usager on a
// published démarche, in its default group (routing happens at the deposit), on the published form.
// On a démarche en test, its administrators and instructors file a test dossier on the draft form
// (docs/domain.md §1.1, « Dossiers de test »).
import { z } from 'zod';
import { invalidTransition, notFound } from '../../domain/errors.ts';
import { isProcedureStaff } from '../../domain/permissions.ts';
import { dossierStartOf, type ProcedureState } from '../../domain/procedure.ts';
import { computeExpiresAt } from '../../domain/retention.ts';
import { signedIn } from '../authorize.ts';
import { defineCommand } from '../command.ts';

export const CLOSED_MESSAGE = 'Cette démarche n’accepte pas de nouveaux dossiers';

export const createBrouillon = defineCommand({
  name: 'create-brouillon',
  input: z.object({ procedureId: z.coerce.string().regex(/^[0-9]{1,18}$/) }),
  authorize: signedIn,
  async run(ctx, { procedureId }) {
    const { trx, now, actor } = ctx;
    const p = await trx
      .selectFrom('procedures')
      .select(['id', 'state', 'published_revision_id', 'draft_revision_id', 'retention_months', 'expires_when_termine'])
      .where('id', '=', procedureId)
      .executeTakeFirst();
    if (!p) throw notFound('Démarche introuvable.');
    const groupes = await trx
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', p.id)
      .orderBy('is_default', 'desc')
      .orderBy('id')
      .execute();
    const staff =
      p.state === 'brouillon' &&
      isProcedureStaff(
        await ctx.access(),
        p.id,
        groupes.map((g) => g.id),
      );
    const start = dossierStartOf(p.state as ProcedureState, staff);
    const revisionId = start.ok ? (start.test ? p.draft_revision_id : p.published_revision_id) : null;
    if (!start.ok || !revisionId) throw invalidTransition(CLOSED_MESSAGE);
    const groupe = groupes[0];
    if (!groupe) throw invalidTransition(CLOSED_MESSAGE);
    const user = await trx
      .selectFrom('users')
      .select('email')
      .where('id', '=', actor.userId!)
      .executeTakeFirstOrThrow();
    const d = await trx
      .insertInto('dossiers')
      .values({
        procedure_id: p.id,
        revision_id: revisionId,
        is_test: start.test,
        groupe_id: groupe.id,
        user_id: actor.userId!,
        user_email: user.email,
        state: 'brouillon',
        created_at: now,
        updated_at: now,
        expires_at: computeExpiresAt(
          {
            state: 'brouillon',
            en_construction_at: null,
            processed_at: null,
            conservation_extension_months: 0,
            expiry_notice_sent_at: null,
          },
          p,
          { brouillonReference: now },
        ),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { dossierId: d.id };
  },
});
