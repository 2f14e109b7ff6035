// « Personnes impliquées » of the dossier page, and its form « Envoyer à un instructeur ».
import { Hono, type Context } from 'hono';
import { sendDossierToInstructeurs } from '../../../features/reassignment/send-to-instructeurs.ts';
import { loadPersonnesTab } from '../../../queries/personnes.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { dossierPath } from '../../views/dossier/links.ts';
import { PersonnesView, type SendFormState } from '../../views/dossier/personnes.tsx';
import { idOf, listTabOf, renderDossierTab, TabForm } from './dossier-context.tsx';

export const dossierPersonnesRoutes = new Hono<Env>();

async function renderPersonnes(c: Context<Env>, id: string, send?: SendFormState, status: 200 | 422 = 200) {
  const app = c.get('app');
  const tab = await loadPersonnesTab(app.db, id, c.get('user')!.id, app.clock.now());
  return renderDossierTab(
    c,
    tab.header,
    'personnes',
    'Personnes impliquées',
    <PersonnesView tab={tab} csrf={c.get('csrfToken')} send={send} />,
    status,
  );
}

dossierPersonnesRoutes.get('/dossiers/:id/personnes', (c) => renderPersonnes(c, idOf(c)));

const SendForm = TabForm.extend({ instructeurIds: field.choices() });

dossierPersonnesRoutes.post('/dossiers/:id/personnes', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, SendForm);
  const selected = f.instructeurIds;
  return runCommand(
    c,
    sendDossierToInstructeurs,
    { dossierId: id, instructeurIds: selected },
    {
      refused: (e) => renderPersonnes(c, id, { selected, error: e.fields?.instructeurIds ?? e.message }, 422),
      done: ({ sentTo }) =>
        redirectWithFlash(c, dossierPath(id, 'personnes', listTabOf(c, f.tab)), {
          kind: 'success',
          message:
            sentTo.length > 1
              ? `Le dossier nº ${id} a été envoyé à ${sentTo.join(', ')}.`
              : `Le dossier nº ${id} a été envoyé à ${sentTo[0]}.`,
        }),
    },
  );
});
