// « Annuler le rendez-vous »: the usager gets the cancellation (.ics METHOD:CANCEL, same UID) and
// the rendez-vous stays in the history.
import { z } from 'zod';
import { invalidTransition } from '../../domain/errors.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import { rendezVousChangeRefusal, type RdvMode } from '../../domain/rendez-vous.ts';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { loadRendezVousForUpdate, nextSequence, slotData } from './shared.ts';
import { notifyRendezVousJob } from '../../jobs/notify-rendez-vous.ts';

export const cancelRendezVous = defineCommand({
  name: 'cancel-rendez-vous',
  input: z.object({ dossierId: z.coerce.string(), rendezVousId: z.coerce.string() }),
  authorize: instructsDossier,
  async run(ctx, i) {
    // a cancellation stays possible on an archived or trashed dossier (the usager must be told)
    const d = await loadDossierForUpdate(ctx.trx, i.dossierId);
    assertInstruct(await ctx.access(), d.ref);
    const current = await loadRendezVousForUpdate(ctx, d.row.id, i.rendezVousId);
    const refusal = rendezVousChangeRefusal(current, ctx.now, 'annuler');
    if (refusal) throw invalidTransition(refusal);
    await ctx.trx.updateTable('rendez_vous').set({ cancelled_at: ctx.now }).where('id', '=', current.id).execute();
    const sequence = await nextSequence(ctx, d.row.id, current.id);
    const slot = slotData({
      startsAt: current.starts_at,
      durationMinutes: current.duration_minutes,
      mode: current.mode as RdvMode,
      place: current.place,
    });
    await ctx.recordEvent(d.row.id, 'rendez_vous_annule', { rendez_vous_id: current.id, sequence, ...slot });
    await ctx.enqueue(notifyRendezVousJob, {
      dossierId: d.row.id,
      rendezVousId: current.id,
      kind: 'annule',
      sequence,
      ...slot,
    });
    return { id: current.id, sequence };
  },
});
