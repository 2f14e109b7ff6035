// « Groupes d'instructeurs » of a procedure (docs/interface.md §A): invite, re-send, remove
// instructors; create, rename, close groups and their routing rules with a preview; CSV import; the
// procedure's administrators. Each form posts to its own action, which runs one command.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { DomainError } from '../../../domain/errors.ts';
import { inviteInstructeur } from '../../../features/accounts/invite-instructeur.ts';
import { createGroupe } from '../../../features/procedures/create-groupe.ts';
import { importGroupes } from '../../../features/procedures/import-groupes.ts';
import { inviteAdministrateur } from '../../../features/procedures/invite-administrateur.ts';
import { leaveProcedure } from '../../../features/procedures/leave-procedure.ts';
import { removeInstructeur } from '../../../features/procedures/remove-instructeur.ts';
import { setRoutingRule } from '../../../features/procedures/set-routing-rule.ts';
import { updateGroupe } from '../../../features/procedures/update-groupe.ts';
import { procedureGroups } from '../../../queries/admin-procedures.ts';
import { procedureAdministrateurs, routingPreview } from '../../../queries/admin-routing.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { AdminGroupsView, type CsvReport, type GroupesFormState } from '../../views/admin/groupes.tsx';
import { adminHref } from '../../views/admin/procedure.tsx';
import { adminProcedure } from './procedure-dashboard.tsx';

export const adminGroupesRoutes = new Hono<Env>();

async function groupsPage(c: Context<Env>, procedureId: string, form?: GroupesFormState, report?: CsvReport) {
  const app = c.get('app');
  const p = await adminProcedure(c, procedureId);
  const [data, preview, admins] = await Promise.all([
    procedureGroups(app.db, procedureId),
    routingPreview(app.db, procedureId, p.draft_fields),
    procedureAdministrateurs(app.db, procedureId),
  ]);
  return page(
    c,
    { title: `Instructeurs — ${p.title}`, nav: 'admin' },
    <AdminGroupsView
      p={p}
      data={data}
      fields={p.draft_fields}
      preview={preview}
      admins={admins}
      me={c.get('user')!.email}
      csrf={c.get('csrfToken')}
      form={form}
      report={report}
    />,
    form ? 422 : 200,
  );
}

const G = '/procedures/:id{[0-9]+}/groupes';
const back = (id: string) => adminHref(id, 'groupes');
const ok = (c: Context<Env>, id: string, message: string) =>
  redirectWithFlash(c, back(id), { kind: 'success', message });
const again = (c: Context<Env>, id: string, form: string, values: Record<string, string>) => (e: DomainError) =>
  groupsPage(c, id, { form, values, error: Object.values(e.fields ?? {})[0] ?? e.message });

adminGroupesRoutes.get(G, (c) => groupsPage(c, c.req.param('id')));

adminGroupesRoutes.post(`${G}/:groupeId{[0-9]+}/instructeurs`, async (c) => {
  const procedureId = c.req.param('id');
  const groupeId = c.req.param('groupeId');
  await adminProcedure(c, procedureId);
  const { email } = await readForm(c, z.object({ email: field.text() }));
  const shown = email.trim().toLowerCase();
  return runCommand(
    c,
    inviteInstructeur,
    { email, groupeId },
    {
      handles: ['invalid_input'],
      refused: again(c, procedureId, `invite-${groupeId}`, { email }),
      done: (r) =>
        ok(
          c,
          procedureId,
          r.created ? `Invitation envoyée à ${shown}.` : `${shown} a été ajouté au groupe et prévenu par e-mail.`,
        ),
    },
  );
});

adminGroupesRoutes.post(`${G}/:groupeId{[0-9]+}/retirer`, async (c) => {
  const procedureId = c.req.param('id');
  const { email } = await readForm(c, z.object({ email: field.text() }));
  return runCommand(
    c,
    removeInstructeur,
    { procedureId, groupeId: c.req.param('groupeId'), email },
    { back: back(procedureId), done: (r) => ok(c, procedureId, `${r.removed} a été retiré du groupe.`) },
  );
});

adminGroupesRoutes.post(G, async (c) => {
  const procedureId = c.req.param('id');
  const { label } = await readForm(c, z.object({ label: field.text() }));
  return runCommand(
    c,
    createGroupe,
    { procedureId, label },
    {
      refused: again(c, procedureId, 'create', { label }),
      done: () => ok(c, procedureId, `Le groupe « ${label.trim()} » a été ajouté.`),
    },
  );
});

adminGroupesRoutes.post(`${G}/:groupeId{[0-9]+}/renommer`, async (c) => {
  const procedureId = c.req.param('id');
  const groupeId = c.req.param('groupeId');
  const { label } = await readForm(c, z.object({ label: field.text() }));
  return runCommand(
    c,
    updateGroupe,
    { procedureId, groupeId, label },
    {
      refused: again(c, procedureId, `rename-${groupeId}`, { label }),
      done: () => ok(c, procedureId, 'Le groupe a été renommé.'),
    },
  );
});

for (const [action, closed] of [
  ['clore', true],
  ['rouvrir', false],
] as const) {
  adminGroupesRoutes.post(`${G}/:groupeId{[0-9]+}/${action}`, (c) => {
    const procedureId = c.req.param('id');
    const groupeId = c.req.param('groupeId');
    return runCommand(
      c,
      updateGroupe,
      { procedureId, groupeId, closed },
      {
        refused: again(c, procedureId, `close-${groupeId}`, {}),
        done: () => ok(c, procedureId, closed ? 'Le groupe est clos.' : 'Le groupe est rouvert.'),
      },
    );
  });
}

adminGroupesRoutes.post(`${G}/:groupeId{[0-9]+}/routage`, async (c) => {
  const procedureId = c.req.param('id');
  const groupeId = c.req.param('groupeId');
  const f = await readForm(c, z.object({ field: field.text(), op: field.text(), value: field.text() }));
  return runCommand(
    c,
    setRoutingRule,
    { procedureId, groupeId, rule: f.field ? { field: f.field, op: f.op, value: f.value } : null },
    {
      refused: again(c, procedureId, `rule-${groupeId}`, f),
      done: (r) =>
        ok(c, procedureId, r.rule ? 'La règle de routage est enregistrée.' : 'La règle de routage a été retirée.'),
    },
  );
});

adminGroupesRoutes.post(`${G}/import`, async (c) => {
  const procedureId = c.req.param('id');
  await adminProcedure(c, procedureId);
  const { csv } = await readForm(c, z.object({ csv: field.files() }));
  const text = csv[0] ? await csv[0].text() : '';
  return runCommand(
    c,
    importGroupes,
    { procedureId, csv: text },
    {
      refused: again(c, procedureId, 'import', {}),
      done: (r) => groupsPage(c, procedureId, undefined, r),
    },
  );
});

adminGroupesRoutes.post('/procedures/:id{[0-9]+}/administrateurs', async (c) => {
  const procedureId = c.req.param('id');
  const { email } = await readForm(c, z.object({ email: field.text() }));
  return runCommand(
    c,
    inviteAdministrateur,
    { procedureId, email },
    {
      refused: again(c, procedureId, 'admin', { email }),
      done: () => ok(c, procedureId, `${email.trim().toLowerCase()} administre maintenant la démarche.`),
    },
  );
});

adminGroupesRoutes.post('/procedures/:id{[0-9]+}/quitter', (c) => {
  const procedureId = c.req.param('id');
  return runCommand(
    c,
    leaveProcedure,
    { procedureId },
    {
      back: back(procedureId),
      done: () =>
        redirectWithFlash(c, '/admin/procedures', { kind: 'success', message: 'Vous avez quitté la démarche.' }),
    },
  );
});
