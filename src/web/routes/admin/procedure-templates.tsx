// « Attestations » and « E-mails » of a procedure (docs/interface.md §A): save (tags checked by the
// command), preview with a sample dossier (nothing saved), reset an e-mail to its default.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { attestationText } from '../../../domain/attestation.ts';
import type { MailTemplate } from '../../../domain/dossier-state.ts';
import type { DomainError } from '../../../domain/errors.ts';
import type { AttestationKind } from '../../../domain/procedure.ts';
import { saveAttestationTemplate } from '../../../features/procedures/save-attestation-template.ts';
import { MAIL_TEMPLATE_KEYS, saveMailTemplate } from '../../../features/procedures/save-mail-template.ts';
import { stateMessage } from '../../../platform/mail/templates/dossier-state.ts';
import { fieldLabels, procedureMailTemplates, type AdminProcedure } from '../../../queries/admin-procedure.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { adminHref } from '../../views/admin/procedure.tsx';
import { AttestationsView, MailsView, type MailForm, type TemplateForm } from '../../views/admin/templates.tsx';
import { adminProcedure } from './procedure-dashboard.tsx';

export const adminProcedureTemplatesRoutes = new Hono<Env>();

const KINDS = ['acceptation', 'refus'] as const;
const EMPTY: TemplateForm = { title: '', body: '', footer: '', activated: false };

function labelsOf(p: AdminProcedure): string[] {
  return [...new Set([...fieldLabels(p.draft_fields), ...fieldLabels(p.draft_annotations)])];
}

async function attestationsPage(
  c: Context<Env>,
  id: string,
  typed?: { kind: AttestationKind; form: TemplateForm },
  error?: DomainError,
  preview?: boolean,
) {
  const p = await adminProcedure(c, id);
  const { refusal } = await procedureMailTemplates(c.get('app').db, id);
  const forms: Record<AttestationKind, TemplateForm> = {
    acceptation: p.attestation_template ?? EMPTY,
    refus: (refusal as TemplateForm | null) ?? EMPTY,
  };
  if (typed) forms[typed.kind] = typed.form;
  let shown = null;
  if (typed && preview) {
    const t = attestationText(typed.form, {
      dossierId: '12345',
      nom: 'Dupont',
      prenom: 'Camille',
      procedureTitle: p.title,
      motivation: 'Motivation de la décision (exemple).',
      decisionDate: c.get('app').clock.now(),
      fields: labelsOf(p).map((label) => ({ label, value: `(${label})` })),
    });
    shown = { kind: typed.kind, ...t };
  }
  return page(
    c,
    { title: `Attestations — ${p.title}`, nav: 'admin' },
    <AttestationsView
      p={p}
      forms={forms}
      labels={labelsOf(p)}
      errors={typed && error ? { kind: typed.kind, fields: error.fields ?? { body: error.message } } : null}
      preview={shown}
      csrf={c.get('csrfToken')}
    />,
    error ? 422 : 200,
  );
}

const AttestationForm = z.object({
  title: field.text(),
  body: field.text(),
  footer: field.text(),
  activated: field.flag(),
});

adminProcedureTemplatesRoutes.get('/procedures/:id{[0-9]+}/attestations', (c) =>
  attestationsPage(c, c.req.param('id')),
);

for (const kind of KINDS) {
  adminProcedureTemplatesRoutes.post(`/procedures/:id{[0-9]+}/attestations/${kind}`, async (c) => {
    const id = c.req.param('id')!;
    await adminProcedure(c, id);
    const form = await readForm(c, AttestationForm);
    return runCommand(
      c,
      saveAttestationTemplate,
      { procedureId: id, kind, ...form },
      {
        refused: (e) => attestationsPage(c, id, { kind, form }, e),
        done: () =>
          redirectWithFlash(c, adminHref(id, 'attestations'), {
            kind: 'success',
            message: "L'attestation est enregistrée.",
          }),
      },
    );
  });
  adminProcedureTemplatesRoutes.post(`/procedures/:id{[0-9]+}/attestations/${kind}/apercu`, async (c) => {
    const id = c.req.param('id')!;
    await adminProcedure(c, id);
    const form = await readForm(c, AttestationForm);
    return attestationsPage(c, id, { kind, form }, undefined, true);
  });
}

const MAIL_LABELS: Record<MailTemplate, string> = {
  en_construction: 'Dossier déposé (en construction)',
  en_instruction: 'Dossier passé en instruction',
  accepte: 'Dossier accepté',
  refuse: 'Dossier refusé',
  sans_suite: 'Dossier classé sans suite',
  repasser_en_instruction: 'Dossier repassé en instruction',
  correction: 'Correction demandée',
};

/** The default text with its tags (the template filled with the tags themselves). */
function rawDefault(key: MailTemplate) {
  return stateMessage(key, {
    dossierId: '--numéro du dossier--',
    procedureTitle: '--libellé démarche--',
    motivation: '--motivation--',
    dossierUrl: '--lien dossier--',
  });
}

async function mailsPage(
  c: Context<Env>,
  id: string,
  typed?: { key: MailTemplate; subject: string; body: string },
  error?: DomainError,
  preview?: boolean,
) {
  const p = await adminProcedure(c, id);
  const { mails: custom } = await procedureMailTemplates(c.get('app').db, id);
  const mails: MailForm[] = MAIL_TEMPLATE_KEYS.map((key) => {
    const own = custom[key];
    const t = typed?.key === key ? typed : (own ?? rawDefault(key));
    return { key, label: MAIL_LABELS[key], subject: t.subject, body: t.body, custom: !!own };
  });
  const shown =
    typed && preview
      ? {
          key: typed.key,
          ...stateMessage(typed.key, {
            dossierId: '12345',
            procedureTitle: p.title,
            motivation: 'Motivation de la décision (exemple).',
            dossierUrl: `${c.get('app').config.appUrl}/dossiers/12345`,
            custom: { subject: typed.subject, body: typed.body },
          }),
        }
      : null;
  return page(
    c,
    { title: `E-mails — ${p.title}`, nav: 'admin' },
    <MailsView
      p={p}
      mails={mails}
      errors={typed && error ? { key: typed.key, fields: error.fields ?? { body: error.message } } : null}
      preview={shown}
      csrf={c.get('csrfToken')}
    />,
    error ? 422 : 200,
  );
}

const MailFormSchema = z.object({ subject: field.text(), body: field.text() });

adminProcedureTemplatesRoutes.get('/procedures/:id{[0-9]+}/emails', (c) => mailsPage(c, c.req.param('id')));

for (const key of MAIL_TEMPLATE_KEYS) {
  const base = `/procedures/:id{[0-9]+}/emails/${key}`;
  adminProcedureTemplatesRoutes.post(base, async (c) => {
    const id = c.req.param('id')!;
    await adminProcedure(c, id);
    const f = await readForm(c, MailFormSchema);
    return runCommand(
      c,
      saveMailTemplate,
      { procedureId: id, template: key, ...f },
      {
        refused: (e) => mailsPage(c, id, { key, ...f }, e),
        done: () =>
          redirectWithFlash(c, adminHref(id, 'emails'), { kind: 'success', message: "L'e-mail est enregistré." }),
      },
    );
  });
  adminProcedureTemplatesRoutes.post(`${base}/apercu`, async (c) => {
    const id = c.req.param('id')!;
    await adminProcedure(c, id);
    const f = await readForm(c, MailFormSchema);
    return mailsPage(c, id, { key, ...f }, undefined, true);
  });
  adminProcedureTemplatesRoutes.post(`${base}/defaut`, async (c) => {
    const id = c.req.param('id')!;
    await adminProcedure(c, id);
    return runCommand(
      c,
      saveMailTemplate,
      { procedureId: id, template: key, reset: true },
      {
        back: adminHref(id, 'emails'),
        done: () =>
          redirectWithFlash(c, adminHref(id, 'emails'), {
            kind: 'success',
            message: 'Le modèle par défaut est rétabli.',
          }),
      },
    );
  });
}
