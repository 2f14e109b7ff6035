// « Réaffectation » of the dossier page: move the dossier to another group of instructors (only on
// procedures with several groups).
import { Hono, type Context } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { reassignDossier } from '../../../features/reassignment/reassign-dossier.ts';
import { loadReaffectationTab } from '../../../queries/reaffectation.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { dossierPath } from '../../views/dossier/links.ts';
import { ReaffectationView } from '../../views/dossier/reaffectation.tsx';
import { listHref } from '../../views/work-list/links.ts';
import { idOf, listTabOf, renderDossierTab, TabForm } from './dossier-context.tsx';

export const dossierReaffectationRoutes = new Hono<Env>();

async function renderReaffectation(
  c: Context<Env>,
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

dossierReaffectationRoutes.get('/dossiers/:id/reaffectation', (c) => renderReaffectation(c, idOf(c)));

const ReassignForm = TabForm.extend({ groupeId: field.text(), lockVersion: field.lockVersion() });

dossierReaffectationRoutes.post('/dossiers/:id/reaffectation', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, ReassignForm);
  return runCommand(
    c,
    reassignDossier,
    { dossierId: id, groupeId: f.groupeId, lockVersion: f.lockVersion },
    {
      // a stale page: the conflict message on the fresh tab
      back: dossierPath(id, 'reaffectation'),
      refused: (e) =>
        e.code === 'conflict'
          ? undefined
          : renderReaffectation(c, id, { selected: f.groupeId, error: e.fields?.groupeId ?? e.message }, 422),
      done: (r) => {
        const done = `Le dossier nº ${id} a été réaffecté au groupe « ${r.toLabel} ».`;
        if (!r.actorStillInstructs) {
          return redirectWithFlash(c, listHref(r.procedureId), {
            kind: 'info',
            message: `${done} Vous ne faites pas partie de ce groupe : ce dossier n'apparaît plus dans vos listes.`,
          });
        }
        return redirectWithFlash(c, dossierPath(id, 'reaffectation', listTabOf(c, f.tab)), {
          kind: 'success',
          message: done,
        });
      },
    },
  );
});
