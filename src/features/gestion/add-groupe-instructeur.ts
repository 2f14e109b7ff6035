// Self-management (docs/domain.md §10): an instructor adds a person to one of his groups by e-mail; the
// account is created and invited as when an administrator does it.
import { z } from 'zod';
import { emailSchema } from '../accounts/schemas.ts';
import { invitation } from '../accounts/invite-instructeur.ts';
import { defineCommand } from '../command.ts';
import { groupeIdSchema, managesGroupe } from './groupe-access.ts';

export const addGroupeInstructeur = defineCommand({
  name: 'add-groupe-instructeur',
  input: z.object({ groupeId: groupeIdSchema, email: emailSchema }),
  authorize: managesGroupe,
  async run(ctx, { groupeId, email }) {
    return invitation.run(ctx, { groupeId, email });
  },
});
