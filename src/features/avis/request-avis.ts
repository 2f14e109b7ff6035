// « Demander un avis » (docs/domain.md §6): one or more experts (free e-mails, or only the
// administrator's list when the procedure restricts it) asked on one or several dossiers, with a
// message, an optional file (checked before anything is stored), an optional yes/no question and
// « confidentiel » or shared. Each e-mail becomes an expert account if needed and gets one avis per
// dossier and an invitation e-mail (a job). An instructor who asks follows the dossier; the
// followers get « en attente d'avis ». An expert may ask a colleague when the procedure allows it
// (from a confidential avis, the new one is confidential too). Several dossiers: the ones that no
// longer accept a request are reported in `refused`, never forced; one dossier: refused with the reason.
import { sql } from 'kysely';
import { z } from 'zod';
import { type CommandContext, defineCommand } from '../command.ts';
import { requestsAvis } from '../authorize.ts';
import { invalidInput, invalidTransition, notFound } from '../../domain/errors.ts';
import {
  avisRequestRefusal,
  DEFAULT_AVIS_INTRODUCTION,
  emailsOutsideList,
  expertInviteRefusal,
  MAX_EXPERTS_PER_REQUEST,
  MAX_INTRODUCTION_LENGTH,
  MAX_QUESTION_LENGTH,
  parseExpertEmails,
  type ExpertSettings,
} from '../../domain/avis.ts';
import { canInstruct, canReadAsExpert } from '../../domain/permissions.ts';
import { checkUploads, discardStored, newFileId, storeFile, type StoredFile } from '../files/store-file.ts';
import type { BulkFile } from '../../domain/bulk.ts';
import { startFollowing } from '../instruction/follow.ts';
import { createNotificationsMany } from '../notifications/notify.ts';
import { enqueueAvisInvitation, expertLink } from './invitation.ts';

const upload = z.object({ name: z.string(), bytes: z.instanceof(Buffer) });

export const requestAvisInput = z.object({
  /** One dossier from its « Avis externes » tab, or many (the bulk request). */
  dossierIds: z.array(z.coerce.string()).min(1, 'Aucun dossier sélectionné.').max(100_000),
  as: z.enum(['instructeur', 'expert']).default('instructeur'),
  /** Typed e-mails (commas, spaces or lines between them) or a list. */
  emails: z.union([z.string(), z.array(z.string())]),
  introduction: z.string().max(MAX_INTRODUCTION_LENGTH, 'Le message est trop long.').default(''),
  questionLabel: z.string().max(MAX_QUESTION_LENGTH, 'La question est trop longue.').default(''),
  confidentiel: z.boolean().default(false),
  file: upload.nullish(),
});

export interface RequestAvisResult {
  avis: { dossierId: string; avisId: string; email: string }[];
  refused: { dossierId: string; reason: string }[];
}

export const requestAvis = defineCommand({
  name: 'request-avis',
  input: requestAvisInput,
  authorize: requestsAvis,
  run: (ctx, input) => askAvis(ctx, input),
});

/** The request, inside the caller's transaction: the command above, and each dossier of a bulk
 *  « Demander un avis » (docs/domain.md §8) — access checked again here for every dossier. */
export async function askAvis(
  ctx: CommandContext,
  input: z.output<typeof requestAvisInput>,
  opts: { sharedFile?: BulkFile | null } = {},
): Promise<RequestAvisResult> {
  const { trx, now } = ctx;
  const { emails, invalid } = parseExpertEmails(input.emails);
  if (invalid.length) {
    const msg = `Adresse électronique non valide : ${invalid.join(', ')}.`;
    throw invalidInput(msg, { emails: msg });
  }
  if (emails.length === 0) {
    const msg = "Saisissez l'adresse électronique d'au moins un expert.";
    throw invalidInput(msg, { emails: msg });
  }
  if (emails.length > MAX_EXPERTS_PER_REQUEST) {
    const msg = `Vous pouvez inviter au plus ${MAX_EXPERTS_PER_REQUEST} experts à la fois.`;
    throw invalidInput(msg, { emails: msg });
  }
  const introduction = input.introduction.trim() || DEFAULT_AVIS_INTRODUCTION;
  const questionLabel = input.questionLabel.trim() || null;
  const ids = [...new Set(input.dossierIds)];

  const dossiers = await trx
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .select([
      'dossiers.id',
      'dossiers.procedure_id',
      'dossiers.groupe_id',
      'dossiers.user_id',
      'dossiers.state',
      'dossiers.depose_at',
      'dossiers.expires_at',
      'dossiers.hidden_by_administration_at',
      'dossiers.hidden_by_user_at',
      'dossiers.hidden_by_expired_at',
      'procedures.title',
      'procedures.allow_expert_review',
      'procedures.experts_restricted',
      'procedures.experts_may_invite',
    ])
    .where(sql<boolean>`dossiers.id = ANY(${ids}::bigint[])`)
    .orderBy('dossiers.id')
    .forUpdate('dossiers')
    .execute();
  if (dossiers.length !== ids.length) throw notFound('Dossier introuvable.');
  const access = await ctx.access();
  const procedureIds = [...new Set(dossiers.map((d) => d.procedure_id))];
  const listed = await trx
    .selectFrom('procedure_experts')
    .select(['procedure_id', 'email'])
    .where('procedure_id', 'in', procedureIds)
    .execute();
  const settingsOf = (d: (typeof dossiers)[number]): ExpertSettings => ({
    allowExpertReview: d.allow_expert_review,
    restricted: d.experts_restricted,
    listedEmails: listed.filter((l) => l.procedure_id === d.procedure_id).map((l) => l.email),
  });

  let confidentiel = input.confidentiel;
  const refused: RequestAvisResult['refused'] = [];
  const eligible: typeof dossiers = [];
  for (const d of dossiers) {
    const ref = { ...d, procedureId: d.procedure_id, groupeId: d.groupe_id, ownerId: d.user_id };
    const allowed = input.as === 'instructeur' ? canInstruct(access, ref) : canReadAsExpert(access, ref);
    if (!allowed) throw notFound('Dossier introuvable.');
    let reason = avisRequestRefusal(d.state, settingsOf(d));
    if (!reason && input.as === 'expert') {
      const own = await trx
        .selectFrom('avis')
        .select(['revoked_at', 'confidentiel'])
        .where('dossier_id', '=', d.id)
        .where('expert_id', '=', ctx.actor.userId!)
        .where('revoked_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      reason = expertInviteRefusal(d.experts_may_invite, own ? { revokedAt: own.revoked_at } : null, d.state);
      if (own?.confidentiel) confidentiel = true;
    }
    if (reason) refused.push({ dossierId: d.id, reason });
    else eligible.push(d);
  }
  if (ids.length === 1 && refused.length) throw invalidTransition(refused[0]!.reason);
  for (const d of eligible) {
    const outside = emailsOutsideList(emails, settingsOf(d));
    if (outside.length) {
      const msg = `${outside.join(', ')} ne figure pas dans la liste des experts de la démarche.`;
      throw invalidInput(msg, { emails: msg });
    }
  }
  // the file is checked (content, size) before anything is stored
  const [checkedFile] = input.file
    ? await checkUploads(ctx, [input.file], { field: 'file', max: 1 })
    : ([] as Awaited<ReturnType<typeof checkUploads>>);
  if (eligible.length === 0) return { avis: [], refused };

  // the experts' accounts: found by e-mail, or created without password (the invitation sets it)
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'email', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
    .execute();
  const users = new Map(existing.map((u) => [u.email.toLowerCase(), u]));
  const missing = emails.filter((e) => !users.has(e));
  if (missing.length) {
    const created = await trx
      .insertInto('users')
      .values(missing.map((email) => ({ email, password_hash: null })))
      .returning(['id', 'email', 'password_hash'])
      .execute();
    for (const u of created) users.set(u.email, u);
  }
  await trx
    .insertInto('experts')
    .values([...users.values()].map((u) => ({ user_id: u.id })))
    .onConflict((oc) => oc.doNothing())
    .execute();

  const result: RequestAvisResult = { avis: [], refused };
  const stored: StoredFile[] = [];
  const uid = ctx.actor.userId!;
  const eligibleIds = eligible.map((d) => d.id);
  const byId = new Map(eligible.map((d) => [d.id, d]));
  // one invitation token per new expert and per request, whatever the number of dossiers
  const tokenLinks = new Map<string, Awaited<ReturnType<typeof expertLink>>>();
  const linkFor = async (u: { id: string; password_hash: string | null }, avisId: string) => {
    if (u.password_hash) return expertLink(ctx, u, avisId);
    let link = tokenLinks.get(u.id);
    if (!link) tokenLinks.set(u.id, (link = await expertLink(ctx, u, avisId)));
    return link;
  };
  try {
    const pairs = eligible.flatMap((d) => emails.map((email) => ({ dossierId: d.id, email })));
    for (let i = 0; i < pairs.length; i += 1000) {
      const rows = await trx
        .insertInto('avis')
        .values(
          pairs.slice(i, i + 1000).map((p) => ({
            dossier_id: p.dossierId,
            expert_id: users.get(p.email)!.id,
            claimant_id: uid,
            introduction,
            question_label: questionLabel,
            confidentiel,
            created_at: now,
          })),
        )
        .returning(['id', 'dossier_id', 'expert_id'])
        .execute();
      const emailOf = new Map([...users.values()].map((u) => [u.id, u.email.toLowerCase()]));
      for (const row of rows) {
        const email = emailOf.get(row.expert_id)!;
        const d = byId.get(row.dossier_id)!;
        if (checkedFile) {
          const f = await storeFile(ctx, stored, checkedFile, { dossierId: d.id, origin: 'avis', originRef: row.id });
          await trx.updateTable('avis').set({ introduction_file_id: f.id }).where('id', '=', row.id).execute();
        } else if (opts.sharedFile) {
          // the bulk request's file, stored once: each avis gets its own row on the same bytes
          const f = opts.sharedFile;
          const id = newFileId();
          await trx
            .insertInto('files')
            .values({
              id,
              dossier_id: d.id,
              origin: 'avis',
              origin_ref: row.id,
              name: f.name,
              content_type: f.contentType,
              size: f.size,
              sha256: f.sha256,
              storage_key: f.storageKey,
              uploaded_by: uid,
              created_at: now,
            })
            .execute();
          await trx.updateTable('avis').set({ introduction_file_id: id }).where('id', '=', row.id).execute();
        }
        await ctx.recordEvent(d.id, 'avis_demande', {
          avis_id: row.id,
          expert_email: email,
          confidentiel,
          question: questionLabel !== null,
          by: input.as,
        });
        await enqueueAvisInvitation(
          ctx,
          email,
          await linkFor(users.get(email)!, row.id),
          { avisId: row.id, dossierId: d.id, procedureTitle: d.title, introduction },
          { reminder: false, requester: ctx.actor.email },
        );
        result.avis.push({ dossierId: d.id, avisId: row.id, email });
      }
    }
    if (input.as === 'instructeur') {
      // the asker follows (most bulk requests come from « suivis par moi »: nothing to do there)
      const followed = await trx
        .selectFrom('follows')
        .select('dossier_id')
        .where('user_id', '=', uid)
        .where('unfollowed_at', 'is', null)
        .where(sql<boolean>`dossier_id = ANY(${eligibleIds}::bigint[])`)
        .execute();
      const already = new Set(followed.map((f) => f.dossier_id));
      for (const d of eligible) if (!already.has(d.id)) await startFollowing(trx, d, uid, now);
      await trx
        .updateTable('follows')
        .set({ avis_seen_at: now })
        .where('user_id', '=', uid)
        .where(sql<boolean>`dossier_id = ANY(${eligibleIds}::bigint[])`)
        .execute();
    }
    await createNotificationsMany(trx, eligible, 'attente_avis', { now });
    return result;
  } catch (e) {
    await discardStored(ctx.app, stored);
    throw e;
  }
}
