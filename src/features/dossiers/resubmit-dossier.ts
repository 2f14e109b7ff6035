// The usager answers a correction request (or simply updates his dossier) while it is en
// construction: the form's values are validated like at deposit (domain parseChamps, French
// messages per field), saved, and the modifications are deposited (transition 'redeposer': the
// pending correction is resolved and the followers get a « dossier modifié » badge). When an answer
// the routing rules read has changed, the dossier then moves to the group the rules now give, with
// the réaffectation's effects (docs/domain.md §10) — unless an instructor forced its group.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { ownsDossier } from '../authorize.ts';
import { invalidTransition, notFound } from '../../domain/errors.ts';
import type { FieldDef } from '../../domain/fields/index.ts';
import { canReadAsUsager } from '../../domain/permissions.ts';
import { canEditAsUsager } from '../../domain/usager-edit.ts';
import { refreshSearchTerms } from '../work-list/refresh-search-terms.ts';
import { applyFormValues } from './champs-input.ts';
import { loadDossierForUpdate } from './load-dossier.ts';
import { discardStored, type StoredFile } from '../files/store-file.ts';
import { applyTransition } from '../instruction/transition.ts';
import { moveDossierToGroupe, routingMove } from '../reassignment/move-dossier.ts';

const upload = z.object({ name: z.string(), bytes: z.instanceof(Buffer) });

export const resubmitDossier = defineCommand({
  name: 'resubmit-dossier',
  input: z.object({
    dossierId: z.coerce.string(),
    raw: z.record(z.string(), z.unknown()),
    uploads: z.record(z.string(), z.array(upload)).optional(),
    lockVersion: z.coerce.number().int().optional(),
  }),
  authorize: ownsDossier,
  async run(ctx, input) {
    const d = await loadDossierForUpdate(ctx.trx, input.dossierId);
    const access = await ctx.access();
    if (!canReadAsUsager(access, d.ref)) throw notFound('Dossier introuvable.');
    const perm = canEditAsUsager(access, d.ref, d.facts);
    if (!perm.ok) throw invalidTransition(perm.reason);
    const stored: StoredFile[] = [];
    try {
      const rev = await ctx.trx
        .selectFrom('procedure_revisions')
        .select('fields')
        .where('id', '=', d.row.revision_id)
        .executeTakeFirstOrThrow();
      const { champs, changed } = await applyFormValues(ctx, stored, {
        dossierId: d.row.id,
        defs: (rev.fields ?? []) as FieldDef[],
        previous: d.row.champs ?? {},
        raw: input.raw,
        uploads: input.uploads,
        origin: 'champ',
      });
      if (changed.length) {
        await ctx.trx
          .updateTable('dossiers')
          .set({ champs: JSON.stringify(champs), last_champ_updated_at: ctx.now })
          .where('id', '=', d.row.id)
          .execute();
        await refreshSearchTerms(ctx.trx, [d.row.id]);
      }
      await applyTransition(ctx, {
        dossierId: d.row.id,
        action: 'redeposer',
        actorKind: 'usager',
        expectedLockVersion: input.lockVersion,
      });
      const move = await routingMove(ctx.trx, d.row.id);
      if (move) {
        const current = await ctx.trx
          .selectFrom('dossiers')
          .select(['id', 'procedure_id', 'lock_version'])
          .where('id', '=', d.row.id)
          .executeTakeFirstOrThrow();
        await moveDossierToGroupe(ctx, { dossier: current, ...move, mode: 'routing' });
      }
      return { changed, movedTo: move?.to.label ?? null };
    } catch (e) {
      await discardStored(ctx.app, stored);
      throw e;
    }
  },
});
