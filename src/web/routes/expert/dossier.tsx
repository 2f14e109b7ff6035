// A dossier of one of the expert's avis: read-only, his answer form, « Inviter un autre expert »,
// the messagerie when the procedure lets experts use it. Never the annotations privées.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { canMessage } from '../../../domain/permissions.ts';
import { giveAvis } from '../../../features/avis/give-avis.ts';
import { requestAvis } from '../../../features/avis/request-avis.ts';
import { sendMessage } from '../../../features/messages/send-message.ts';
import { loadExpertDossier } from '../../../queries/avis.ts';
import { dossierIdParam } from '../../../queries/dossier-header.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm, uploadsOf } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { AVIS_REQUEST_FIELDS, readAvisRequest } from '../../forms/avis-request.ts';
import type { AvisRequestForm } from '../../views/dossier/avis.tsx';
import { MessagerieView } from '../../views/dossier/messagerie.tsx';
import { ExpertDossierView, expertDossierPath, type AnswerForm } from '../../views/expert/avis.tsx';

export const expertDossierRoutes = new Hono<Env>();

function idOf(c: Context<Env>): string {
  const id = dossierIdParam(c.req.param('id'));
  if (!id) throw notFound('Dossier introuvable.');
  return id;
}

async function renderDossier(
  c: Context<Env>,
  id: string,
  forms: {
    answer?: AnswerForm;
    invite?: AvisRequestForm;
    message?: { body?: string; errors?: Record<string, string> | null };
  } = {},
) {
  const app = c.get('app');
  const user = c.get('user')!;
  const d = await loadExpertDossier(app.db, id, user.id, app.clock.now());
  const h = d.header;
  const perm = canMessage(h.access, h.ref, { ...h.facts, allowExpertMessaging: d.settings.allowExpertMessaging });
  const failed = forms.answer || forms.invite || forms.message;
  return page(
    c,
    { title: `Dossier nº ${id} — avis`, nav: 'expert' },
    <ExpertDossierView
      d={d}
      csrf={c.get('csrfToken')}
      answerForm={forms.answer}
      inviteForm={forms.invite}
      messagerie={
        d.messages ? (
          <MessagerieView
            viewer="instructeur"
            viewerUserId={user.id}
            messages={d.messages}
            csrf={c.get('csrfToken')}
            postAction={expertDossierPath(id, 'messagerie')}
            disabledReason={perm.ok ? null : perm.reason}
            form={forms.message}
          />
        ) : null
      }
    />,
    failed ? 422 : 200,
  );
}

expertDossierRoutes.get('/dossiers/:id', (c) => renderDossier(c, idOf(c)));

const AnswerFields = z.object({
  answer: field.text(),
  questionAnswer: field.oneOf(['oui', 'non', ''] as const, ''),
  files: field.files(),
});

expertDossierRoutes.post('/dossiers/:id/avis/:avisId', async (c) => {
  const id = idOf(c);
  const avisId = c.req.param('avisId');
  const f = await readForm(c, AnswerFields);
  const questionAnswer = f.questionAnswer === 'oui' ? true : f.questionAnswer === 'non' ? false : null;
  return runCommand(
    c,
    giveAvis,
    { dossierId: id, avisId, answer: f.answer, questionAnswer, files: await uploadsOf(f.files) },
    {
      refused: (e) =>
        renderDossier(c, id, {
          answer: { avisId, answer: f.answer, questionAnswer, errors: e.fields ?? { answer: e.message } },
        }),
      done: () =>
        redirectWithFlash(c, expertDossierPath(id), { kind: 'success', message: 'Votre avis a été enregistré.' }),
    },
  );
});

const InviteForm = z.object(AVIS_REQUEST_FIELDS);

expertDossierRoutes.post('/dossiers/:id/inviter', async (c) => {
  const id = idOf(c);
  const { kept, file } = await readAvisRequest(await readForm(c, InviteForm));
  return runCommand(
    c,
    requestAvis,
    { dossierIds: [id], as: 'expert', ...kept, file },
    {
      refused: (e) => renderDossier(c, id, { invite: { ...kept, errors: e.fields ?? { emails: e.message } } }),
      done: (r) =>
        redirectWithFlash(c, expertDossierPath(id), {
          kind: 'success',
          message: `Une demande d'avis a été envoyée à ${r.avis.map((a) => a.email).join(', ')}.`,
        }),
    },
  );
});

const MessageForm = z.object({ body: field.text(), files: field.files() });

expertDossierRoutes.post('/dossiers/:id/messagerie', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, MessageForm);
  return runCommand(
    c,
    sendMessage,
    { dossierId: id, as: 'expert', body: f.body, files: await uploadsOf(f.files) },
    {
      // a closed messagerie (archived dossier, not allowed to experts) is said on the page, as a message
      refused: (e) =>
        e.code === 'invalid_transition'
          ? undefined
          : renderDossier(c, id, { message: { body: f.body, errors: e.fields ?? { body: e.message } } }),
      back: expertDossierPath(id),
      done: () =>
        redirectWithFlash(c, expertDossierPath(id), { kind: 'success', message: 'Votre message a été envoyé.' }),
    },
  );
});
