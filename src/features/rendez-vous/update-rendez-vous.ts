// « Modifier le rendez-vous »: a new slot for the same rendez-vous; the usager gets the updated
// invitation (same UID, higher SEQUENCE) so that his calendar moves it.
import { z } from 'zod';
import { invalidTransition } from '../../domain/errors.ts';
import { rendezVousChangeRefusal } from '../../domain/rendez-vous.ts';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { loadForRendezVous, loadRendezVousForUpdate, nextSequence, slotData, slotInput, validSlot } from './shared.ts';
import { notifyRendezVousJob } from '../../jobs/notify-rendez-vous.ts';

export const updateRendezVous = defineCommand({
  name: 'update-rendez-vous',
  input: z.object({ dossierId: z.coerce.string(), rendezVousId: z.coerce.string(), ...slotInput }),
  authorize: instructsDossier,
  async run(ctx, i) {
    const d = await loadForRendezVous(ctx, i.dossierId);
    const current = await loadRendezVousForUpdate(ctx, d.row.id, i.rendezVousId);
    const refusal = rendezVousChangeRefusal(current, ctx.now, 'modifier');
    if (refusal) throw invalidTransition(refusal);
    const slot = validSlot({ date: i.date, time: i.time, duration: i.duration, mode: i.mode, place: i.place }, ctx.now);
    await ctx.trx
      .updateTable('rendez_vous')
      .set({ starts_at: slot.startsAt, duration_minutes: slot.durationMinutes, mode: slot.mode, place: slot.place })
      .where('id', '=', current.id)
      .execute();
    const sequence = await nextSequence(ctx, d.row.id, current.id);
    await ctx.recordEvent(d.row.id, 'rendez_vous_modifie', {
      rendez_vous_id: current.id,
      sequence,
      ...slotData(slot),
      before: {
        starts_at: current.starts_at.toISOString(),
        duration_minutes: current.duration_minutes,
        mode: current.mode,
        place: current.place,
      },
    });
    await ctx.enqueue(notifyRendezVousJob, {
      dossierId: d.row.id,
      rendezVousId: current.id,
      kind: 'modifie',
      sequence,
      ...slotData(slot),
    });
    return { id: current.id, sequence };
  },
});
