// « Description » of a procedure: the settings form and the logo (docs/interface.md §A). Bad input
// comes back with what was typed and a French message next to each field.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { canEditSlug } from '../../../domain/procedure.ts';
import { setProcedureLogo } from '../../../features/procedures/set-procedure-logo.ts';
import { updateProcedure } from '../../../features/procedures/update-procedure.ts';
import { procedureLogo } from '../../../queries/admin-procedure.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import {
  adminHref,
  ProcedureSettingsView,
  settingsState,
  type SettingsFormState,
} from '../../views/admin/procedure.tsx';
import { adminProcedure } from './procedure-dashboard.tsx';

export const adminProcedureDescriptionRoutes = new Hono<Env>();

async function settingsPage(
  c: Context<Env>,
  id: string,
  form?: SettingsFormState,
  errors: Record<string, string> | null = null,
  logoError: string | null = null,
) {
  const p = await adminProcedure(c, id);
  return page(
    c,
    { title: `Description — ${p.title}`, nav: 'admin' },
    <ProcedureSettingsView
      p={p}
      form={form ?? settingsState(p)}
      errors={errors}
      csrf={c.get('csrfToken')}
      appUrl={c.get('app').config.appUrl}
      slugEditable={canEditSlug(p)}
      logoError={logoError}
    />,
    errors || logoError ? 422 : 200,
  );
}

adminProcedureDescriptionRoutes.get('/procedures/:id{[0-9]+}/description', (c) => settingsPage(c, c.req.param('id')));

const SettingsForm = z.object({
  title: field.text(),
  description: field.text(),
  service_name: field.text(),
  service_address: field.text(),
  contact_email: field.text(),
  contact_phone: field.text(),
  contact_hours: field.text(),
  for_individual: field.oneOf(['1', '0'], '1'),
  slug: field.text(),
  closes_on: field.text(),
  retention_months: field.text(),
  declarative: field.oneOf(['none', 'en_instruction', 'accepte'], 'none'),
  rdv_enabled: field.flag(),
  allow_expert_review: field.flag(),
  allow_expert_messaging: field.flag(),
  instructeurs_self_management: field.flag(),
  lockVersion: field.lockVersion(),
});

adminProcedureDescriptionRoutes.post('/procedures/:id{[0-9]+}/description', async (c) => {
  const id = c.req.param('id');
  await adminProcedure(c, id);
  const f = await readForm(c, SettingsForm);
  const typed: SettingsFormState = { ...f, for_individual: f.for_individual === '1', lockVersion: f.lockVersion ?? 0 };
  const months = f.retention_months.trim() === '' ? Number.NaN : Number(f.retention_months);
  return runCommand(
    c,
    updateProcedure,
    {
      ...f,
      procedureId: id,
      for_individual: typed.for_individual,
      retention_months: months,
      lockVersion: f.lockVersion,
    },
    {
      refused: (e) =>
        settingsPage(c, id, typed, e.code === 'conflict' ? { _: e.message } : (e.fields ?? { _: e.message })),
      done: () => redirectWithFlash(c, adminHref(id), { kind: 'success', message: 'La description est enregistrée.' }),
    },
  );
});

adminProcedureDescriptionRoutes.post('/procedures/:id{[0-9]+}/logo', async (c) => {
  const id = c.req.param('id');
  await adminProcedure(c, id);
  const f = await readForm(c, z.object({ logo: field.files(), remove: field.flag() }));
  const file = f.logo[0];
  const bytes = f.remove ? null : file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
  return runCommand(
    c,
    setProcedureLogo,
    { procedureId: id, bytes },
    {
      refused: (e) => settingsPage(c, id, undefined, null, e.message),
      done: (r) =>
        redirectWithFlash(c, adminHref(id, 'description'), {
          kind: 'success',
          message: r.removed ? 'Le logo a été retiré.' : 'Le logo est enregistré.',
        }),
    },
  );
});

adminProcedureDescriptionRoutes.get('/procedures/:id{[0-9]+}/logo', async (c) => {
  const id = c.req.param('id');
  await adminProcedure(c, id);
  const logo = await procedureLogo(c.get('app').db, id);
  if (!logo) return c.notFound();
  return c.body(new Uint8Array(logo.logo), 200, {
    'content-type': logo.content_type,
    'cache-control': 'private, no-cache',
    'x-content-type-options': 'nosniff',
  });
});
