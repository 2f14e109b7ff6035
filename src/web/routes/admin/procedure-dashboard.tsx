// The dashboard of one procedure and its publication actions: « Publier », « Publier les
// modifications », « Clore », « Dépublier », « Réactiver » (docs/interface.md §A).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { publicationBlockers } from '../../../domain/procedure.ts';
import { assertAdminister } from '../../../domain/permissions.ts';
import { changeProcedureState } from '../../../features/procedures/change-procedure-state.ts';
import { publishProcedure } from '../../../features/procedures/publish-procedure.ts';
import { loadAccess } from '../../../queries/access.ts';
import { procedureCounts, procedureForAdmin, publicationFacts } from '../../../queries/admin-procedure.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { adminHref, ProcedureDashboardView } from '../../views/admin/procedure.tsx';

export const adminProcedureDashboardRoutes = new Hono<Env>();

/** The procedure as its administrator sees it; 404 for anyone else. */
export async function adminProcedure(c: Context<Env>, id: string) {
  const app = c.get('app');
  assertAdminister(await loadAccess(app.db, c.get('user')!.id), id);
  return procedureForAdmin(app.db, id);
}

adminProcedureDashboardRoutes.get('/procedures/:id{[0-9]+}', async (c) => {
  const p = await adminProcedure(c, c.req.param('id'));
  const counts = await procedureCounts(c.get('app').db, p.id);
  const hasChanges =
    p.published_fields === null ||
    JSON.stringify(p.draft_fields) !== JSON.stringify(p.published_fields) ||
    JSON.stringify(p.draft_annotations) !== JSON.stringify(p.published_annotations);
  return page(
    c,
    { title: p.title, nav: 'admin' },
    <ProcedureDashboardView
      p={p}
      counts={counts}
      blockers={publicationBlockers(publicationFacts(p, counts))}
      hasChanges={hasChanges}
      csrf={c.get('csrfToken')}
      appUrl={c.get('app').config.appUrl}
    />,
  );
});

adminProcedureDashboardRoutes.post('/procedures/:id{[0-9]+}/publier', (c) => {
  const id = c.req.param('id');
  return runCommand(
    c,
    publishProcedure,
    { procedureId: id },
    {
      back: adminHref(id),
      done: (r) =>
        redirectWithFlash(c, adminHref(id), {
          kind: 'success',
          message: r.first
            ? `La démarche est publiée.${r.deletedTestDossiers ? ` ${r.deletedTestDossiers} dossier(s) de test supprimé(s).` : ''}`
            : `Les modifications sont publiées. ${r.movedDossiers} dossier(s) en cours passent à la nouvelle version du formulaire.`,
        }),
    },
  );
});

const MESSAGES = {
  clore: 'La démarche est close.',
  depublier: 'La démarche est dépubliée.',
  reactiver: 'La démarche est réactivée.',
};

for (const action of ['clore', 'depublier', 'reactiver'] as const) {
  adminProcedureDashboardRoutes.post(`/procedures/:id{[0-9]+}/${action}`, async (c) => {
    const id = c.req.param('id');
    const { closingMessage } = await readForm(c, z.object({ closingMessage: field.text() }));
    return runCommand(
      c,
      changeProcedureState,
      { procedureId: id, action, closingMessage },
      {
        back: adminHref(id),
        done: () => redirectWithFlash(c, adminHref(id), { kind: 'success', message: MESSAGES[action] }),
      },
    );
  });
}
