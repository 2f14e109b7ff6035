// « Transférer le dossier » (docs/interface.md §7): the owner's offer, the receiver's answer.
import { Hono } from 'hono';
import { z } from 'zod';
import { answerTransfer } from '../../../features/dossiers/answer-transfer.ts';
import { requestTransfer } from '../../../features/dossiers/request-transfer.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { usagerDossierPath } from '../../views/dossier/links.ts';
import { idOf } from './context.ts';

export const transfertRoutes = new Hono<Env>();

transfertRoutes.post('/dossiers/:id/transfert', async (c) => {
  const id = idOf(c);
  const { email } = await readForm(c, z.object({ email: field.text() }));
  return runCommand(
    c,
    requestTransfer,
    { dossierId: id, email },
    {
      back: `${usagerDossierPath(id)}#transfert`,
      done: () =>
        redirectWithFlash(c, `${usagerDossierPath(id)}#transfert`, {
          kind: 'success',
          message: `Le transfert a été proposé à ${email.trim().toLowerCase()} : le dossier lui appartiendra quand il l'aura accepté.`,
        }),
    },
  );
});

for (const [segment, accept] of [
  ['accepter', true],
  ['refuser', false],
] as const)
  transfertRoutes.post(`/dossiers/:id/transfert/${segment}`, async (c) => {
    const id = idOf(c);
    return runCommand(
      c,
      answerTransfer,
      { dossierId: id, accept },
      {
        back: '/dossiers',
        done: () =>
          accept
            ? redirectWithFlash(c, usagerDossierPath(id), {
                kind: 'success',
                message: `Le dossier nº ${id} vous a été transféré.`,
              })
            : redirectWithFlash(c, '/dossiers', { kind: 'info', message: `Vous avez refusé le dossier nº ${id}.` }),
      },
    );
  });
