// « Messagerie » of the dossier page: the messages with the usager (and the experts), send one
// (with files, « en attente de réponse »), delete one of mine.
import { Hono, type Context } from 'hono';
import { canMessage } from '../../../domain/permissions.ts';
import { deleteMessage } from '../../../features/messages/delete-message.ts';
import { sendMessage } from '../../../features/messages/send-message.ts';
import { loadMessagerieTab } from '../../../queries/dossier-page.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm, uploadsOf } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { dossierPath } from '../../views/dossier/links.ts';
import { MessagerieView } from '../../views/dossier/messagerie.tsx';
import { idOf, listTabOf, markSeen, renderDossierTab, TabForm } from './dossier-context.tsx';

export const dossierMessagerieRoutes = new Hono<Env>();

async function renderMessagerie(
  c: Context<Env>,
  id: string,
  formState?: { body?: string; awaitingResponse?: boolean; errors?: Record<string, string> | null },
  status: 200 | 422 = 200,
) {
  const app = c.get('app');
  const user = c.get('user')!;
  const tab = await loadMessagerieTab(app.db, id, user.id, app.clock.now());
  const h = tab.header;
  const unseen = tab.messages.some((m) => m.authorKind === 'usager' && !m.seenByRecipientAt);
  if (status === 200) await markSeen(c, h, 'messagerie', unseen);
  const perm = canMessage(h.access, h.ref, { ...h.facts, allowExpertMessaging: h.allowExpertMessaging });
  return renderDossierTab(
    c,
    h,
    'messagerie',
    'Messagerie',
    <MessagerieView
      viewer="instructeur"
      viewerUserId={user.id}
      messages={tab.messages}
      csrf={c.get('csrfToken')}
      postAction={dossierPath(id, 'messagerie')}
      deleteAction={(mid) => dossierPath(id, `messages/${mid}/supprimer`)}
      disabledReason={perm.ok ? null : perm.reason}
      canAwaitResponse={tab.pendingResponses === 0}
      seenAt={h.follow?.messagerieSeenAt ?? null}
      form={formState}
    />,
    status,
  );
}

dossierMessagerieRoutes.get('/dossiers/:id/messagerie', (c) => renderMessagerie(c, idOf(c)));

const MessageForm = TabForm.extend({ body: field.text(), awaitingResponse: field.flag(), files: field.files() });

dossierMessagerieRoutes.post('/dossiers/:id/messagerie', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, MessageForm);
  const { body, awaitingResponse } = f;
  return runCommand(
    c,
    sendMessage,
    { dossierId: id, as: 'instructeur', body, files: await uploadsOf(f.files), awaitingResponse },
    {
      refused: (e) => renderMessagerie(c, id, { body, awaitingResponse, errors: e.fields ?? { body: e.message } }, 422),
      done: () =>
        redirectWithFlash(c, dossierPath(id, 'messagerie', listTabOf(c, f.tab)), {
          kind: 'success',
          message: 'Votre message a été envoyé.',
        }),
    },
  );
});

dossierMessagerieRoutes.post('/dossiers/:id/messages/:mid/supprimer', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, TabForm);
  const back = dossierPath(id, 'messagerie', listTabOf(c, f.tab));
  return runCommand(
    c,
    deleteMessage,
    { dossierId: id, messageId: c.req.param('mid') },
    {
      // a message that is not mine, or no longer deletable: said on the messagerie
      handles: ['forbidden', 'invalid_input', 'invalid_transition', 'conflict'],
      back,
      done: () => redirectWithFlash(c, back, { kind: 'success', message: 'Le message a été supprimé.' }),
    },
  );
});
