// The dossier page's header: follow / stop following the dossier, its labels.
import { Hono, type Context } from 'hono';
import { followDossier, unfollowDossier } from '../../../features/instruction/follow-dossier.ts';
import { setDossierLabels } from '../../../features/labels/set-labels.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { dossierPath } from '../../views/dossier/links.ts';
import { idOf, listTabOf, TabForm } from './dossier-context.tsx';

export const dossierFollowRoutes = new Hono<Env>();

async function followAction(c: Context<Env>, which: 'follow' | 'unfollow'): Promise<Response> {
  const id = idOf(c);
  const f = await readForm(c, TabForm);
  const back = dossierPath(id, '', listTabOf(c, f.tab));
  return runCommand(
    c,
    which === 'follow' ? followDossier : unfollowDossier,
    { dossierId: id },
    {
      back,
      done: () =>
        redirectWithFlash(c, back, {
          kind: 'success',
          message: which === 'follow' ? `Vous suivez le dossier nº ${id}.` : `Vous ne suivez plus le dossier nº ${id}.`,
        }),
    },
  );
}
dossierFollowRoutes.post('/dossiers/:id/suivre', (c) => followAction(c, 'follow'));
dossierFollowRoutes.post('/dossiers/:id/ne-plus-suivre', (c) => followAction(c, 'unfollow'));

const LabelsForm = TabForm.extend({ labels: field.choices() });

dossierFollowRoutes.post('/dossiers/:id/labels', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, LabelsForm);
  const back = dossierPath(id, '', listTabOf(c, f.tab));
  return runCommand(
    c,
    setDossierLabels,
    { dossierId: id, labelIds: f.labels },
    {
      back,
      done: () =>
        redirectWithFlash(c, back, { kind: 'success', message: 'Les labels du dossier ont été enregistrés.' }),
    },
  );
});
