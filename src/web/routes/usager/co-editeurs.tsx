// The owner invites and removes the people who may modify his dossier, and withdraws it
// (« Supprimer le dossier ») (docs/interface.md §7).
import { Hono } from 'hono';
import { z } from 'zod';
import { inviteCoEditor } from '../../../features/dossiers/invite-co-editor.ts';
import { removeCoEditor } from '../../../features/dossiers/remove-co-editor.ts';
import { withdrawDossier } from '../../../features/dossiers/withdraw-dossier.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { usagerDossierPath } from '../../views/dossier/links.ts';
import { brouillonPath } from '../../views/usager/links.ts';
import { idOf } from './context.ts';

export const coEditeursRoutes = new Hono<Env>();

const pathOf = (id: string, state: string) =>
  `${state === 'brouillon' ? brouillonPath(id) : usagerDossierPath(id)}#co-editeurs`;

coEditeursRoutes.post('/dossiers/:id/invites', async (c) => {
  const id = idOf(c);
  const { email } = await readForm(c, z.object({ email: field.text() }));
  return runCommand(
    c,
    inviteCoEditor,
    { dossierId: id, email },
    {
      // a brouillon's /dossiers/:id leads to its form
      back: `${usagerDossierPath(id)}#co-editeurs`,
      done: ({ state }) =>
        redirectWithFlash(c, pathOf(id, state), {
          kind: 'success',
          message: `Une invitation a été envoyée à ${email.trim().toLowerCase()}.`,
        }),
    },
  );
});

coEditeursRoutes.post('/dossiers/:id/invites/:userId/supprimer', async (c) => {
  const id = idOf(c);
  return runCommand(
    c,
    removeCoEditor,
    { dossierId: id, userId: c.req.param('userId') },
    {
      done: ({ state }) =>
        redirectWithFlash(c, pathOf(id, state), { kind: 'success', message: 'La personne a été retirée du dossier.' }),
    },
  );
});

coEditeursRoutes.post('/dossiers/:id/supprimer', async (c) => {
  const id = idOf(c);
  return runCommand(
    c,
    withdrawDossier,
    { dossierId: id },
    {
      back: usagerDossierPath(id),
      done: () =>
        redirectWithFlash(c, '/dossiers', { kind: 'success', message: `Le dossier nº ${id} a été supprimé.` }),
    },
  );
});
