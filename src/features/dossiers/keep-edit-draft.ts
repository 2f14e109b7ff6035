// « Ajouter une ligne » / « Supprimer la ligne » of a repeated block in « Modifier le dossier »
// (docs/domain.md §2.4): nothing is deposited; the values as typed (with the row change) are kept
// under a random id so that the answer can be a redirect to the form showing them — a form answer
// that is not a redirect is refused by Turbo. Only the usager who may edit the dossier keeps one.
import crypto from 'node:crypto';
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { ownsDossier } from '../authorize.ts';
import { invalidTransition, notFound } from '../../domain/errors.ts';
import { canReadAsUsager } from '../../domain/permissions.ts';
import { canEditAsUsager } from '../../domain/usager-edit.ts';
import { loadDossierForUpdate } from './load-dossier.ts';

export const keepEditDraft = defineCommand({
  name: 'keep-edit-draft',
  input: z.object({
    dossierId: z.coerce.string(),
    values: z.record(z.string(), z.unknown()),
    lockVersion: z.coerce.number().int().optional(),
  }),
  authorize: ownsDossier,
  async run(ctx, input) {
    const d = await loadDossierForUpdate(ctx.trx, input.dossierId);
    const access = await ctx.access();
    if (!canReadAsUsager(access, d.ref)) throw notFound('Dossier introuvable.');
    const perm = canEditAsUsager(access, d.ref, d.facts);
    if (!perm.ok) throw invalidTransition(perm.reason);
    const id = crypto.randomBytes(18).toString('base64url');
    await ctx.trx
      .insertInto('edit_drafts')
      .values({
        id,
        user_id: ctx.actor.userId!,
        dossier_id: d.row.id,
        lock_version: input.lockVersion ?? null,
        values: JSON.stringify(input.values),
        created_at: ctx.now,
      })
      .execute();
    return { draftId: id };
  },
});
