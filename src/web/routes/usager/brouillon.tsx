// The brouillon's form (docs/interface.md §7): « Enregistrer le brouillon » (without JavaScript),
// its autosave (JSON, the `brouillon` controller), « Ajouter / Supprimer une ligne » (saved, then a
// 303 back to the form), « Déposer le dossier » and « Supprimer le brouillon ».
import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import type { ChampsMap } from '../../../domain/fields/index.ts';
import { deleteBrouillon } from '../../../features/dossiers/delete-brouillon.ts';
import { depositDossier } from '../../../features/dossiers/deposit-dossier.ts';
import { saveBrouillon } from '../../../features/dossiers/save-brouillon.ts';
import { referentialOptionsFor } from '../../../queries/referentials.ts';
import { loadBrouillon, type BrouillonPage } from '../../../queries/usager-dossiers.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { applyRepetitionCommand, readFieldsForm } from '../../forms/champs.ts';
import { field, form, readForm } from '../../http/form.ts';
import { actorOf, runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { valuesOf, visibleForValues } from '../../views/dossier/field-inputs.tsx';
import { usagerDossierPath } from '../../views/dossier/links.ts';
import { BrouillonView } from '../../views/usager/brouillon.tsx';
import { brouillonPath } from '../../views/usager/links.ts';
import { idOf } from './context.ts';

export const brouillonRoutes = new Hono<Env>();

function identityOf(b: BrouillonPage): Record<string, string> {
  const i = b.identity;
  return { civilite: i.civilite ?? '', nom: i.nom ?? '', prenom: i.prenom ?? '', siret: i.siret ?? '' };
}

function brouillonPage(
  c: Context<Env>,
  b: BrouillonPage,
  opts: {
    values?: Record<string, unknown>;
    identity?: Record<string, string>;
    errors?: Record<string, string> | null;
    conflict?: string | null;
    status?: 200 | 409 | 422;
  } = {},
) {
  const values = opts.values ?? valuesOf(b.champs);
  return page(
    c,
    { title: `Brouillon nº ${b.id} · ${b.procedureTitle}`, nav: 'dossiers' },
    <BrouillonView
      b={b}
      csrf={c.get('csrfToken')}
      values={values}
      identity={opts.identity ?? identityOf(b)}
      visible={new Set(visibleForValues(b.fields, values).map((d) => d.stableId))}
      stored={b.champs}
      errors={opts.errors}
      conflict={opts.conflict}
      uploadMaxBytes={c.get('app').config.UPLOAD_MAX_BYTES}
      referentials={referentialOptionsFor(b.fields)}
    />,
    opts.status ?? 200,
  );
}

brouillonRoutes.get('/dossiers/:id/brouillon', async (c) => {
  const b = await loadBrouillon(c.get('app').db, idOf(c), c.get('user')!.id);
  return brouillonPage(c, b);
});

const BrouillonForm = z.object({
  _submit: field.oneOf(['enregistrer', 'deposer'] as const, 'enregistrer'),
  _repetition: field.text(),
  lockVersion: field.lockVersion(),
  civilite: field.text(),
  nom: field.text(),
  prenom: field.text(),
  siret: field.text(),
});

/** The form as posted: the brouillon, the champs read against its form, the identity typed. */
async function readBrouillonForm(c: Context<Env>) {
  const f = await readForm(c, BrouillonForm);
  const b = await loadBrouillon(c.get('app').db, idOf(c), c.get('user')!.id);
  const read = await readFieldsForm(b.fields, await form(c), b.champs);
  const identity = { civilite: f.civilite, nom: f.nom, prenom: f.prenom, siret: f.siret };
  return { f, b, read, identity };
}

brouillonRoutes.post('/dossiers/:id/brouillon', async (c) => {
  const { f, b, read, identity } = await readBrouillonForm(c);
  const values = { ...valuesOf(b.champs), ...read.raw };
  const again = (e: DomainError) =>
    brouillonPage(c, b, {
      values,
      identity,
      errors: e.code === 'conflict' ? null : (e.fields ?? { _: e.message }),
      conflict: e.code === 'conflict' ? e.message : null,
      status: e.code === 'conflict' ? 409 : 422,
    });
  const input = { dossierId: b.id, raw: read.raw, uploads: read.uploads, identity, lockVersion: f.lockVersion };
  // « Ajouter une ligne » / « Supprimer la ligne »: the brouillon saved with the row change, then the form again
  if (f._repetition) {
    const rowId = crypto.randomBytes(8).toString('hex');
    if (!applyRepetitionCommand(b.fields, read.raw, f._repetition, rowId)) return c.redirect(brouillonPath(b.id), 303);
    const repetitionId = f._repetition.split(':')[1];
    return runCommand(c, saveBrouillon, input, {
      refused: again,
      done: () => c.redirect(`${brouillonPath(b.id)}#f-champ_${repetitionId}`, 303),
    });
  }
  if (f._submit === 'deposer')
    return runCommand(c, depositDossier, input, {
      refused: again,
      done: ({ state }) =>
        redirectWithFlash(c, usagerDossierPath(b.id), {
          kind: 'success',
          after: 'depot',
          message:
            state === 'en_construction'
              ? `Votre dossier nº ${b.id} a été déposé. Vous recevez un e-mail de confirmation ; vous pouvez encore le modifier tant que l'administration ne l'a pas passé en instruction.`
              : `Votre dossier nº ${b.id} a été déposé. Vous recevez un e-mail de confirmation.`,
        }),
    });
  return runCommand(c, saveBrouillon, input, {
    refused: again,
    done: () => redirectWithFlash(c, brouillonPath(b.id), { kind: 'success', message: 'Brouillon enregistré.' }),
  });
});

/** Autosave: what is well-formed is saved, each wrong field gets its message; JSON for the controller. */
brouillonRoutes.post('/dossiers/:id/brouillon/autosave', async (c) => {
  const { f, b, read, identity } = await readBrouillonForm(c);
  try {
    const r = await saveBrouillon(c.get('app'), actorOf(c), {
      dossierId: b.id,
      raw: read.raw,
      identity,
      lockVersion: f.lockVersion,
      partial: true,
    });
    const visible = visibleForValues(b.fields, valuesOf(r.champs as ChampsMap)).map((d) => d.stableId);
    return c.json({ ok: true, lockVersion: r.lockVersion, errors: r.errors, visible });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'not_found' || e.code === 'forbidden') throw e;
    return c.json({ ok: false, conflict: e.code === 'conflict', message: e.message, errors: e.fields ?? {} }, 409);
  }
});

brouillonRoutes.post('/dossiers/:id/brouillon/supprimer', async (c) => {
  const id = idOf(c);
  return runCommand(
    c,
    deleteBrouillon,
    { dossierId: id },
    {
      back: '/dossiers?statut=brouillons',
      done: () =>
        redirectWithFlash(c, '/dossiers?statut=brouillons', {
          kind: 'success',
          message: `Le brouillon nº ${id} a été supprimé.`,
        }),
    },
  );
});
