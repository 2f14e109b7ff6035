// The e-mail sent to the usager at each step of the dossier, and its copy in the messagerie.
// A procedure may override subject/body per template (procedures.mail_templates) with tags
// --numéro du dossier--, --libellé démarche--, --motivation--, --lien dossier--.
import type { MailTemplate } from '../../../domain/dossier-state.ts';
import { renderMail, type RenderedMail } from './layout.tsx';

export interface StateMailData {
  dossierId: string;
  procedureTitle: string;
  motivation?: string | null;
  dossierUrl: string;
  custom?: { subject: string; body: string } | null;
  /** the dossier's group contact information, as lines (docs/domain.md §10) */
  contact?: string[];
}

const DEFAULTS: Record<MailTemplate, { subject: string; body: string }> = {
  en_construction: {
    subject: 'Votre dossier nº --numéro du dossier-- a bien été déposé (--libellé démarche--)',
    body: "Votre dossier nº --numéro du dossier-- a bien été déposé. Il est en construction : vous pouvez encore le modifier tant que l'administration ne l'a pas passé en instruction.",
  },
  en_instruction: {
    subject: 'Votre dossier nº --numéro du dossier-- est en cours d’instruction (--libellé démarche--)',
    body: "Votre dossier nº --numéro du dossier-- est en cours d'instruction par l'administration. Il ne peut plus être modifié. Vous serez informé de la décision par e-mail.",
  },
  accepte: {
    subject: 'Votre dossier nº --numéro du dossier-- a été accepté (--libellé démarche--)',
    body: 'Votre dossier nº --numéro du dossier-- a été accepté.\n--motivation--',
  },
  refuse: {
    subject: 'Votre dossier nº --numéro du dossier-- a été refusé (--libellé démarche--)',
    body: 'Votre dossier nº --numéro du dossier-- a été refusé.\nMotif du refus : --motivation--',
  },
  sans_suite: {
    subject: 'Votre dossier nº --numéro du dossier-- a été classé sans suite (--libellé démarche--)',
    body: 'Votre dossier nº --numéro du dossier-- a été classé sans suite.\nMotif : --motivation--',
  },
  repasser_en_instruction: {
    subject: 'Votre dossier nº --numéro du dossier-- est de nouveau en instruction (--libellé démarche--)',
    body: "La décision rendue sur votre dossier nº --numéro du dossier-- a été annulée : le dossier est de nouveau en cours d'instruction.",
  },
  correction: {
    subject: 'Une correction est demandée sur votre dossier nº --numéro du dossier-- (--libellé démarche--)',
    body: "L'administration vous demande de corriger votre dossier nº --numéro du dossier--. Consultez la messagerie du dossier, modifiez-le puis déposez les modifications.",
  },
};

function fill(text: string, d: StateMailData): string {
  return text
    .replaceAll('--numéro du dossier--', d.dossierId)
    .replaceAll('--libellé démarche--', d.procedureTitle)
    .replaceAll('--motivation--', d.motivation ?? '')
    .replaceAll('--lien dossier--', d.dossierUrl)
    .replace(/\n+$/, '');
}

/** Subject and body text with tags replaced (used for the e-mail and for the messagerie copy). */
export function stateMessage(template: MailTemplate, d: StateMailData): { subject: string; body: string } {
  const t = d.custom ?? DEFAULTS[template];
  return { subject: fill(t.subject, d), body: fill(t.body, d).trim() };
}

export function renderStateMail(template: MailTemplate, d: StateMailData): RenderedMail {
  const m = stateMessage(template, d);
  return renderMail({
    subject: m.subject,
    paragraphs: m.body.split('\n').filter(Boolean),
    link: { label: 'Voir mon dossier', url: d.dossierUrl },
    contact: d.contact,
  });
}
