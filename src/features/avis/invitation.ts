// The e-mail that asks an expert for his avis (at the request and at each « Relancer »): an expert
// who has no password yet gets a link to choose one (an invitation token, as for instructors); one
// who has an account gets a link to the avis, behind the sign-in.
import { renderMail } from '../../platform/mail/layout.ts';
import { invitationLink } from '../accounts/invitations.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';
import type { CommandContext } from '../command.ts';

export const EXPERT_INVITATION_DAYS = 30;

export interface InvitedAvis {
  avisId: string;
  dossierId: string;
  procedureTitle: string;
  introduction: string;
}

/** One invitation link per expert and per call (a token only for an account without password). */
export async function expertLink(
  ctx: CommandContext,
  expert: { id: string; password_hash: string | null },
  avisId: string,
): Promise<{ url: string; label: string }> {
  const base = ctx.app.config.appUrl;
  if (expert.password_hash) return { url: `${base}/expert/avis/${avisId}`, label: 'Donner mon avis' };
  const url = await invitationLink(ctx, expert.id, {
    path: '/invitation-expert',
    days: EXPERT_INVITATION_DAYS,
    data: { avisId },
  });
  return { url, label: 'Créer mon compte et donner mon avis' };
}

export async function enqueueAvisInvitation(
  ctx: CommandContext,
  to: string,
  link: { url: string; label: string },
  a: InvitedAvis,
  opts: { reminder: boolean; requester: string },
): Promise<void> {
  const mail = renderMail({
    subject: opts.reminder
      ? `Relance : votre avis est attendu sur le dossier nº ${a.dossierId}`
      : `Demande d'avis sur le dossier nº ${a.dossierId}`,
    paragraphs: [
      opts.reminder
        ? `Nous vous rappelons que votre avis est attendu sur le dossier nº ${a.dossierId} de la démarche « ${a.procedureTitle} ».`
        : `${opts.requester} vous demande votre avis sur le dossier nº ${a.dossierId} de la démarche « ${a.procedureTitle} ».`,
      a.introduction,
    ],
    link,
  });
  await ctx.enqueue(sendEmailJob, { to, ...mail });
}
