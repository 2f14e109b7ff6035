import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { startFollowing, stopFollowing } from './follow.ts';

const input = z.object({ dossierId: z.coerce.string() });

/** « Suivre le dossier » */
export const followDossier = defineCommand({
  name: 'follow-dossier',
  input,
  authorize: instructsDossier,
  async run({ trx, now, actor, access, recordEvent }, { dossierId }) {
    const d = await loadDossierForUpdate(trx, dossierId);
    assertInstruct(await access(), d.ref);
    const changed = await startFollowing(trx, d.row, actor.userId!, now);
    if (changed) await recordEvent(d.row.id, 'suivi', { instructor_email: actor.email });
    return { changed };
  },
});

/** « Ne plus suivre » */
export const unfollowDossier = defineCommand({
  name: 'unfollow-dossier',
  input,
  authorize: instructsDossier,
  async run({ trx, now, actor, access, recordEvent }, { dossierId }) {
    const d = await loadDossierForUpdate(trx, dossierId);
    assertInstruct(await access(), d.ref);
    const changed = await stopFollowing(trx, d.row, actor.userId!, now);
    if (changed) await recordEvent(d.row.id, 'plus_suivi', { instructor_email: actor.email });
    return { changed };
  },
});
