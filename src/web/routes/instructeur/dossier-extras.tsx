// The instructor's dossier page, part two: « Personnes impliquées » (and « Envoyer à un
// instructeur »), « Réaffectation », « Rendez-vous », « Télécharger le dossier (PDF) », and the
// procedure's « Dossiers supprimés ». Mounted under /instructeur (requireRole('instructeur')) by
// ./dossier.tsx. Every page checks the access through the domain (an instructor of another group
// gets 404), every write is a command, bad input gets its French message on the form again.
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { renderDossierPdf } from '../../../platform/documents/dossier-pdf.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { contentDisposition } from '../../../platform/http/content-disposition.ts';
import { CONFLICT_MESSAGE } from '../../../features/instruction/transition.ts';
import { reassignDossier } from '../../../features/reassignment/reassign-dossier.ts';
import { sendDossierToInstructeurs } from '../../../features/reassignment/send-to-instructeurs.ts';
import { cancelRendezVous } from '../../../features/rendez-vous/cancel-rendez-vous.ts';
import { proposeRendezVous } from '../../../features/rendez-vous/propose-rendez-vous.ts';
import { updateRendezVous } from '../../../features/rendez-vous/update-rendez-vous.ts';
import { loadDeletedDossiers } from '../../../queries/deleted-dossiers.ts';
import { loadDossierPdfSource } from '../../../queries/dossier-export.ts';
import { loadPersonnesTab } from '../../../queries/personnes.ts';
import { loadReaffectationTab } from '../../../queries/reaffectation.ts';
import { loadRendezVousTab } from '../../../queries/rendez-vous.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { form, str, strs, type FormData } from '../../form-data.ts';
import { page } from '../../render.tsx';
import { DeletedDossiersView } from '../../views/dossier/deleted-dossiers.tsx';
import { dossierPath } from '../../views/dossier/links.ts';
import { PersonnesView, type SendFormState } from '../../views/dossier/personnes.tsx';
import { ReaffectationView } from '../../views/dossier/reaffectation.tsx';
import {
  formValuesOf,
  RendezVousEditView,
  RendezVousView,
  type RdvFormValues,
} from '../../views/dossier/rendez-vous.tsx';
import { listHref } from '../../views/work-list/links.ts';
import { actorOf, idOf, listTabOf, renderDossierTab } from './dossier-context.tsx';

export const dossierExtrasRoutes = new Hono<Env>();

type C = Context<Env>;

/** User input refused by the domain (form errors, refused transitions, stale page): not a 500. */
function isUserError(e: unknown): e is DomainError {
  return (
    e instanceof DomainError && (e.code === 'invalid_input' || e.code === 'invalid_transition' || e.code === 'conflict')
  );
}

// ---------------------------------------------------------------------------------------------
// Personnes impliquées, Envoyer à un instructeur

async function renderPersonnes(c: C, id: string, send?: SendFormState, status: 200 | 422 = 200) {
  const app = c.get('app');
  const tab = await loadPersonnesTab(app.db, id, c.get('user')!.id, app.clock.now());
  return renderDossierTab(
    c,
    tab.header,
    'personnes',
    'Personnes impliquées',
    <PersonnesView tab={tab} csrf={c.get('csrfToken')} send={send} />,
    status,
  );
}

dossierExtrasRoutes.get('/dossiers/:id/personnes', (c) => renderPersonnes(c, idOf(c)));

dossierExtrasRoutes.post('/dossiers/:id/personnes', async (c) => {
  const id = idOf(c);
  const f = await form(c);
  const selected = strs(f, 'instructeurIds').filter(Boolean);
  let sentTo: string[];
  try {
    ({ sentTo } = await sendDossierToInstructeurs(c.get('app'), actorOf(c), {
      dossierId: id,
      instructeurIds: selected,
    }));
  } catch (e) {
    if (!isUserError(e)) throw e;
    return renderPersonnes(c, id, { selected, error: e.fields?.instructeurIds ?? e.message }, 422);
  }
  const message =
    sentTo.length > 1
      ? `Le dossier nº ${id} a été envoyé à ${sentTo.join(', ')}.`
      : `Le dossier nº ${id} a été envoyé à ${sentTo[0]}.`;
  return redirectWithFlash(c, dossierPath(id, 'personnes', listTabOf(c, f)), { kind: 'success', message });
});

// ---------------------------------------------------------------------------------------------
// Réaffectation

async function renderReaffectation(
  c: C,
  id: string,
  state: { selected?: string; error?: string | null } = {},
  status: 200 | 422 = 200,
) {
  const app = c.get('app');
  const tab = await loadReaffectationTab(app.db, id, c.get('user')!.id, app.clock.now());
  // the tab exists only for procedures with several groups
  if (tab.header.groupCount < 2 && tab.history.length === 0)
    throw notFound("Cette démarche n'a qu'un seul groupe d'instructeurs.");
  return renderDossierTab(
    c,
    tab.header,
    'reaffectation',
    'Réaffectation',
    <ReaffectationView tab={tab} csrf={c.get('csrfToken')} selected={state.selected} error={state.error} />,
    status,
  );
}

dossierExtrasRoutes.get('/dossiers/:id/reaffectation', (c) => renderReaffectation(c, idOf(c)));

dossierExtrasRoutes.post('/dossiers/:id/reaffectation', async (c) => {
  const id = idOf(c);
  const f = await form(c);
  const groupeId = str(f, 'groupeId');
  const lock = str(f, 'lockVersion');
  let r: Awaited<ReturnType<typeof reassignDossier>>;
  try {
    r = await reassignDossier(c.get('app'), actorOf(c), {
      dossierId: id,
      groupeId,
      lockVersion: /^[0-9]{1,9}$/.test(lock) ? Number(lock) : undefined,
    });
  } catch (e) {
    if (!isUserError(e)) throw e;
    if (e.code === 'conflict')
      return redirectWithFlash(c, dossierPath(id, 'reaffectation'), { kind: 'error', message: CONFLICT_MESSAGE });
    return renderReaffectation(c, id, { selected: groupeId, error: e.fields?.groupeId ?? e.message }, 422);
  }
  const done = `Le dossier nº ${id} a été réaffecté au groupe « ${r.toLabel} ».`;
  if (!r.actorStillInstructs) {
    return redirectWithFlash(c, listHref(r.procedureId), {
      kind: 'info',
      message: `${done} Vous ne faites pas partie de ce groupe : ce dossier n'apparaît plus dans vos listes.`,
    });
  }
  return redirectWithFlash(c, dossierPath(id, 'reaffectation', listTabOf(c, f)), { kind: 'success', message: done });
});

// ---------------------------------------------------------------------------------------------
// Rendez-vous

function rdvValues(f: FormData): RdvFormValues {
  return {
    date: str(f, 'date'),
    time: str(f, 'time'),
    duration: str(f, 'duration'),
    mode: str(f, 'mode'),
    place: str(f, 'place'),
  };
}

async function rdvTab(c: C, id: string) {
  const app = c.get('app');
  const tab = await loadRendezVousTab(app.db, id, c.get('user')!.id, app.clock.now());
  // the tab exists when the procedure enables rendez-vous (or when some were proposed before)
  if (!tab.header.rdvEnabled && tab.rendezVous.length === 0)
    throw notFound("La prise de rendez-vous n'est pas activée sur cette démarche.");
  return tab;
}

async function renderRendezVous(
  c: C,
  id: string,
  values?: RdvFormValues,
  errors?: Record<string, string> | null,
  status: 200 | 422 = 200,
) {
  const tab = await rdvTab(c, id);
  return renderDossierTab(
    c,
    tab.header,
    'rendez-vous',
    'Rendez-vous',
    <RendezVousView tab={tab} csrf={c.get('csrfToken')} values={values} errors={errors} />,
    status,
  );
}

dossierExtrasRoutes.get('/dossiers/:id/rendez-vous', (c) => renderRendezVous(c, idOf(c)));

dossierExtrasRoutes.post('/dossiers/:id/rendez-vous', async (c) => {
  const id = idOf(c);
  const f = await form(c);
  const values = rdvValues(f);
  try {
    await proposeRendezVous(c.get('app'), actorOf(c), { dossierId: id, ...values });
  } catch (e) {
    if (!isUserError(e)) throw e;
    return renderRendezVous(c, id, values, e.fields ?? { _: e.message }, 422);
  }
  return redirectWithFlash(c, dossierPath(id, 'rendez-vous', listTabOf(c, f)), {
    kind: 'success',
    message: "Le rendez-vous a été proposé à l'usager ; il le reçoit par e-mail.",
  });
});

async function renderRdvEdit(
  c: C,
  id: string,
  values?: RdvFormValues,
  errors?: Record<string, string> | null,
  status: 200 | 422 = 200,
) {
  const tab = await rdvTab(c, id);
  const r = tab.rendezVous.find((x) => x.id === c.req.param('rid'));
  if (!r) throw notFound('Rendez-vous introuvable.');
  if (r.cancelledAt)
    return redirectWithFlash(c, dossierPath(id, 'rendez-vous'), {
      kind: 'error',
      message: 'Ce rendez-vous a déjà été annulé.',
    });
  return renderDossierTab(
    c,
    tab.header,
    'rendez-vous',
    'Modifier le rendez-vous',
    <RendezVousEditView tab={tab} r={r} csrf={c.get('csrfToken')} values={values ?? formValuesOf(r)} errors={errors} />,
    status,
  );
}

dossierExtrasRoutes.get('/dossiers/:id/rendez-vous/:rid/modifier', (c) => renderRdvEdit(c, idOf(c)));

dossierExtrasRoutes.post('/dossiers/:id/rendez-vous/:rid/modifier', async (c) => {
  const id = idOf(c);
  const f = await form(c);
  const values = rdvValues(f);
  try {
    await updateRendezVous(c.get('app'), actorOf(c), { dossierId: id, rendezVousId: c.req.param('rid'), ...values });
  } catch (e) {
    if (!isUserError(e)) throw e;
    if (e.code === 'invalid_transition')
      return redirectWithFlash(c, dossierPath(id, 'rendez-vous'), { kind: 'error', message: e.message });
    return renderRdvEdit(c, id, values, e.fields ?? { _: e.message }, 422);
  }
  return redirectWithFlash(c, dossierPath(id, 'rendez-vous', listTabOf(c, f)), {
    kind: 'success',
    message: "Le rendez-vous a été modifié ; l'usager reçoit le nouveau créneau par e-mail.",
  });
});

dossierExtrasRoutes.post('/dossiers/:id/rendez-vous/:rid/annuler', async (c) => {
  const id = idOf(c);
  const f = await form(c);
  const back = dossierPath(id, 'rendez-vous', listTabOf(c, f));
  try {
    await cancelRendezVous(c.get('app'), actorOf(c), { dossierId: id, rendezVousId: c.req.param('rid') });
  } catch (e) {
    if (!isUserError(e)) throw e;
    return redirectWithFlash(c, back, { kind: 'error', message: e.message });
  }
  return redirectWithFlash(c, back, {
    kind: 'success',
    message: "Le rendez-vous a été annulé ; l'usager en est informé par e-mail.",
  });
});

// ---------------------------------------------------------------------------------------------
// Télécharger le dossier (PDF)

dossierExtrasRoutes.get('/dossiers/:id/pdf', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const src = await loadDossierPdfSource(app.db, id, c.get('user')!.id, app.clock.now());
  const doc = renderDossierPdf(src);
  return new Response(Readable.toWeb(doc as unknown as Readable) as unknown as ReadableStream, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition('attachment', `dossier-${id}.pdf`),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});

// ---------------------------------------------------------------------------------------------
// Dossiers supprimés (tombstones) of a procedure

dossierExtrasRoutes.get('/procedures/:id/dossiers-supprimes', async (c) => {
  const app = c.get('app');
  const raw = c.req.query('page') ?? '1';
  const wanted = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : 1;
  const p = await loadDeletedDossiers(app.db, c.req.param('id'), c.get('user')!.id, wanted);
  if (p.page > p.pageCount)
    return c.redirect(
      `/instructeur/procedures/${p.procedureId}/dossiers-supprimes${p.pageCount > 1 ? `?page=${p.pageCount}` : ''}`,
      302,
    );
  return page(
    c,
    { title: `Dossiers supprimés — ${p.procedureTitle}`, nav: 'procedures' },
    <DeletedDossiersView p={p} />,
  );
});
