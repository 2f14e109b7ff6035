// « Rendez-vous » of the dossier page (procedures that enable them): propose one, change it, cancel it.
import { Hono, type Context } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { cancelRendezVous } from '../../../features/rendez-vous/cancel-rendez-vous.ts';
import { proposeRendezVous } from '../../../features/rendez-vous/propose-rendez-vous.ts';
import { updateRendezVous } from '../../../features/rendez-vous/update-rendez-vous.ts';
import { loadRendezVousTab } from '../../../queries/rendez-vous.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { dossierPath } from '../../views/dossier/links.ts';
import {
  formValuesOf,
  RendezVousEditView,
  RendezVousView,
  type RdvFormValues,
} from '../../views/dossier/rendez-vous.tsx';
import { idOf, listTabOf, renderDossierTab, TabForm } from './dossier-context.tsx';

export const dossierRendezVousRoutes = new Hono<Env>();

type C = Context<Env>;

const RdvForm = TabForm.extend({
  date: field.text(),
  time: field.text(),
  duration: field.text(),
  mode: field.text(),
  place: field.text(),
});

async function readRdv(c: C): Promise<{ tab: string; values: RdvFormValues }> {
  const { tab, ...values } = await readForm(c, RdvForm);
  return { tab, values };
}

async function rdvTab(c: C, id: string) {
  const app = c.get('app');
  const tab = await loadRendezVousTab(app.db, id, c.get('user')!.id, app.clock.now());
  // the tab exists when the procedure enables rendez-vous (or when some were proposed before)
  if (!tab.header.rdvEnabled && tab.rendezVous.length === 0)
    throw notFound("La prise de rendez-vous n'est pas activée sur cette démarche.");
  return tab;
}

/** A refused form: what was typed and the errors (the page answers 422). */
type RdvFormState = { values: RdvFormValues; errors: Record<string, string> };

/** The tab with its proposal form, or (`edit`) the form changing the rendez-vous of the path. */
async function renderRdv(c: C, id: string, edit: boolean, refused?: RdvFormState) {
  const tab = await rdvTab(c, id);
  const status = refused ? 422 : 200;
  if (!edit)
    return renderDossierTab(
      c,
      tab.header,
      'rendez-vous',
      'Rendez-vous',
      <RendezVousView tab={tab} csrf={c.get('csrfToken')} values={refused?.values} errors={refused?.errors} />,
      status,
    );
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
    <RendezVousEditView
      tab={tab}
      r={r}
      csrf={c.get('csrfToken')}
      values={refused?.values ?? formValuesOf(r)}
      errors={refused?.errors}
    />,
    status,
  );
}

dossierRendezVousRoutes.get('/dossiers/:id/rendez-vous', (c) => renderRdv(c, idOf(c), false));

dossierRendezVousRoutes.post('/dossiers/:id/rendez-vous', async (c) => {
  const id = idOf(c);
  const { tab, values } = await readRdv(c);
  return runCommand(
    c,
    proposeRendezVous,
    { dossierId: id, ...values },
    {
      refused: (e) => renderRdv(c, id, false, { values, errors: e.fields ?? { _: e.message } }),
      done: () =>
        redirectWithFlash(c, dossierPath(id, 'rendez-vous', listTabOf(c, tab)), {
          kind: 'success',
          message: "Le rendez-vous a été proposé à l'usager ; il le reçoit par e-mail.",
        }),
    },
  );
});

dossierRendezVousRoutes.get('/dossiers/:id/rendez-vous/:rid/modifier', (c) => renderRdv(c, idOf(c), true));

dossierRendezVousRoutes.post('/dossiers/:id/rendez-vous/:rid/modifier', async (c) => {
  const id = idOf(c);
  const { tab, values } = await readRdv(c);
  return runCommand(
    c,
    updateRendezVous,
    { dossierId: id, rendezVousId: c.req.param('rid'), ...values },
    {
      // a rendez-vous that can no longer change: said on the tab; bad input: the form again
      back: dossierPath(id, 'rendez-vous'),
      refused: (e) =>
        e.code === 'invalid_transition'
          ? undefined
          : renderRdv(c, id, true, { values, errors: e.fields ?? { _: e.message } }),
      done: () =>
        redirectWithFlash(c, dossierPath(id, 'rendez-vous', listTabOf(c, tab)), {
          kind: 'success',
          message: "Le rendez-vous a été modifié ; l'usager reçoit le nouveau créneau par e-mail.",
        }),
    },
  );
});

dossierRendezVousRoutes.post('/dossiers/:id/rendez-vous/:rid/annuler', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, TabForm);
  const back = dossierPath(id, 'rendez-vous', listTabOf(c, f.tab));
  return runCommand(
    c,
    cancelRendezVous,
    { dossierId: id, rendezVousId: c.req.param('rid') },
    {
      back,
      done: () =>
        redirectWithFlash(c, back, {
          kind: 'success',
          message: "Le rendez-vous a été annulé ; l'usager en est informé par e-mail.",
        }),
    },
  );
});
