// Shared by the rendez-vous commands: the dossier (locked), the procedure's option, the checks.
import { z } from 'zod';
import type { CommandContext } from '../command.ts';
import { invalidInput, invalidTransition, notFound } from '../../domain/errors.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import {
  rendezVousRefusal,
  validateRendezVous,
  type RendezVousInput,
  type RendezVousSlot,
} from '../../domain/rendez-vous.ts';
import { loadDossierForUpdate, type LoadedDossier } from '../dossiers/load-dossier.ts';

export const slotInput = {
  date: z.string().max(40).default(''),
  time: z.string().max(40).default(''),
  duration: z.union([z.string().max(10), z.number()]).default(''),
  mode: z.string().max(40).default(''),
  place: z.string().max(5000).default(''),
};

/** Loads the dossier for a rendez-vous change; not_found unless the actor instructs it. */
export async function loadForRendezVous(ctx: CommandContext, dossierId: string): Promise<LoadedDossier> {
  const d = await loadDossierForUpdate(ctx.trx, dossierId);
  assertInstruct(await ctx.access(), d.ref);
  const p = await ctx.trx
    .selectFrom('procedures')
    .select('rdv_enabled')
    .where('id', '=', d.row.procedure_id)
    .executeTakeFirstOrThrow();
  const refusal = rendezVousRefusal(d.facts, p.rdv_enabled);
  if (refusal) throw invalidTransition(refusal);
  return d;
}

export function validSlot(input: RendezVousInput, now: Date): RendezVousSlot {
  const v = validateRendezVous(input, now);
  if (!v.ok) throw invalidInput(Object.values(v.errors)[0], v.errors);
  return v.value;
}

/** The rendez-vous of this dossier, locked; not_found otherwise (ids from URLs). */
export async function loadRendezVousForUpdate(ctx: CommandContext, dossierId: string, rendezVousId: string) {
  if (!/^[0-9]{1,18}$/.test(rendezVousId)) throw notFound('Rendez-vous introuvable.');
  const r = await ctx.trx
    .selectFrom('rendez_vous')
    .selectAll()
    .where('id', '=', rendezVousId)
    .where('dossier_id', '=', dossierId)
    .forUpdate()
    .executeTakeFirst();
  if (!r) throw notFound('Rendez-vous introuvable.');
  return r;
}

/** The iCalendar SEQUENCE of the next version of a rendez-vous (0 for the proposal). */
export async function nextSequence(ctx: CommandContext, dossierId: string, rendezVousId: string): Promise<number> {
  const events = await ctx.trx
    .selectFrom('dossier_events')
    .select('data')
    .where('dossier_id', '=', dossierId)
    .where('type', 'in', ['rendez_vous_modifie', 'rendez_vous_annule'])
    .execute();
  const seqs = events
    .filter((e) => String(e.data.rendez_vous_id) === rendezVousId)
    .map((e) => Number(e.data.sequence) || 0);
  return (seqs.length ? Math.max(...seqs) : 0) + 1;
}

export function slotData(s: RendezVousSlot) {
  return { starts_at: s.startsAt.toISOString(), duration_minutes: s.durationMinutes, mode: s.mode, place: s.place };
}
