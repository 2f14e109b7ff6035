// The state actions of the dossier page: the header's buttons that apply at once, and the actions
// with their own page (a form — correction, decision with motivation and justificatif — or a
// confirmation).
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { decisionAgeWarning, type DossierAction } from '../../../domain/dossier-state.ts';
import { purgeDate } from '../../../domain/retention.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { decideDossier } from '../../../features/dossiers/decide-dossier.ts';
import { transitionDossier } from '../../../features/instruction/transition-dossier.ts';
import { emptyMandatoryAnnotationLabels } from '../../../queries/decision-page.ts';
import { loadDossierHeader, type DossierHeader } from '../../../queries/dossier-header.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm, uploadsOf } from '../../http/form.ts';
import { onceOf } from '../../http/once.ts';
import { actorOf, attempt } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { ConfirmPage, CorrectionPage, DecisionPage } from '../../views/dossier/actions.tsx';
import { frDate } from '../../views/dossier/format.ts';
import { dossierPath, STEP_ACTIONS } from '../../views/dossier/links.ts';
import { listHref } from '../../views/work-list/links.ts';
import { idOf, listTabOf, TabForm } from './dossier-context.tsx';

export const dossierActionsRoutes = new Hono<Env>();

type C = Context<Env>;

const DONE: Partial<Record<DossierAction, string>> = {
  passer_en_instruction: 'Le dossier est passé en instruction.',
  repasser_en_construction: 'Le dossier est repassé en construction.',
  demander_correction: "La demande de correction a été envoyée à l'usager. Le dossier est en attente de correction.",
  accepter: 'Le dossier a été accepté.',
  refuser: 'Le dossier a été refusé.',
  classer_sans_suite: 'Le dossier a été classé sans suite.',
  repasser_en_instruction: 'Le dossier est repassé en instruction.',
  archiver: 'Le dossier a été archivé.',
  desarchiver: 'Le dossier a été désarchivé.',
  supprimer: 'Le dossier a été mis à la corbeille.',
  restaurer: 'Le dossier a été restauré.',
  prolonger_conservation: "La conservation du dossier a été prolongée d'un mois.",
};

const done = (c: C, back: string, action: DossierAction) => () =>
  redirectWithFlash(c, back, { kind: 'success', message: DONE[action] ?? 'Action effectuée.' });

const ActionForm = TabForm.extend({ action: field.text(), lockVersion: field.lockVersion() });

/** Buttons of the header that apply at once (the others open their page). */
dossierActionsRoutes.post('/dossiers/:id/actions', async (c) => {
  const id = idOf(c);
  const f = await readForm(c, ActionForm);
  const back = dossierPath(id, '', listTabOf(c, f.tab));
  const action = f.action as DossierAction;
  if (Object.hasOwn(STEP_ACTIONS, action)) {
    // an action with its own page (form or confirmation): there, once the access is checked
    await loadDossierHeader(c.get('app').db, id, { userId: c.get('user')!.id });
    return c.redirect(dossierPath(id, `actions/${STEP_ACTIONS[action]}`, listTabOf(c, f.tab)), 303);
  }
  return attempt(
    c,
    () => transitionDossier(c.get('app'), actorOf(c), { dossierId: id, action, lockVersion: f.lockVersion }),
    { back, done: done(c, back, action) },
  );
});

const SLUGS = Object.fromEntries(Object.entries(STEP_ACTIONS).map(([a, s]) => [s, a as DossierAction])) as Record<
  string,
  DossierAction
>;

function stepAction(c: C): DossierAction {
  const slug = c.req.param('slug') ?? '';
  const a = Object.hasOwn(SLUGS, slug) ? SLUGS[slug] : undefined;
  if (!a) throw notFound();
  return a;
}

const TITLES: Record<string, string> = {
  demander_correction: 'Demander une correction',
  accepter: 'Accepter le dossier',
  refuser: 'Refuser le dossier',
  classer_sans_suite: 'Classer sans suite',
  repasser_en_construction: 'Repasser en construction',
  repasser_en_instruction: 'Repasser en instruction',
  supprimer: 'Mettre à la corbeille',
};

async function stepPage(
  c: C,
  h: DossierHeader,
  action: DossierAction,
  state: { values?: Partial<StepValues>; errors?: Record<string, string> | null; error?: string | null } = {},
  status: 200 | 422 = 200,
) {
  const listTab = listTabOf(c);
  const csrf = c.get('csrfToken');
  let body: unknown;
  if (action === 'demander_correction') {
    body = (
      <CorrectionPage
        h={h}
        csrf={csrf}
        listTab={listTab}
        values={{ message: state.values?.correctionMessage, reason: state.values?.correctionReason }}
        errors={state.errors}
      />
    );
  } else if (action === 'accepter' || action === 'refuser' || action === 'classer_sans_suite') {
    body = (
      <DecisionPage
        h={h}
        action={action}
        csrf={csrf}
        listTab={listTab}
        values={{ motivation: state.values?.motivation }}
        errors={state.errors}
        emptyAnnotations={await emptyMandatoryAnnotationLabels(c.get('app').db, h.id)}
      />
    );
  } else {
    body = (
      <ConfirmPage
        h={h}
        action={action}
        csrf={csrf}
        listTab={listTab}
        warning={action === 'repasser_en_instruction' ? decisionAgeWarning(h.facts, h.now) : null}
        purgeAt={action === 'supprimer' ? purgeDateIfTrashed(h) : undefined}
        error={state.error}
      />
    );
  }
  return page(c, { title: `${TITLES[action]} — dossier nº ${h.id}`, nav: 'procedures' }, body as never, status);
}

dossierActionsRoutes.get('/dossiers/:id/actions/:slug', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const action = stepAction(c);
  const h = await loadDossierHeader(app.db, id, { userId: c.get('user')!.id }, { now: app.clock.now() });
  if (!h.actions.includes(action)) {
    return redirectWithFlash(c, dossierPath(id, '', listTabOf(c)), {
      kind: 'error',
      message: `Action impossible dans l'état actuel du dossier.`,
    });
  }
  return stepPage(c, h, action);
});

/** When the dossier would be deleted for good if put in the corbeille now (docs/domain.md §5.2). */
function purgeDateIfTrashed(h: DossierHeader): Date | null {
  return purgeDate({ ...h.facts, hidden_by_administration_at: h.now });
}

/** After « Mettre à la corbeille »: the dossier no longer opens; the corbeille tab says when it goes. */
function trashed(c: C, h: DossierHeader): Response | Promise<Response> {
  const at = purgeDateIfTrashed(h);
  return redirectWithFlash(c, listHref(h.procedureId, { tab: 'supprimes' }), {
    kind: 'success',
    message: `Le dossier nº ${h.id} a été mis à la corbeille. ${
      at ? `Suppression définitive le ${frDate(at)}` : "Il y reste jusqu'à sa restauration"
    } ; vous pouvez le restaurer d'ici là depuis la corbeille.`,
  });
}

const StepForm = TabForm.extend({
  motivation: field.text(),
  correctionMessage: field.text(),
  correctionReason: field.text(),
  justificatif: field.files(),
  lockVersion: field.lockVersion(),
});
type StepValues = Pick<z.output<typeof StepForm>, 'motivation' | 'correctionMessage' | 'correctionReason'>;

const CORRECTION_REASONS = ['incorrect', 'incomplete', 'outdated'] as const;

dossierActionsRoutes.post('/dossiers/:id/actions/:slug', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const action = stepAction(c);
  const f = await readForm(c, StepForm);
  const back = dossierPath(id, '', listTabOf(c, f.tab));
  const values: StepValues = {
    motivation: f.motivation,
    correctionMessage: f.correctionMessage,
    correctionReason: f.correctionReason,
  };
  // the step's form carries a one-time token: sent twice, the action is applied once
  const once = await onceOf(c);
  // a dossier put in the corbeille no longer opens: its header is read before
  const before =
    action === 'supprimer'
      ? await loadDossierHeader(app.db, id, { userId: c.get('user')!.id }, { now: app.clock.now() })
      : null;
  return attempt(
    c,
    async () => {
      if (action === 'accepter' || action === 'refuser' || action === 'classer_sans_suite') {
        const [file] = await uploadsOf(f.justificatif);
        await decideDossier(
          app,
          actorOf(c),
          {
            dossierId: id,
            action,
            motivation: f.motivation,
            justificatif: file,
            lockVersion: f.lockVersion,
          },
          { once },
        );
      } else if (action === 'demander_correction') {
        const reason = f.correctionReason;
        if (reason && !(CORRECTION_REASONS as readonly string[]).includes(reason))
          throw new DomainError('invalid_input', 'Motif de correction inconnu.', {
            correctionReason: 'Motif de correction inconnu.',
          });
        await transitionDossier(
          app,
          actorOf(c),
          {
            dossierId: id,
            action,
            correctionMessage: f.correctionMessage,
            correctionReason: (reason || 'incorrect') as (typeof CORRECTION_REASONS)[number],
            lockVersion: f.lockVersion,
          },
          { once },
        );
      } else {
        await transitionDossier(app, actorOf(c), { dossierId: id, action, lockVersion: f.lockVersion }, { once });
      }
    },
    {
      back,
      // the form again, with what was typed, when the action is still possible (missing motivation,
      // file refused, mandatory annotations…); otherwise the dossier with the reason
      refused: async (e) => {
        if (e.code === 'conflict') return undefined;
        const h = await loadDossierHeader(app.db, id, { userId: c.get('user')!.id }, { now: app.clock.now() });
        if (!h.actions.includes(action)) return undefined;
        return stepPage(c, h, action, { values, errors: e.fields ?? { _: e.message }, error: e.message }, 422);
      },
      done: before ? () => trashed(c, before) : done(c, back, action),
    },
  );
});
