// « Gestion des notifications par e-mail » and « Gestion des badges de notification » of a procedure
// (docs/interface.md §6A): one form each, one command each.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { EMAIL_KINDS, type EmailKind } from '../../../domain/email-preferences.ts';
import {
  CUSTOMISABLE,
  NOTIFICATION_PREFERENCES,
  type NotificationKind,
  type NotificationPreference,
} from '../../../domain/notifications.ts';
import { saveBadgePreferences } from '../../../features/gestion/save-badge-preferences.ts';
import { saveEmailPreferences } from '../../../features/gestion/save-email-preferences.ts';
import { loadGestionContext, type GestionContext } from '../../../queries/gestion.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { gestionHref } from '../../views/gestion/common.tsx';
import { BadgesPage, EmailNotificationsPage } from '../../views/gestion/notifications.tsx';

export const gestionNotificationsRoutes = new Hono<Env>();

const load = (c: Context<Env>) => loadGestionContext(c.get('app').db, c.get('user')!.id, c.req.param('id') ?? '');

function renderEmail(c: Context<Env>, ctx: GestionContext, values: Record<EmailKind, boolean>, error?: string) {
  return page(
    c,
    { title: `Gestion des notifications par e-mail — ${ctx.procedure.title}`, nav: 'procedures' },
    <EmailNotificationsPage csrf={c.get('csrfToken')} procedure={ctx.procedure} values={values} error={error} />,
    error ? 422 : 200,
  );
}

gestionNotificationsRoutes.get('/procedures/:id/gestion/notifications', async (c) => {
  const ctx = await load(c);
  return renderEmail(c, ctx, ctx.emailPrefs);
});

const EmailForm = z.object(
  Object.fromEntries(EMAIL_KINDS.map((k) => [k, field.oneOf(['oui', 'non', ''] as const, '')])) as unknown as Record<
    EmailKind,
    z.ZodType<'oui' | 'non' | ''>
  >,
);

gestionNotificationsRoutes.post('/procedures/:id/gestion/notifications', async (c) => {
  const ctx = await load(c);
  const f = await readForm(c, EmailForm);
  // an unanswered choice keeps its current value
  const prefs = Object.fromEntries(
    EMAIL_KINDS.map((k) => [k, f[k] === '' ? ctx.emailPrefs[k] : f[k] === 'oui']),
  ) as Record<EmailKind, boolean>;
  return runCommand(
    c,
    saveEmailPreferences,
    { procedureId: ctx.procedure.id, prefs },
    {
      refused: (e) => renderEmail(c, ctx, prefs, e.message),
      done: () =>
        redirectWithFlash(c, gestionHref(ctx.procedure.id, 'notifications'), {
          kind: 'success',
          message: 'Vos notifications par e-mail ont été enregistrées.',
        }),
    },
  );
});

function renderBadges(
  c: Context<Env>,
  ctx: GestionContext,
  values: Record<NotificationKind, NotificationPreference>,
  error?: string,
) {
  return page(
    c,
    { title: `Gestion des badges de notification — ${ctx.procedure.title}`, nav: 'procedures' },
    <BadgesPage csrf={c.get('csrfToken')} procedure={ctx.procedure} values={values} error={error} />,
    error ? 422 : 200,
  );
}

gestionNotificationsRoutes.get('/procedures/:id/gestion/badges', async (c) => {
  const ctx = await load(c);
  return renderBadges(c, ctx, ctx.badgePrefs);
});

const BadgesForm = z.object(
  Object.fromEntries(
    CUSTOMISABLE.map((k) => [k, field.oneOf([...NOTIFICATION_PREFERENCES, ''] as const, '')]),
  ) as unknown as Record<NotificationKind, z.ZodType<NotificationPreference | ''>>,
);

gestionNotificationsRoutes.post('/procedures/:id/gestion/badges', async (c) => {
  const ctx = await load(c);
  const f = await readForm(c, BadgesForm);
  const prefs: Partial<Record<NotificationKind, NotificationPreference>> = {};
  for (const k of CUSTOMISABLE) {
    const v = f[k];
    if (v) prefs[k] = v;
  }
  const values = { ...ctx.badgePrefs, ...prefs };
  return runCommand(
    c,
    saveBadgePreferences,
    { procedureId: ctx.procedure.id, prefs },
    {
      refused: (e) => renderBadges(c, ctx, values, e.message),
      done: () =>
        redirectWithFlash(c, gestionHref(ctx.procedure.id, 'badges'), {
          kind: 'success',
          message: 'Vos badges de notification ont été enregistrés.',
        }),
    },
  );
});
