// « Enregistrer le brouillon » and its autosave (docs/domain.md §2.8): the usager's values, kept as
// long as each is well-formed (a mandatory field may stay empty); a page older than the brouillon
// (another tab, a co-editor) is refused with a conflict, never silently overwritten.
import { z } from 'zod';
import { ownsDossier } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { writeBrouillon } from './brouillon.ts';

const upload = z.object({ name: z.string(), bytes: z.instanceof(Buffer) });

export const brouillonInput = z.object({
  dossierId: z.coerce.string(),
  raw: z.record(z.string(), z.unknown()).optional(),
  uploads: z.record(z.string(), z.array(upload)).optional(),
  identity: z
    .object({
      civilite: z.string().optional(),
      nom: z.string().optional(),
      prenom: z.string().optional(),
      siret: z.string().optional(),
    })
    .optional(),
  lockVersion: z.coerce.number().int().optional(),
  only: z.string().max(100).optional(),
  /** autosave: keep what is well-formed, report the rest */
  partial: z.boolean().optional(),
});

export const saveBrouillon = defineCommand({
  name: 'save-brouillon',
  input: brouillonInput,
  authorize: ownsDossier,
  async run(ctx, input) {
    const r = await writeBrouillon(ctx, input.dossierId, input, { complete: false, partial: input.partial });
    return { lockVersion: r.lockVersion, changed: r.changed, errors: r.errors, champs: r.champs };
  },
});
