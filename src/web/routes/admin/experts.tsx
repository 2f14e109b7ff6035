// « Experts » of a procedure: the avis options and the administrator's list of experts.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { assertAdminister } from '../../../domain/permissions.ts';
import { addProcedureExperts } from '../../../features/avis/add-procedure-experts.ts';
import { removeProcedureExpert } from '../../../features/avis/remove-procedure-expert.ts';
import { updateExpertSettings } from '../../../features/avis/update-expert-settings.ts';
import { loadAccess } from '../../../queries/access.ts';
import { loadProcedureExperts } from '../../../queries/avis.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { AdminExpertsView, type ExpertsFormState } from '../../views/admin/experts.tsx';

export const adminExpertsRoutes = new Hono<Env>();

async function expertsPage(c: Context<Env>, procedureId: string, form?: ExpertsFormState) {
  const app = c.get('app');
  assertAdminister(await loadAccess(app.db, c.get('user')!.id), procedureId);
  const data = await loadProcedureExperts(app.db, procedureId);
  return page(
    c,
    { title: `Experts — ${data.procedure.title}`, nav: 'admin' },
    <AdminExpertsView data={data} csrf={c.get('csrfToken')} form={form} />,
    form ? 422 : 200,
  );
}

const path = (id: string) => `/admin/procedures/${id}/experts`;

adminExpertsRoutes.get('/procedures/:id{[0-9]+}/experts', (c) => expertsPage(c, c.req.param('id')));

const OptionsForm = z.object({
  allowExpertReview: field.flag(),
  restricted: field.flag(),
  mayInvite: field.flag(),
  allowExpertMessaging: field.flag(),
});

adminExpertsRoutes.post('/procedures/:id{[0-9]+}/experts/options', async (c) => {
  const procedureId = c.req.param('id');
  const f = await readForm(c, OptionsForm);
  return runCommand(
    c,
    updateExpertSettings,
    { procedureId, ...f },
    {
      back: path(procedureId),
      done: () =>
        redirectWithFlash(c, path(procedureId), { kind: 'success', message: 'Les options ont été enregistrées.' }),
    },
  );
});

adminExpertsRoutes.post('/procedures/:id{[0-9]+}/experts', async (c) => {
  const procedureId = c.req.param('id');
  const { emails } = await readForm(c, z.object({ emails: field.text() }));
  return runCommand(
    c,
    addProcedureExperts,
    { procedureId, emails },
    {
      refused: (e) => expertsPage(c, procedureId, { emails, error: e.fields?.emails ?? e.message }),
      done: (r) =>
        redirectWithFlash(c, path(procedureId), {
          kind: 'success',
          message: `${r.emails.join(', ')} ${r.emails.length > 1 ? 'ont été ajoutés' : 'a été ajouté'} à la liste des experts.`,
        }),
    },
  );
});

adminExpertsRoutes.post('/procedures/:id{[0-9]+}/experts/retirer', async (c) => {
  const procedureId = c.req.param('id');
  const { email } = await readForm(c, z.object({ email: field.text() }));
  return runCommand(
    c,
    removeProcedureExpert,
    { procedureId, email },
    {
      back: path(procedureId),
      done: () =>
        redirectWithFlash(c, path(procedureId), {
          kind: 'success',
          message: `${email} a été retiré de la liste des experts.`,
        }),
    },
  );
});
