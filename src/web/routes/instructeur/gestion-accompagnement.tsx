// « Accompagnement des usagers » (docs/interface.md §6E): the message to the usagers holding a
// brouillon (one command), the public link with its QR code, and the form preview (nothing saved).
import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { contactBrouillons } from '../../../features/gestion/contact-brouillons.ts';
import { referentialOptionsFor } from '../../../queries/referentials.ts';
import { accompagnement, previewFields } from '../../../queries/accompagnement.ts';
import { loadGestionContext } from '../../../queries/gestion.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { applyRepetitionCommand, readFieldsForm } from '../../forms/champs.ts';
import { field, form, readForm, uploadsOf } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { conditionsData, FieldInputs, visibleForValues } from '../../views/dossier/field-inputs.tsx';
import { Csrf } from '../../views/form.tsx';
import {
  AccompagnementPage,
  accompagnementHref,
  PreviewPage,
  type BroadcastFormState,
} from '../../views/gestion/accompagnement.tsx';

export const gestionAccompagnementRoutes = new Hono<Env>();

/** Where a usager starts a dossier of the procedure. */
export const procedurePublicPath = (procedureId: string) => `/commencer/${procedureId}`;

async function mainPage(c: Context<Env>, state?: BroadcastFormState) {
  const app = c.get('app');
  const ctx = await loadGestionContext(app.db, c.get('user')!.id, c.req.param('id') ?? '');
  const data = await accompagnement(app.db, ctx.procedure.id);
  const publicUrl = `${app.config.appUrl}${procedurePublicPath(ctx.procedure.id)}`;
  const qrSvg = await QRCode.toString(publicUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return page(
    c,
    { title: `Accompagnement des usagers — ${ctx.procedure.title}`, nav: 'procedures' },
    <AccompagnementPage
      csrf={c.get('csrfToken')}
      procedure={ctx.procedure}
      data={data}
      publicUrl={publicUrl}
      qrSvg={qrSvg}
      form={state}
    />,
    state ? 422 : 200,
  );
}

gestionAccompagnementRoutes.get('/procedures/:id/accompagnement', (c) => mainPage(c));

const BroadcastForm = z.object({ subject: field.text(), body: field.text(), file: field.files() });

gestionAccompagnementRoutes.post('/procedures/:id/accompagnement/brouillons', async (c) => {
  const { file, ...f } = await readForm(c, BroadcastForm);
  const id = c.req.param('id');
  const [upload] = await uploadsOf(file);
  return runCommand(
    c,
    contactBrouillons,
    { procedureId: id, ...f, file: upload },
    {
      handles: ['invalid_input'],
      refused: (e) =>
        mainPage(c, {
          ...f,
          fields: e.fields ?? { _: e.message },
          message: e.message,
          // a browser never keeps a chosen file: say it when one was chosen
          fileDropped: upload !== undefined && !e.fields?.file,
        }),
      done: (r) =>
        redirectWithFlash(c, accompagnementHref(id), {
          kind: 'success',
          message: `Le message est envoyé à ${r.recipients} ${r.recipients > 1 ? 'usagers' : 'usager'} et déposé dans ${r.dossiers} ${r.dossiers > 1 ? 'brouillons' : 'brouillon'}.`,
        }),
    },
  );
});

async function previewPage(c: Context<Env>, posted: boolean) {
  const app = c.get('app');
  const ctx = await loadGestionContext(app.db, c.get('user')!.id, c.req.param('id') ?? '');
  const defs = await previewFields(app.db, ctx.procedure.id);
  let values: Record<string, unknown> = {};
  if (posted) {
    const f = await form(c);
    values = (await readFieldsForm(defs, f, {})).raw;
    const repetition = typeof f._repetition === 'string' ? f._repetition : '';
    if (repetition) applyRepetitionCommand(defs, values, repetition, crypto.randomBytes(8).toString('hex'));
  }
  return page(
    c,
    { title: `Prévisualiser le formulaire — ${ctx.procedure.title}`, nav: 'procedures' },
    <PreviewPage procedure={ctx.procedure}>
      <form method="post" action={accompagnementHref(ctx.procedure.id, 'apercu')} {...conditionsData(defs)}>
        <Csrf token={c.get('csrfToken')} />
        <FieldInputs
          defs={defs}
          values={values}
          visible={visibleForValues(defs, values)}
          stored={{}}
          live
          referentials={referentialOptionsFor(defs)}
        />
        <button type="submit" class="fr-btn fr-btn--secondary">
          Mettre à jour l'aperçu
        </button>
      </form>
    </PreviewPage>,
  );
}

gestionAccompagnementRoutes.get('/procedures/:id/accompagnement/apercu', (c) => previewPage(c, false));
gestionAccompagnementRoutes.post('/procedures/:id/accompagnement/apercu', (c) => previewPage(c, true));
