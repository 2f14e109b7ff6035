// The usager's dossier: its state, correction, decision, attestation, rendez-vous and messagerie.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { canMessage } from '../../../domain/permissions.ts';
import { canEditAsUsager, canWithdraw } from '../../../domain/usager-edit.ts';
import { isTermine } from '../../../domain/dossier-state.ts';
import { requestAttestation } from '../../../features/attestations/request-attestation.ts';
import { markSeenByUsager } from '../../../features/dossiers/mark-seen.ts';
import { sendMessage } from '../../../features/messages/send-message.ts';
import { loadUsagerDossier, type UsagerDossierPage } from '../../../queries/dossier-page.ts';
import { loadUsagerRendezVous } from '../../../queries/rendez-vous.ts';
import { listCoEditors, loadBrouillon, pendingTransferOf } from '../../../queries/usager-dossiers.ts';
import { TransferSection } from '../../views/usager/transfert.tsx';
import { brouillonPath } from '../../views/usager/links.ts';
import { CoEditorsSection, WithdrawForm } from '../../views/usager/co-editors.tsx';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm, uploadsOf } from '../../http/form.ts';
import { actorOf, runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { filePath, usagerDossierPath } from '../../views/dossier/links.ts';
import { AttestationPending } from '../../views/dossier/attestation-pending.tsx';
import { UsagerRendezVous } from '../../views/dossier/rendez-vous-usager.tsx';
import { UsagerDossierView } from '../../views/dossier/usager.tsx';
import { idOf } from './context.ts';

export const usagerDossierRoutes = new Hono<Env>();

async function renderDossier(
  c: Context<Env>,
  d: UsagerDossierPage,
  messageForm?: { body?: string; errors?: Record<string, string> | null },
  status: 200 | 422 = 200,
  justDeposited = false,
) {
  const user = c.get('user')!;
  const edit = canEditAsUsager(d.access, d.ref, d.facts);
  const msg = canMessage(d.access, d.ref, { ...d.facts, allowExpertMessaging: d.allowExpertMessaging });
  const attestationExpected =
    (d.state === 'accepte' && d.attestationActive) || (d.state === 'refuse' && d.refusalAttestationActive);
  const rendezVous = await loadUsagerRendezVous(c.get('app').db, d.id);
  const coEditors = await listCoEditors(c.get('app').db, d.id);
  const pendingTransfer = d.ref.ownerId === user.id ? await pendingTransferOf(c.get('app').db, d.id) : null;
  return page(
    c,
    { title: `Dossier nº ${d.id}`, nav: 'dossiers' },
    <UsagerDossierView
      d={d}
      userId={user.id}
      csrf={c.get('csrfToken')}
      canEdit={edit.ok}
      messagingDisabled={msg.ok ? null : msg.reason}
      attestationExpected={attestationExpected}
      messageForm={messageForm}
      justDeposited={justDeposited}
      rendezVous={<UsagerRendezVous rendezVous={rendezVous} now={c.get('app').clock.now()} />}
      usagerActions={
        <>
          <CoEditorsSection
            dossierId={d.id}
            owner={d.ref.ownerId === user.id}
            coEditors={coEditors}
            csrf={c.get('csrfToken')}
          />
          {d.ref.ownerId === user.id && !d.facts.hidden_by_user_at ? (
            <TransferSection dossierId={d.id} csrf={c.get('csrfToken')} pending={pendingTransfer} />
          ) : null}
          {canWithdraw(d.access, d.ref, d.facts).ok ? (
            <WithdrawForm dossierId={d.id} csrf={c.get('csrfToken')} traite={isTermine(d.state)} />
          ) : null}
        </>
      }
    />,
    status,
  );
}

usagerDossierRoutes.get('/dossiers/:id', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  let d: UsagerDossierPage;
  try {
    d = await loadUsagerDossier(app.db, id, c.get('user')!.id);
  } catch (e) {
    // a brouillon of this usager: its form (loadBrouillon throws not found for anyone else)
    if (!(e instanceof DomainError) || e.code !== 'not_found') throw e;
    await loadBrouillon(app.db, id, c.get('user')!.id);
    return c.redirect(brouillonPath(id), 302);
  }
  const unread = d.messages.some(
    (m) => (m.authorKind === 'instructeur' || m.authorKind === 'expert') && !m.seenByRecipientAt && !m.discardedAt,
  );
  if (unread) await markSeenByUsager(app, actorOf(c), { dossierId: id });
  // the page « Déposer le dossier » lands on (its flash) shows the group's contact
  return renderDossier(c, d, undefined, 200, c.get('flash')?.after === 'depot');
});

usagerDossierRoutes.get('/dossiers/:id/attestation', async (c) => {
  const app = c.get('app');
  const d = await loadUsagerDossier(app.db, idOf(c), c.get('user')!.id);
  // the stored attestation, or « en cours de génération » until its job produced it
  const r = await requestAttestation(app, actorOf(c), { dossierId: d.id });
  if (r.fileId) return c.redirect(filePath(r.fileId), 302);
  if (!r.pending) throw notFound("Ce dossier n'a pas d'attestation.");
  return page(
    c,
    { title: `Attestation du dossier nº ${d.id}`, nav: 'dossiers' },
    <AttestationPending dossierId={d.id} url={usagerDossierPath(d.id, 'attestation')} back={usagerDossierPath(d.id)} />,
  );
});

usagerDossierRoutes.get('/dossiers/:id/messagerie', (c) =>
  c.redirect(`${usagerDossierPath(idOf(c))}#messagerie-titre`, 302),
);

const MessageForm = z.object({ body: field.text(), files: field.files() });

usagerDossierRoutes.post('/dossiers/:id/messagerie', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const { body, files } = await readForm(c, MessageForm);
  return runCommand(
    c,
    sendMessage,
    { dossierId: id, as: 'usager', body, files: await uploadsOf(files) },
    {
      refused: async (e) => {
        const d = await loadUsagerDossier(app.db, id, c.get('user')!.id);
        return renderDossier(c, d, { body, errors: e.fields ?? { body: e.message } }, 422);
      },
      done: () =>
        redirectWithFlash(c, `${usagerDossierPath(id)}#messagerie-titre`, {
          kind: 'success',
          message: 'Votre message a été envoyé.',
        }),
    },
  );
});
