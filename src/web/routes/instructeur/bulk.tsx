// « Instruction en masse » from the list (docs/interface.md §4): the selection form posts the tab,
// the checked dossier_ids or tout=1 (every dossier of the tab with its filters) and the action; one
// command records the operation, a job carries it out. The banners' frame is reloaded by the page
// while an operation runs; « Masquer ce message » dismisses a finished one.
import { Hono } from 'hono';
import { z } from 'zod';
import { BULK_ACTION_DONE, BULK_ACTIONS, BULK_DECISIONS, type BulkAction } from '../../../domain/bulk.ts';
import { createBulkOperation } from '../../../features/bulk/create-bulk-operation.ts';
import { dismissBulkOperation } from '../../../features/bulk/dismiss-bulk-operation.ts';
import { bulkBanners } from '../../../queries/bulk-operations.ts';
import { loadListContext } from '../../../queries/list-context.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm, uploadsOf } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { BulkBanners } from '../../views/work-list/bulk.tsx';
import { listHref } from '../../views/work-list/links.ts';
import { postedTab, tabParam } from './list-common.ts';

export const bulkRoutes = new Hono<Env>();

const BulkForm = z.object({
  statut: postedTab(),
  tout: field.flag(),
  dossier_ids: field.choices(),
  action: field.oneOf([...BULK_ACTIONS, 'decision', ''] as const, ''),
  decision: field.oneOf([...BULK_DECISIONS, ''] as (BulkAction | '')[], ''),
  motivation: field.text(),
  label: field.text(),
  message: field.text(),
  experts: field.text(),
  avis_message: field.text(),
  question: field.text(),
  confidentiel: field.flag(),
  justificatif: field.files(),
  avis_fichier: field.files(),
});

bulkRoutes.post('/procedures/:id/actions-de-masse', async (c) => {
  const id = c.req.param('id');
  const f = await readForm(c, BulkForm);
  const back = listHref(id, { tab: f.statut });
  const action = f.action === 'decision' ? f.decision : f.action;
  if (!action) return redirectWithFlash(c, back, { kind: 'error', message: 'Choisissez une action.' });
  const [justificatif] = await uploadsOf(f.justificatif);
  const [avisFile] = await uploadsOf(f.avis_fichier);
  return runCommand(
    c,
    createBulkOperation,
    {
      procedureId: id,
      action,
      tab: f.statut,
      all: f.tout,
      dossierIds: f.tout ? [] : f.dossier_ids,
      motivation: f.motivation || undefined,
      labelId: f.label || undefined,
      message: (action === 'demander_avis' ? f.avis_message : f.message) || undefined,
      experts: f.experts || undefined,
      question: f.question || undefined,
      confidentiel: f.confidentiel,
      justificatif,
      avisFile,
    },
    {
      back,
      done: () =>
        redirectWithFlash(c, back, {
          kind: 'success',
          message: `${BULK_ACTION_DONE[action]} : l'action de masse a commencé.`,
        }),
    },
  );
});

const DismissForm = z.object({ statut: postedTab() });

bulkRoutes.post('/procedures/:id/actions-de-masse/:op/masquer', async (c) => {
  const id = c.req.param('id');
  const f = await readForm(c, DismissForm);
  const back = listHref(id, { tab: f.statut });
  return runCommand(
    c,
    dismissBulkOperation,
    { operationId: c.req.param('op') },
    { back, done: () => c.redirect(back, 303) },
  );
});

/** The banners alone (the frame the page reloads while an operation runs). */
bulkRoutes.get('/procedures/:id/actions-de-masse', async (c) => {
  const app = c.get('app');
  const user = c.get('user')!;
  const ctx = await loadListContext(app.db, user.id, c.req.param('id'));
  const t = tabParam(c.req.query('statut'), ctx);
  const banners = await bulkBanners(app.db, user.id, ctx.procedure.id, app.clock.now());
  return page(
    c,
    { title: `${ctx.procedure.title} — actions de masse`, nav: 'procedures' },
    <>
      <h1 class="fr-h4">Actions de masse</h1>
      <BulkBanners csrf={c.get('csrfToken')} procedureId={ctx.procedure.id} tab={t.tab} banners={banners} />
    </>,
  );
});
