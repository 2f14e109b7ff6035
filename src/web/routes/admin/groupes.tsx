// The instructors of a procedure, group by group, and the invitation of a new one.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { assertAdminister } from '../../../domain/permissions.ts';
import { inviteInstructeur } from '../../../features/accounts/invite-instructeur.ts';
import { loadAccess } from '../../../queries/access.ts';
import { procedureGroups } from '../../../queries/admin-procedures.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { AdminGroupsView, type InviteFormState } from '../../views/admin/procedures.tsx';

export const adminGroupesRoutes = new Hono<Env>();

async function groupsPage(c: Context<Env>, procedureId: string, form?: InviteFormState) {
  const app = c.get('app');
  assertAdminister(await loadAccess(app.db, c.get('user')!.id), procedureId);
  const data = await procedureGroups(app.db, procedureId);
  return page(
    c,
    { title: `Instructeurs — ${data.procedure.title}`, nav: 'admin' },
    <AdminGroupsView procedureId={procedureId} data={data} csrf={c.get('csrfToken')} form={form} />,
    form ? 422 : 200,
  );
}

adminGroupesRoutes.get('/procedures/:id{[0-9]+}/groupes', (c) => groupsPage(c, c.req.param('id')));

const InviteForm = z.object({ email: field.text() });

adminGroupesRoutes.post('/procedures/:id{[0-9]+}/groupes/:groupeId{[0-9]+}/instructeurs', async (c) => {
  const procedureId = c.req.param('id');
  const groupeId = c.req.param('groupeId');
  const { email } = await readForm(c, InviteForm);
  const shown = email.trim().toLowerCase();
  return runCommand(
    c,
    inviteInstructeur,
    { email, groupeId },
    {
      handles: ['invalid_input'],
      refused: (e) => groupsPage(c, procedureId, { groupeId, email, error: e.message }),
      done: (r) =>
        redirectWithFlash(c, `/admin/procedures/${procedureId}/groupes`, {
          kind: 'success',
          message: r.created
            ? `Invitation envoyée à ${shown}.`
            : `${shown} a été ajouté au groupe et prévenu par e-mail.`,
        }),
    },
  );
});
