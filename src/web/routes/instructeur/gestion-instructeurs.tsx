// « Gestion des instructeurs » and « Administrateurs de la démarche » (docs/interface.md §6C): my groups,
// their instructors (added and removed when the administrators allowed self-management) and their
// contact information; each form runs one command.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { CONTACT_FIELDS } from '../../../domain/groupe-management.ts';
import { addGroupeInstructeur } from '../../../features/gestion/add-groupe-instructeur.ts';
import { removeGroupeInstructeur } from '../../../features/gestion/remove-groupe-instructeur.ts';
import { saveGroupeContact } from '../../../features/gestion/save-groupe-contact.ts';
import { loadGestionContext } from '../../../queries/gestion.ts';
import { gestionInstructeurs } from '../../../queries/gestion-instructeurs.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import {
  AdministrateursPage,
  GroupePage,
  groupeHref,
  MyGroupesPage,
  type GroupeFormState,
} from '../../views/gestion/instructeurs.tsx';

export const gestionInstructeursRoutes = new Hono<Env>();

async function load(c: Context<Env>) {
  const db = c.get('app').db;
  const ctx = await loadGestionContext(db, c.get('user')!.id, c.req.param('id') ?? '');
  const data = await gestionInstructeurs(db, ctx.procedure.id, ctx.groupIds);
  return { ctx, data };
}

async function groupePage(c: Context<Env>, groupeId: string, state?: GroupeFormState) {
  const { ctx, data } = await load(c);
  const groupe = data.groupes.find((g) => g.id === groupeId);
  if (!groupe) throw notFound('Groupe introuvable.');
  return page(
    c,
    { title: `Gestion des instructeurs — ${ctx.procedure.title}`, nav: 'procedures' },
    <GroupePage
      csrf={c.get('csrfToken')}
      procedure={ctx.procedure}
      groupe={groupe}
      routing={data.groupes.length > 1 || data.routing}
      state={state}
    />,
    state ? 422 : 200,
  );
}

gestionInstructeursRoutes.get('/procedures/:id/gestion/instructeurs', async (c) => {
  const { ctx, data } = await load(c);
  // without routing (one group of mine), its page at once
  if (data.groupes.length === 1 && !data.routing) return groupePage(c, data.groupes[0]!.id);
  return page(
    c,
    { title: `Gestion des instructeurs — ${ctx.procedure.title}`, nav: 'procedures' },
    <MyGroupesPage procedure={ctx.procedure} data={data} />,
  );
});

gestionInstructeursRoutes.get('/procedures/:id/gestion/instructeurs/:groupeId{[0-9]+}', (c) =>
  groupePage(c, c.req.param('groupeId')),
);

const back = (c: Context<Env>) => groupeHref(c.req.param('id') ?? '', c.req.param('groupeId') ?? '');

gestionInstructeursRoutes.post('/procedures/:id/gestion/instructeurs/:groupeId{[0-9]+}/ajouter', async (c) => {
  const groupeId = c.req.param('groupeId');
  const { email } = await readForm(c, z.object({ email: field.text() }));
  const shown = email.trim().toLowerCase();
  return runCommand(
    c,
    addGroupeInstructeur,
    { groupeId, email },
    {
      handles: ['invalid_input'],
      refused: (e) => groupePage(c, groupeId, { form: 'ajout', values: { email }, fields: {}, message: e.message }),
      done: (r) =>
        redirectWithFlash(c, back(c), {
          kind: 'success',
          message: r.created
            ? `Invitation envoyée à ${shown}.`
            : `${shown} a été ajouté au groupe et prévenu par e-mail.`,
        }),
    },
  );
});

gestionInstructeursRoutes.post('/procedures/:id/gestion/instructeurs/:groupeId{[0-9]+}/retirer', async (c) => {
  const groupeId = c.req.param('groupeId');
  const { userId } = await readForm(c, z.object({ userId: field.text() }));
  return runCommand(
    c,
    removeGroupeInstructeur,
    { groupeId, userId },
    {
      handles: ['invalid_input'],
      refused: (e) => groupePage(c, groupeId, { form: 'retrait', values: {}, fields: {}, message: e.message }),
      done: (r) => redirectWithFlash(c, back(c), { kind: 'success', message: `${r.email} a été retiré du groupe.` }),
    },
  );
});

const ContactForm = z.object(
  Object.fromEntries(CONTACT_FIELDS.map((k) => [k, field.text()])) as Record<
    (typeof CONTACT_FIELDS)[number],
    ReturnType<typeof field.text>
  >,
);

gestionInstructeursRoutes.post('/procedures/:id/gestion/instructeurs/:groupeId{[0-9]+}/contact', async (c) => {
  const groupeId = c.req.param('groupeId');
  const f = await readForm(c, ContactForm);
  return runCommand(
    c,
    saveGroupeContact,
    { groupeId, ...f },
    {
      handles: ['invalid_input'],
      refused: (e) =>
        groupePage(c, groupeId, { form: 'contact', values: f, fields: e.fields ?? {}, message: e.message }),
      done: () =>
        redirectWithFlash(c, `${back(c)}#contact`, {
          kind: 'success',
          message: 'Les informations de contact du groupe ont été enregistrées.',
        }),
    },
  );
});

gestionInstructeursRoutes.get('/procedures/:id/gestion/administrateurs', async (c) => {
  const { ctx, data } = await load(c);
  return page(
    c,
    { title: `Administrateurs de la démarche — ${ctx.procedure.title}`, nav: 'procedures' },
    <AdministrateursPage procedure={ctx.procedure} administrateurs={data.administrateurs} />,
  );
});
