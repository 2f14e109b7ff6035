// The usager's e-mail about a rendez-vous (proposed, changed, cancelled), with the invitation as an
// .ics attachment (METHOD:REQUEST, or METHOD:CANCEL with the same UID). The slot travels in the
// payload: each e-mail tells the version its command wrote, whatever happened since.
import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { renderMail } from '../platform/mail/layout.ts';
import { rendezVousMailDossier } from '../queries/mail-recipients.ts';
import { renderIcs } from '../platform/documents/ics.ts';
import { RDV_MODE_LABELS, RDV_MODES, RDV_PLACE_LABELS, type RdvMode } from '../domain/rendez-vous.ts';

const FR_DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const FR_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

export function frSlot(startsAt: Date, durationMinutes: number): string {
  return `${FR_DATE.format(startsAt)} à ${FR_TIME.format(startsAt)} (${durationMinutes} minutes, heure de Paris)`;
}

/** The e-mail address in "Name <address>" (or the text itself). */
export function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1] : from).trim();
}

export function rendezVousUid(rendezVousId: string, appUrl: string): string {
  let host = 'guichet';
  try {
    host = new URL(appUrl).hostname || host;
  } catch {
    /* keep the default */
  }
  return `rendez-vous-${rendezVousId}@${host}`;
}

export const notifyRendezVousJob = defineJob({
  name: 'notify-rendez-vous',
  payload: z.object({
    dossierId: z.string(),
    rendezVousId: z.string(),
    kind: z.enum(['propose', 'modifie', 'annule']),
    sequence: z.number().int().min(0),
    starts_at: z.string(),
    duration_minutes: z.number().int(),
    mode: z.enum(RDV_MODES),
    place: z.string(),
  }),
  handler: async () => async (app, p) => {
    const d = await rendezVousMailDossier(app.db, p.dossierId);
    if (!d) return; // purged meanwhile
    const startsAt = new Date(p.starts_at);
    const end = new Date(startsAt.getTime() + p.duration_minutes * 60_000);
    const mode = p.mode as RdvMode;
    const dossierUrl = `${app.config.appUrl}/dossiers/${d.id}`;
    const subject = {
      propose: `Rendez-vous proposé pour votre dossier nº ${d.id}`,
      modifie: `Rendez-vous modifié pour votre dossier nº ${d.id}`,
      annule: `Rendez-vous annulé pour votre dossier nº ${d.id}`,
    }[p.kind];
    const intro = {
      propose: `Un rendez-vous vous est proposé pour votre dossier nº ${d.id} (« ${d.title} »).`,
      modifie: `Le rendez-vous de votre dossier nº ${d.id} (« ${d.title} ») a été modifié. Voici le nouveau créneau.`,
      annule: `Le rendez-vous de votre dossier nº ${d.id} (« ${d.title} ») est annulé.`,
    }[p.kind];
    const paragraphs = [
      intro,
      `${p.kind === 'annule' ? 'Rendez-vous annulé : ' : 'Date : '}${frSlot(startsAt, p.duration_minutes)}`,
      `${RDV_MODE_LABELS[mode]} — ${RDV_PLACE_LABELS[mode]} : ${p.place}`,
      p.kind === 'annule'
        ? "Le fichier joint retire ce rendez-vous de votre agenda. Si besoin, répondez à l'administration depuis la messagerie de votre dossier."
        : "Le fichier joint (invitation .ics) ajoute ce rendez-vous à votre agenda. Pour toute question, écrivez à l'administration depuis la messagerie de votre dossier.",
    ];
    const mail = renderMail({
      subject,
      paragraphs,
      link: { label: 'Voir mon dossier', url: dossierUrl },
      signature: d.service_name || undefined,
    });
    const organizerEmail = d.contact_email || addressOf(app.config.MAIL_FROM);
    const ics = renderIcs({
      uid: rendezVousUid(p.rendezVousId, app.config.appUrl),
      method: p.kind === 'annule' ? 'CANCEL' : 'REQUEST',
      sequence: p.sequence,
      start: startsAt,
      end,
      stamp: app.clock.now(),
      summary: `Rendez-vous — dossier nº ${d.id} (${d.title})`,
      description: `${RDV_MODE_LABELS[mode]} — ${RDV_PLACE_LABELS[mode]} : ${p.place}\nDossier : ${dossierUrl}`,
      location: mode === 'telephone' ? `Téléphone : ${p.place}` : p.place,
      url: dossierUrl,
      organizer: { email: organizerEmail, name: d.service_name || d.title },
      attendee: { email: d.user_email, name: [d.prenom, d.nom].filter(Boolean).join(' ') || null },
    });
    await app.mailer.deliver(app.db, {
      to: d.user_email,
      ...mail,
      attachments: [
        {
          filename: p.kind === 'annule' ? 'annulation-rendez-vous.ics' : 'rendez-vous.ics',
          contentType: `text/calendar; charset=utf-8; method=${p.kind === 'annule' ? 'CANCEL' : 'REQUEST'}`,
          content: ics,
        },
      ],
    });
  },
});
