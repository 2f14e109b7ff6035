// « Proposer un rendez-vous »: a slot (date, time, duration, mode, place / phone / link) for the
// usager, who is e-mailed with an invitation (.ics, METHOD:REQUEST) and sees it on his dossier.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { loadForRendezVous, slotData, slotInput, validSlot } from './shared.ts';
import { notifyRendezVousJob } from '../../jobs/notify-rendez-vous.ts';

export const proposeRendezVous = defineCommand({
  name: 'propose-rendez-vous',
  input: z.object({ dossierId: z.coerce.string(), ...slotInput }),
  authorize: instructsDossier,
  async run(ctx, i) {
    const d = await loadForRendezVous(ctx, i.dossierId);
    const slot = validSlot({ date: i.date, time: i.time, duration: i.duration, mode: i.mode, place: i.place }, ctx.now);
    const r = await ctx.trx
      .insertInto('rendez_vous')
      .values({
        dossier_id: d.row.id,
        starts_at: slot.startsAt,
        duration_minutes: slot.durationMinutes,
        mode: slot.mode,
        place: slot.place,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.recordEvent(d.row.id, 'rendez_vous_propose', { rendez_vous_id: r.id, sequence: 0, ...slotData(slot) });
    await ctx.enqueue(notifyRendezVousJob, {
      dossierId: d.row.id,
      rendezVousId: r.id,
      kind: 'propose',
      sequence: 0,
      ...slotData(slot),
    });
    return { id: r.id, startsAt: slot.startsAt };
  },
});
