// The usager's pages: « Mes dossiers » and his dossier (state, correction, decision, attestation,
// messagerie, edit and resubmit while en construction), and the permission-checked file route
// /fichiers/:id shared by every role (usager, instructeur, expert: domain canDownloadFile).
import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { isPreviewable } from '../../../domain/files.ts';
import { canMessage } from '../../../domain/permissions.ts';
import { canEditAsUsager } from '../../../domain/usager-edit.ts';
import { attestationFileId } from '../../../features/attestations/ensure-attestation.ts';
import type { Actor } from '../../../features/command.ts';
import { markSeenByUsager } from '../../../features/dossiers/mark-seen.ts';
import { resubmitDossier } from '../../../features/dossiers/resubmit-dossier.ts';
import { loadFileForDownload } from '../../../features/files/download-file.ts';
import { contentDisposition } from '../../../platform/http/content-disposition.ts';
import { CONFLICT_MESSAGE } from '../../../features/instruction/transition.ts';
import { sendMessage } from '../../../features/messages/send-message.ts';
import { dossierIdParam } from '../../../queries/dossier-header.ts';
import { listUsagerDossiers, loadUsagerDossier, type UsagerDossierPage } from '../../../queries/dossier-page.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { files, form, str } from '../../form-data.ts';
import { requireUser } from '../../middleware.ts';
import { page } from '../../render.tsx';
import {
  applyRepetitionCommand,
  readFieldsForm,
  valuesOf,
  visibleForValues,
} from '../../views/dossier/field-inputs.tsx';
import { filePath, usagerDossierPath } from '../../views/dossier/links.ts';
import { loadUsagerRendezVous } from '../../../queries/rendez-vous.ts';
import { UsagerRendezVous } from '../../views/dossier/rendez-vous-usager.tsx';
import { UsagerDossierList, UsagerDossierView, UsagerEditView } from '../../views/dossier/usager.tsx';

export const usagerRoutes = new Hono<Env>();
usagerRoutes.use('/dossiers/*', requireUser);
usagerRoutes.use('/dossiers', requireUser);
usagerRoutes.use('/fichiers/*', requireUser);

type C = Context<Env>;

function actorOf(c: C): Actor {
  const u = c.get('user')!;
  return { userId: u.id, email: u.email };
}

function idOf(c: C): string {
  const id = dossierIdParam(c.req.param('id'));
  if (!id) throw notFound('Dossier introuvable.');
  return id;
}

usagerRoutes.get('/dossiers', async (c) => {
  const dossiers = await listUsagerDossiers(c.get('app').db, c.get('user')!.id);
  return page(c, { title: 'Mes dossiers', nav: 'dossiers' }, <UsagerDossierList dossiers={dossiers} />);
});

async function renderDossier(
  c: C,
  d: UsagerDossierPage,
  messageForm?: { body?: string; errors?: Record<string, string> | null },
  status: 200 | 422 = 200,
) {
  const user = c.get('user')!;
  const edit = canEditAsUsager(d.access, d.ref, d.facts);
  const msg = canMessage(d.access, d.ref, { ...d.facts, allowExpertMessaging: d.allowExpertMessaging });
  const attestationExpected = d.state === 'accepte' && d.attestationActive;
  const rendezVous = await loadUsagerRendezVous(c.get('app').db, d.id);
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
      rendezVous={<UsagerRendezVous rendezVous={rendezVous} now={c.get('app').clock.now()} />}
    />,
    status,
  );
}

usagerRoutes.get('/dossiers/:id', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const d = await loadUsagerDossier(app.db, id, c.get('user')!.id);
  const unread = d.messages.some(
    (m) => (m.authorKind === 'instructeur' || m.authorKind === 'expert') && !m.seenByRecipientAt && !m.discardedAt,
  );
  if (unread) await markSeenByUsager(app, actorOf(c), { dossierId: id });
  return renderDossier(c, d);
});

usagerRoutes.get('/dossiers/:id/attestation', async (c) => {
  const app = c.get('app');
  const d = await loadUsagerDossier(app.db, idOf(c), c.get('user')!.id);
  const fileId = d.state === 'accepte' || d.attestation ? await attestationFileId(app, d.id) : null;
  if (!fileId) throw notFound("Ce dossier n'a pas d'attestation.");
  return c.redirect(filePath(fileId), 302);
});

usagerRoutes.get('/dossiers/:id/messagerie', (c) => c.redirect(`${usagerDossierPath(idOf(c))}#messagerie-titre`, 302));

usagerRoutes.post('/dossiers/:id/messagerie', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const f = await form(c);
  const body = str(f, 'body');
  try {
    const uploads = await Promise.all(
      files(f, 'files').map(async (x) => ({ name: x.name, bytes: Buffer.from(await x.arrayBuffer()) })),
    );
    await sendMessage(app, actorOf(c), { dossierId: id, as: 'usager', body, files: uploads });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'not_found' || e.code === 'forbidden') throw e;
    const d = await loadUsagerDossier(app.db, id, c.get('user')!.id);
    return renderDossier(c, d, { body, errors: e.fields ?? { body: e.message } }, 422);
  }
  return redirectWithFlash(c, `${usagerDossierPath(id)}#messagerie-titre`, {
    kind: 'success',
    message: 'Votre message a été envoyé.',
  });
});

// -- Edit and resubmit (en construction) -----------------------------------------------------------

usagerRoutes.get('/dossiers/:id/modifier', async (c) => {
  const app = c.get('app');
  const d = await loadUsagerDossier(app.db, idOf(c), c.get('user')!.id);
  const perm = canEditAsUsager(d.access, d.ref, d.facts);
  if (!perm.ok) return redirectWithFlash(c, usagerDossierPath(d.id), { kind: 'error', message: `${perm.reason}.` });
  const values = valuesOf(d.champs);
  return page(
    c,
    { title: `Modifier le dossier nº ${d.id}`, nav: 'dossiers' },
    <UsagerEditView
      d={d}
      csrf={c.get('csrfToken')}
      defs={d.fields}
      values={values}
      visible={visibleForValues(d.fields, values)}
      stored={d.champs}
    />,
  );
});

usagerRoutes.post('/dossiers/:id/modifier', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const f = await form(c);
  const d = await loadUsagerDossier(app.db, id, c.get('user')!.id);
  const read = await readFieldsForm(d.fields, f, d.champs);
  const values = { ...valuesOf(d.champs), ...read.raw };
  const again = (errors: Record<string, string> | null, status: 200 | 422) =>
    page(
      c,
      { title: `Modifier le dossier nº ${d.id}`, nav: 'dossiers' },
      <UsagerEditView
        d={d}
        csrf={c.get('csrfToken')}
        defs={d.fields}
        values={values}
        visible={visibleForValues(d.fields, values)}
        stored={d.champs}
        errors={errors}
      />,
      status,
    );
  // « Ajouter une ligne » / « Supprimer la ligne » of a repeated block: the form again, nothing saved
  const repetition = str(f, '_repetition');
  if (repetition && applyRepetitionCommand(d.fields, values, repetition, crypto.randomBytes(8).toString('hex')))
    return again(null, 200);
  const lock = str(f, 'lockVersion');
  try {
    await resubmitDossier(app, actorOf(c), {
      dossierId: id,
      raw: read.raw,
      uploads: read.uploads,
      lockVersion: /^[0-9]{1,9}$/.test(lock) ? Number(lock) : undefined,
    });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'not_found' || e.code === 'forbidden') throw e;
    if (e.code === 'conflict')
      return redirectWithFlash(c, usagerDossierPath(id), { kind: 'error', message: CONFLICT_MESSAGE });
    if (e.code === 'invalid_transition')
      return redirectWithFlash(c, usagerDossierPath(id), { kind: 'error', message: `${e.message}.` });
    return again(e.fields ?? { _: e.message }, 422);
  }
  return redirectWithFlash(c, usagerDossierPath(id), {
    kind: 'success',
    message: d.pendingCorrection
      ? "Vos modifications ont été déposées : l'administration a été prévenue que la correction est faite."
      : "Vos modifications ont été déposées : l'administration en a été prévenue.",
  });
});

// -- Files (every role) ------------------------------------------------------------------------------

usagerRoutes.get('/fichiers/:fileId', async (c) => {
  const app = c.get('app');
  const file = await loadFileForDownload(app, c.req.param('fileId'), c.get('user')!.id);
  const inline = c.req.query('apercu') === '1' && isPreviewable(file.contentType);
  let bytes: Buffer;
  try {
    bytes = await app.storage.get(file.storageKey);
  } catch {
    throw notFound("Ce fichier n'est plus disponible.");
  }
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
