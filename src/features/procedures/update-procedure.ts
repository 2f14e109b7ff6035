// « Modifier la description » of a procedure (docs/domain.md §1.1): title, description, organisation
// and contact, public (individuals or companies), public link (while never published, unique),
// closing date, retention, declarative mode and options. Checked by the domain; the version the
// administrator saw must still be the current one (no silent overwrite by a colleague).
import { recomputeExpiryJob } from '../../jobs/recompute-expiry.ts';
import { sql } from 'kysely';
import { z } from 'zod';
import { conflict, invalidInput, notFound } from '../../domain/errors.ts';
import { canEditSlug, settingsErrors } from '../../domain/procedure.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

/** The local date in Paris, 'YYYY-MM-DD'. */
export function parisDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
}

/** The end of a Paris day (the procedure closes once that day is over). */
export function endOfParisDay(day: string): Date {
  const guess = new Date(`${day}T23:59:59Z`);
  const local = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Paris' }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (local.getTime() - utc.getTime()));
}

export const settingsSchema = z.object({
  title: z.string().max(1000),
  description: z.string().max(20_000),
  service_name: z.string().max(500),
  service_address: z.string().max(1000),
  contact_email: z.string().max(500),
  contact_phone: z.string().max(100),
  contact_hours: z.string().max(1000),
  for_individual: z.boolean(),
  slug: z.string().max(200),
  closes_on: z.string().max(20),
  retention_months: z.number(),
  declarative: z.enum(['none', 'en_instruction', 'accepte']),
  rdv_enabled: z.boolean(),
  allow_expert_review: z.boolean(),
  allow_expert_messaging: z.boolean(),
  instructeurs_self_management: z.boolean(),
});

export const updateProcedure = defineCommand({
  name: 'update-procedure',
  input: settingsSchema.extend({ procedureId, lockVersion: z.number().int().optional() }),
  authorize: administersProcedure,
  async run({ trx, now, enqueue }, input) {
    const current = await trx
      .selectFrom('procedures')
      .select(['published_at', 'slug', 'lock_version', 'closes_at', 'retention_months'])
      .where('id', '=', input.procedureId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('Démarche introuvable.');
    if (input.lockVersion !== undefined && input.lockVersion !== current.lock_version)
      throw conflict(
        'La démarche a été modifiée entre-temps par un autre administrateur. Vos changements n’ont pas été enregistrés : rechargez la page, puis recommencez.',
      );
    const slug = canEditSlug(current) ? input.slug.trim().toLowerCase() : (current.slug ?? '');
    const s = { ...input, slug, title: input.title.trim() };
    const errors = settingsErrors(s, parisDate(now));
    // an unchanged closing date stays even if it is now past (the job closes the procedure)
    const unchangedClosing = current.closes_at && parisDate(current.closes_at) === input.closes_on;
    if (unchangedClosing) delete errors.closes_on;
    if (!errors.slug) {
      const taken = await trx
        .selectFrom('procedures')
        .select('id')
        .where(sql<boolean>`lower(slug) = ${slug}`)
        .where('id', '<>', input.procedureId)
        .executeTakeFirst();
      if (taken) errors.slug = 'Ce lien est déjà utilisé par une autre démarche : choisissez-en un autre.';
    }
    if (Object.keys(errors).length) throw invalidInput(Object.values(errors)[0], errors);
    const r = await trx
      .updateTable('procedures')
      .set({
        title: s.title,
        description: s.description.trim(),
        service_name: s.service_name.trim(),
        service_address: s.service_address.trim(),
        contact_email: s.contact_email.trim() || null,
        contact_phone: s.contact_phone.trim(),
        contact_hours: s.contact_hours.trim(),
        for_individual: s.for_individual,
        slug,
        closes_at: input.closes_on ? (unchangedClosing ? current.closes_at : endOfParisDay(input.closes_on)) : null,
        retention_months: s.retention_months,
        declarative: s.declarative === 'none' ? null : s.declarative,
        rdv_enabled: s.rdv_enabled,
        allow_expert_review: s.allow_expert_review,
        allow_expert_messaging: s.allow_expert_review && s.allow_expert_messaging,
        instructeurs_self_management: s.instructeurs_self_management,
        lock_version: current.lock_version + 1,
      })
      .where('id', '=', input.procedureId)
      .returning('lock_version')
      .executeTakeFirstOrThrow();
    // a longer retention moves the dossiers' expiry later (docs/domain.md §5), in a job: a big procedure
    if (s.retention_months > current.retention_months)
      await enqueue(recomputeExpiryJob, { procedureId: input.procedureId });
    return { lockVersion: r.lock_version };
  },
});
