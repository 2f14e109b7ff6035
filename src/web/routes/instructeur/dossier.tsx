// The instructor's dossier page: /instructeur/dossiers/:id and its tabs Demande, Pièces
// justificatives, Annotations privées, Avis externes, Messagerie (Personnes impliquées, Réaffectation,
// Rendez-vous and the PDF are in ./dossier-extras.tsx), every state action, labels, follow.
// Reads: one statement per tab (src/queries/dossier-page.ts). Writes: the commands of src/features.
// Bad input and refused actions give a French message (form error or flash), never a 500; a
// dossier the instructor does not instruct is a 404.
import { Hono, type Context } from 'hono';
import type { Services } from '../../../platform/services.ts';
import { decisionAgeWarning, type DossierAction } from '../../../domain/dossier-state.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { notificationsClearedBy } from '../../../domain/notifications.ts';
import { canMessage } from '../../../domain/permissions.ts';
import { saveAnnotations } from '../../../features/annotations/save-annotations.ts';
import { attestationFileId } from '../../../features/attestations/ensure-attestation.ts';
import { attestationPdf, loadAttestationSource } from '../../../features/attestations/render-attestation.ts';
import { decideDossier } from '../../../features/dossiers/decide-dossier.ts';
import { markTabSeen } from '../../../features/dossiers/mark-seen.ts';
import { contentDisposition } from '../../../platform/http/content-disposition.ts';
import { followDossier, unfollowDossier } from '../../../features/instruction/follow-dossier.ts';
import { CONFLICT_MESSAGE } from '../../../features/instruction/transition.ts';
import { transitionDossier } from '../../../features/instruction/transition-dossier.ts';
import { setDossierLabels } from '../../../features/labels/set-labels.ts';
import { deleteMessage } from '../../../features/messages/delete-message.ts';
import { sendMessage } from '../../../features/messages/send-message.ts';
import { loadDossierHeader, type DossierHeader } from '../../../queries/dossier-header.ts';
import {
  loadAnnotationsTab,
  loadAvisTab,
  loadDemandeTab,
  loadMessagerieTab,
  loadPiecesTab,
} from '../../../queries/dossier-page.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { files, form, str, strs, type FormData } from '../../form-data.ts';
import { page } from '../../render.tsx';
import { ConfirmPage, CorrectionPage, DecisionPage } from '../../views/dossier/actions.tsx';
import { AnnotationsView } from '../../views/dossier/annotations.tsx';
import { AvisView } from '../../views/dossier/avis.tsx';
import { DemandeView } from '../../views/dossier/demande.tsx';
import { readFieldsForm, valuesOf } from '../../views/dossier/field-inputs.tsx';
import { dossierPath, filePath, STEP_ACTIONS } from '../../views/dossier/links.ts';
import { MessagerieView } from '../../views/dossier/messagerie.tsx';
import { PiecesView } from '../../views/dossier/pieces.tsx';
import { dossierExtrasRoutes } from './dossier-extras.tsx';
import { actorOf, idOf, listTabOf, renderDossierTab } from './dossier-context.tsx';

export const dossierRoutes = new Hono<Env>();
// Personnes impliquées, Réaffectation, Rendez-vous, PDF.
dossierRoutes.route('/', dossierExtrasRoutes);

type C = Context<Env>;

function lockVersionOf(f: FormData): number | undefined {
  const v = str(f, 'lockVersion');
  return /^[0-9]{1,9}$/.test(v) ? Number(v) : undefined;
}

async function uploadsOf(list: File[]): Promise<{ name: string; bytes: Buffer }[]> {
  return Promise.all(list.map(async (x) => ({ name: x.name, bytes: Buffer.from(await x.arrayBuffer()) })));
}

/** A refused write: a stale page gets the conflict message on a fresh page; other refusals a flash. */
async function refused(c: C, e: unknown, back: string): Promise<Response> {
  if (!(e instanceof DomainError) || e.code === 'not_found' || e.code === 'forbidden') throw e;
  return redirectWithFlash(c, back, { kind: 'error', message: e.code === 'conflict' ? CONFLICT_MESSAGE : e.message });
}

/** Clears my badges of the tab and remembers that I saw it — only when there is something to do. */
async function markSeen(
  c: C,
  h: DossierHeader,
  tab: 'demande' | 'annotations' | 'avis' | 'messagerie',
  unseenMessages = false,
): Promise<void> {
  const kinds = {
    demande: 'dossier_modifie',
    annotations: 'annotation_instructeur',
    avis: 'avis_externe',
    messagerie: 'message',
  } as const;
  if (!h.follow && !h.notifications.includes(kinds[tab]) && !unseenMessages) return;
  await markTabSeen(c.get('app'), actorOf(c), { dossierId: h.id, tab });
  // the page shows the state after the visit: that tab's badge is gone
  h.notifications = h.notifications.filter((k) => !notificationsClearedBy(tab).includes(k));
}

// ---------------------------------------------------------------------------------------------
// The work list links to /instructeur/procedures/:pid/dossiers/:id?statut=…: same page.

dossierRoutes.get('/procedures/:pid/dossiers/:id', (c) => {
  const id = idOf(c);
  const tab = listTabOf(c);
  return c.redirect(dossierPath(id, '', tab), 302);
});

// ---------------------------------------------------------------------------------------------
// Tabs

dossierRoutes.get('/dossiers/:id', async (c) => {
  const app = c.get('app');
  const tab = await loadDemandeTab(app.db, idOf(c), c.get('user')!.id, app.clock.now());
  await markSeen(c, tab.header, 'demande');
  return renderDossierTab(c, tab.header, 'demande', 'Demande', <DemandeView tab={tab} />);
});

dossierRoutes.get('/dossiers/:id/pieces-justificatives', async (c) => {
  const app = c.get('app');
  const tab = await loadPiecesTab(app.db, idOf(c), c.get('user')!.id, app.clock.now());
  return renderDossierTab(c, tab.header, 'pieces-justificatives', 'Pièces justificatives', <PiecesView tab={tab} />);
});

dossierRoutes.get('/dossiers/:id/avis', async (c) => {
  const app = c.get('app');
  const tab = await loadAvisTab(app.db, idOf(c), c.get('user')!.id, app.clock.now());
  await markSeen(c, tab.header, 'avis');
  return renderDossierTab(c, tab.header, 'avis', 'Avis externes', <AvisView tab={tab} />);
});

// -- Annotations privées --------------------------------------------------------------------------

dossierRoutes.get('/dossiers/:id/annotations', async (c) => {
  const app = c.get('app');
  const tab = await loadAnnotationsTab(app.db, idOf(c), c.get('user')!.id, app.clock.now());
  await markSeen(c, tab.header, 'annotations');
  return renderDossierTab(
    c,
    tab.header,
    'annotations',
    'Annotations privées',
    <AnnotationsView
      dossierId={tab.header.id}
      defs={tab.defs}
      stored={tab.values}
      values={valuesOf(tab.values)}
      csrf={c.get('csrfToken')}
      action={dossierPath(tab.header.id, 'annotations')}
      lastUpdatedAt={tab.header.lastAnnotationUpdatedAt}
    />,
  );
});

dossierRoutes.post('/dossiers/:id/annotations', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const f = await form(c);
  const json = (c.req.header('accept') ?? '').includes('application/json');
  const only = str(f, '_only') || undefined;
  const current = await loadAnnotationsTab(app.db, id, c.get('user')!.id, app.clock.now());
  const read = await readFieldsForm(current.defs, f, current.values);
  try {
    const r = await saveAnnotations(app, actorOf(c), { dossierId: id, raw: read.raw, uploads: read.uploads, only });
    if (json)
      return c.json({
        ok: true,
        changed: r.changed,
        message: r.changed.length ? 'Enregistré.' : 'Aucune modification.',
      });
    return redirectWithFlash(c, dossierPath(id, 'annotations', listTabOf(c, f)), {
      kind: 'success',
      message: r.changed.length
        ? 'Les annotations privées ont été enregistrées.'
        : 'Aucune annotation n’a été modifiée.',
    });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'not_found' || e.code === 'forbidden') throw e;
    if (json) return c.json({ ok: false, message: e.message, errors: e.fields ?? {} }, 422);
    return renderDossierTab(
      c,
      current.header,
      'annotations',
      'Annotations privées',
      <AnnotationsView
        dossierId={id}
        defs={current.defs}
        stored={current.values}
        values={{ ...valuesOf(current.values), ...read.raw }}
        csrf={c.get('csrfToken')}
        action={dossierPath(id, 'annotations')}
        errors={e.fields ?? { _: e.message }}
        lastUpdatedAt={current.header.lastAnnotationUpdatedAt}
      />,
      422,
    );
  }
});

// -- Messagerie -----------------------------------------------------------------------------------

async function renderMessagerie(
  c: C,
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

dossierRoutes.get('/dossiers/:id/messagerie', (c) => renderMessagerie(c, idOf(c)));

dossierRoutes.post('/dossiers/:id/messagerie', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const f = await form(c);
  const body = str(f, 'body');
  const awaitingResponse = str(f, 'awaitingResponse') === '1';
  try {
    await sendMessage(app, actorOf(c), {
      dossierId: id,
      as: 'instructeur',
      body,
      files: await uploadsOf(files(f, 'files')),
      awaitingResponse,
    });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'not_found' || e.code === 'forbidden') throw e;
    return renderMessagerie(c, id, { body, awaitingResponse, errors: e.fields ?? { body: e.message } }, 422);
  }
  return redirectWithFlash(c, dossierPath(id, 'messagerie', listTabOf(c, f)), {
    kind: 'success',
    message: 'Votre message a été envoyé.',
  });
});

dossierRoutes.post('/dossiers/:id/messages/:mid/supprimer', async (c) => {
  const id = idOf(c);
  const f = await form(c);
  const back = dossierPath(id, 'messagerie', listTabOf(c, f));
  try {
    await deleteMessage(c.get('app'), actorOf(c), { dossierId: id, messageId: c.req.param('mid') });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'forbidden')
      return redirectWithFlash(c, back, { kind: 'error', message: e.message });
    return refused(c, e, back);
  }
  return redirectWithFlash(c, back, { kind: 'success', message: 'Le message a été supprimé.' });
});

// -- Header: follow, labels -----------------------------------------------------------------------

async function followAction(c: C, which: 'follow' | 'unfollow'): Promise<Response> {
  const id = idOf(c);
  const f = await form(c);
  const back = dossierPath(id, '', listTabOf(c, f));
  try {
    await (which === 'follow' ? followDossier : unfollowDossier)(c.get('app'), actorOf(c), { dossierId: id });
  } catch (e) {
    return refused(c, e, back);
  }
  return redirectWithFlash(c, back, {
    kind: 'success',
    message: which === 'follow' ? `Vous suivez le dossier nº ${id}.` : `Vous ne suivez plus le dossier nº ${id}.`,
  });
}
dossierRoutes.post('/dossiers/:id/suivre', (c) => followAction(c, 'follow'));
dossierRoutes.post('/dossiers/:id/ne-plus-suivre', (c) => followAction(c, 'unfollow'));

dossierRoutes.post('/dossiers/:id/labels', async (c) => {
  const id = idOf(c);
  const f = await form(c);
  const back = dossierPath(id, '', listTabOf(c, f));
  try {
    await setDossierLabels(c.get('app'), actorOf(c), { dossierId: id, labelIds: strs(f, 'labels').filter(Boolean) });
  } catch (e) {
    return refused(c, e, back);
  }
  return redirectWithFlash(c, back, { kind: 'success', message: 'Les labels du dossier ont été enregistrés.' });
});

// -- State actions --------------------------------------------------------------------------------

const DONE: Partial<Record<DossierAction, string>> = {
  passer_en_instruction: 'Le dossier est passé en instruction.',
  repasser_en_construction: 'Le dossier est repassé en construction.',
  demander_correction: "La demande de correction a été envoyée à l'usager. Le dossier est en attente de correction.",
  accepter: 'Le dossier a été accepté.',
  refuser: 'Le dossier a été refusé.',
  classer_sans_suite: 'Le dossier a été classé sans suite.',
  repasser_en_instruction: 'Le dossier est repassé en instruction.',
  archiver: 'Le dossier a été archivé.',
  desarchiver: 'Le dossier a été désarchivé.',
  supprimer: 'Le dossier a été mis à la corbeille.',
  restaurer: 'Le dossier a été restauré.',
  prolonger_conservation: "La conservation du dossier a été prolongée d'un mois.",
};

/** Buttons of the header that apply at once (the others open their page). */
dossierRoutes.post('/dossiers/:id/actions', async (c) => {
  const id = idOf(c);
  const f = await form(c);
  const back = dossierPath(id, '', listTabOf(c, f));
  const action = str(f, 'action') as DossierAction;
  if (Object.hasOwn(STEP_ACTIONS, action)) {
    // an action with its own page (form or confirmation): there, once the access is checked
    await loadDossierHeader(c.get('app').db, id, { userId: c.get('user')!.id });
    return c.redirect(dossierPath(id, `actions/${STEP_ACTIONS[action]}`, listTabOf(c, f)), 303);
  }
  try {
    await transitionDossier(c.get('app'), actorOf(c), { dossierId: id, action, lockVersion: lockVersionOf(f) });
  } catch (e) {
    return refused(c, e, back);
  }
  return redirectWithFlash(c, back, { kind: 'success', message: DONE[action] ?? 'Action effectuée.' });
});

const SLUGS = Object.fromEntries(Object.entries(STEP_ACTIONS).map(([a, s]) => [s, a as DossierAction])) as Record<
  string,
  DossierAction
>;

function stepAction(c: C): DossierAction {
  const slug = c.req.param('slug') ?? '';
  const a = Object.hasOwn(SLUGS, slug) ? SLUGS[slug] : undefined;
  if (!a) throw notFound();
  return a;
}

async function stepPage(
  c: C,
  h: DossierHeader,
  action: DossierAction,
  state: { values?: Record<string, string>; errors?: Record<string, string> | null; error?: string | null } = {},
  status: 200 | 422 = 200,
) {
  const listTab = listTabOf(c);
  const csrf = c.get('csrfToken');
  const titles: Record<string, string> = {
    demander_correction: 'Demander une correction',
    accepter: 'Accepter le dossier',
    refuser: 'Refuser le dossier',
    classer_sans_suite: 'Classer sans suite',
    repasser_en_construction: 'Repasser en construction',
    repasser_en_instruction: 'Repasser en instruction',
  };
  let body: unknown;
  if (action === 'demander_correction') {
    body = (
      <CorrectionPage
        h={h}
        csrf={csrf}
        listTab={listTab}
        values={{ message: state.values?.correctionMessage, reason: state.values?.correctionReason }}
        errors={state.errors}
      />
    );
  } else if (action === 'accepter' || action === 'refuser' || action === 'classer_sans_suite') {
    body = (
      <DecisionPage
        h={h}
        action={action}
        csrf={csrf}
        listTab={listTab}
        values={{ motivation: state.values?.motivation }}
        errors={state.errors}
      />
    );
  } else {
    body = (
      <ConfirmPage
        h={h}
        action={action}
        csrf={csrf}
        listTab={listTab}
        warning={action === 'repasser_en_instruction' ? decisionAgeWarning(h.facts, h.now) : null}
        error={state.error}
      />
    );
  }
  return page(c, { title: `${titles[action]} — dossier nº ${h.id}`, nav: 'procedures' }, body as never, status);
}

dossierRoutes.get('/dossiers/:id/actions/:slug', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const action = stepAction(c);
  const h = await loadDossierHeader(app.db, id, { userId: c.get('user')!.id }, { now: app.clock.now() });
  if (!h.actions.includes(action)) {
    return redirectWithFlash(c, dossierPath(id, '', listTabOf(c)), {
      kind: 'error',
      message: `Action impossible dans l'état actuel du dossier.`,
    });
  }
  return stepPage(c, h, action);
});

dossierRoutes.post('/dossiers/:id/actions/:slug', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const action = stepAction(c);
  const f = await form(c);
  const listTab = listTabOf(c, f);
  const back = dossierPath(id, '', listTab);
  const values: Record<string, string> = {
    motivation: str(f, 'motivation'),
    correctionMessage: str(f, 'correctionMessage'),
    correctionReason: str(f, 'correctionReason'),
  };
  try {
    if (action === 'accepter' || action === 'refuser' || action === 'classer_sans_suite') {
      const [file] = await uploadsOf(files(f, 'justificatif'));
      await decideDossier(app, actorOf(c), {
        dossierId: id,
        action,
        motivation: values.motivation,
        justificatif: file,
        lockVersion: lockVersionOf(f),
      });
    } else if (action === 'demander_correction') {
      const reason = values.correctionReason;
      if (reason && !['incorrect', 'incomplete', 'outdated'].includes(reason))
        throw new DomainError('invalid_input', 'Motif de correction inconnu.', {
          correctionReason: 'Motif de correction inconnu.',
        });
      await transitionDossier(app, actorOf(c), {
        dossierId: id,
        action,
        correctionMessage: values.correctionMessage,
        correctionReason: (reason || 'incorrect') as 'incorrect',
        lockVersion: lockVersionOf(f),
      });
    } else {
      await transitionDossier(app, actorOf(c), { dossierId: id, action, lockVersion: lockVersionOf(f) });
    }
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'invalid_input' || e.code === 'invalid_transition')) {
      // the form again, with what was typed, when the action is still possible (missing motivation,
      // file refused, mandatory annotations…); otherwise the dossier with the reason
      const h = await loadDossierHeader(app.db, id, { userId: c.get('user')!.id }, { now: app.clock.now() });
      if (h.actions.includes(action))
        return stepPage(c, h, action, { values, errors: e.fields ?? { _: e.message }, error: e.message }, 422);
    }
    return refused(c, e, back);
  }
  return redirectWithFlash(c, back, { kind: 'success', message: DONE[action] ?? 'Action effectuée.' });
});

// -- Attestation preview (before « Valider la décision »): rendered, not stored ------------------

async function attestationPreview(c: C, motivation: string): Promise<Response> {
  const app: Services = c.get('app');
  const id = idOf(c);
  const now = app.clock.now();
  const h = await loadDossierHeader(app.db, id, { userId: c.get('user')!.id }, { now });
  if (!h.attestationActive) throw notFound("Cette démarche n'a pas d'attestation à prévisualiser.");
  const src = await loadAttestationSource(app.db, id, { motivation: motivation.trim() || null, decisionDate: now });
  const pdf = await attestationPdf(src, { preview: true, now });
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition('inline', `apercu-attestation-dossier-${id}.pdf`),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The attestation of an accepted dossier (produced now if the job has not run yet). */
dossierRoutes.get('/dossiers/:id/attestation', async (c) => {
  const app = c.get('app');
  const h = await loadDossierHeader(app.db, idOf(c), { userId: c.get('user')!.id });
  const fileId = h.state === 'accepte' || h.hasAttestation ? await attestationFileId(app, h.id) : null;
  if (!fileId) throw notFound("Ce dossier n'a pas d'attestation.");
  return c.redirect(filePath(fileId), 302);
});

dossierRoutes.get('/dossiers/:id/attestation/apercu', (c) =>
  attestationPreview(c, (c.req.query('motivation') ?? '').slice(0, 5000)),
);
dossierRoutes.post('/dossiers/:id/attestation/apercu', async (c) =>
  attestationPreview(c, str(await form(c), 'motivation').slice(0, 5000)),
);
