// « Avis externes » of the dossier page: the avis asked, « Demander un avis », « Relancer »,
// « Révoquer » (docs/interface.md §3).
import { Hono, type Context } from 'hono';
import { avisRequestRefusal } from '../../../domain/avis.ts';
import { remindAvis } from '../../../features/avis/remind-avis.ts';
import { requestAvis } from '../../../features/avis/request-avis.ts';
import { revokeAvis } from '../../../features/avis/revoke-avis.ts';
import { loadAvisPanel } from '../../../queries/avis.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { AVIS_REQUEST_FIELDS, readAvisRequest } from '../../forms/avis-request.ts';
import { AvisView, type AvisRequestForm } from '../../views/dossier/avis.tsx';
import { dossierPath } from '../../views/dossier/links.ts';
import { idOf, listTabOf, markSeen, renderDossierTab, TabForm } from './dossier-context.tsx';

export const dossierAvisRoutes = new Hono<Env>();

async function renderAvis(c: Context<Env>, id: string, form?: AvisRequestForm) {
  const app = c.get('app');
  const now = app.clock.now();
  const tab = await loadAvisPanel(app.db, id, c.get('user')!.id, now);
  if (!form) await markSeen(c, tab.header, 'avis');
  const listTab = listTabOf(c);
  const suffix = listTab ? `?tab=${encodeURIComponent(listTab)}` : '';
  return renderDossierTab(
    c,
    tab.header,
    'avis',
    'Avis externes',
    <AvisView
      avis={tab.avis}
      settings={tab.settings}
      csrf={c.get('csrfToken')}
      refusal={avisRequestRefusal(tab.header.state, tab.settings)}
      requestAction={dossierPath(id, 'avis', listTab)}
      remindAction={(aid) => `${dossierPath(id, `avis/${aid}/relancer`)}${suffix}`}
      revokeAction={(aid) => `${dossierPath(id, `avis/${aid}/revoquer`)}${suffix}`}
      listTab={listTab}
      now={now}
      form={form}
    />,
    form ? 422 : 200,
  );
}

dossierAvisRoutes.get('/dossiers/:id/avis', (c) => renderAvis(c, idOf(c)));

const RequestForm = TabForm.extend(AVIS_REQUEST_FIELDS);

dossierAvisRoutes.post('/dossiers/:id/avis', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, RequestForm);
  const { kept, file } = await readAvisRequest(f);
  return runCommand(
    c,
    requestAvis,
    { dossierIds: [id], as: 'instructeur', ...kept, file },
    {
      refused: (e) => renderAvis(c, id, { ...kept, errors: e.fields ?? { emails: e.message } }),
      done: (r) =>
        redirectWithFlash(c, dossierPath(id, 'avis', listTabOf(c, f.tab)), {
          kind: 'success',
          message:
            r.avis.length > 1
              ? `Une demande d'avis a été envoyée à ${r.avis.length} experts.`
              : `Une demande d'avis a été envoyée à ${r.avis[0]?.email ?? "l'expert"}.`,
        }),
    },
  );
});

dossierAvisRoutes.post('/dossiers/:id/avis/:avisId/relancer', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, TabForm);
  const back = dossierPath(id, 'avis', listTabOf(c, f.tab));
  return runCommand(
    c,
    remindAvis,
    { dossierId: id, avisId: c.req.param('avisId') },
    {
      back,
      done: (r) => redirectWithFlash(c, back, { kind: 'success', message: `${r.email} a été relancé par e-mail.` }),
    },
  );
});

dossierAvisRoutes.post('/dossiers/:id/avis/:avisId/revoquer', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, TabForm);
  const back = dossierPath(id, 'avis', listTabOf(c, f.tab));
  return runCommand(
    c,
    revokeAvis,
    { dossierId: id, avisId: c.req.param('avisId') },
    {
      back,
      done: (r) =>
        redirectWithFlash(c, back, { kind: 'success', message: `La demande d'avis à ${r.email} a été révoquée.` }),
    },
  );
});
