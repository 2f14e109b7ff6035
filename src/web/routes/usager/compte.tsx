// The usager's account: « Créer un compte », the confirmation link, « Mon compte » and its deletion
// (docs/domain.md §2.10).
import { Hono } from 'hono';
import { z } from 'zod';
import { confirmEmail } from '../../../features/accounts/confirm-email.ts';
import { deleteAccount } from '../../../features/accounts/delete-account.ts';
import { signUp } from '../../../features/accounts/sign-up.ts';
import { accountDeletionFacts } from '../../../queries/usager-dossiers.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { attempt, runCommand } from '../../http/run-command.ts';
import { requireUser, setSessionCookie } from '../../middleware.ts';
import { page } from '../../render.tsx';
import { AccountPage, SignUpPage } from '../../views/usager/compte.tsx';

export const compteRoutes = new Hono<Env>();
const ANONYMOUS = { userId: null, email: 'anonyme' };

compteRoutes.get('/compte/creer', async (c) => {
  if (c.get('user')) return c.redirect('/dossiers', 303);
  return page(
    c,
    { title: 'Créer un compte' },
    <SignUpPage csrf={c.get('csrfToken')} redirect={c.req.query('redirect') ?? ''} />,
  );
});

const SignUpForm = z.object({
  email: field.text(),
  password: field.text(),
  confirmation: field.text(),
  redirect: field.text(),
});

compteRoutes.post('/compte/creer', async (c) => {
  const f = await readForm(c, SignUpForm);
  return attempt(c, () => signUp(c.get('app'), ANONYMOUS, f), {
    refused: (e) =>
      page(
        c,
        { title: 'Créer un compte' },
        <SignUpPage
          csrf={c.get('csrfToken')}
          email={f.email}
          redirect={f.redirect}
          errors={e.fields && Object.keys(e.fields).length ? e.fields : { _: e.message }}
        />,
        422,
      ),
    // a redirect (Turbo requires it after a form); the address is not put in the URL
    done: () =>
      redirectWithFlash(c, `/connexion${f.redirect ? `?redirect=${encodeURIComponent(f.redirect)}` : ''}`, {
        kind: 'info',
        message: `Confirmez votre adresse électronique : un e-mail vient d'être envoyé à ${f.email.trim().toLowerCase()}. Cliquez sur le lien qu'il contient pour activer votre compte, puis connectez-vous (pensez à vos courriers indésirables).`,
      }),
  });
});

compteRoutes.get('/compte/confirmer/:token', async (c) =>
  attempt(c, () => confirmEmail(c.get('app'), ANONYMOUS, { token: c.req.param('token') }), {
    refused: (e) => redirectWithFlash(c, '/connexion', { kind: 'error', message: e.message }),
    done: ({ redirect }) =>
      redirectWithFlash(c, `/connexion${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ''}`, {
        kind: 'success',
        message: 'Votre adresse électronique est confirmée. Connectez-vous pour continuer.',
      }),
  }),
);

compteRoutes.use('/compte', requireUser);
compteRoutes.use('/compte/supprimer', requireUser);

compteRoutes.get('/compte', async (c) => {
  const user = c.get('user')!;
  const facts = await accountDeletionFacts(c.get('app').db, user.id);
  return page(c, { title: 'Mon compte' }, <AccountPage csrf={c.get('csrfToken')} email={user.email} {...facts} />);
});

compteRoutes.post('/compte/supprimer', async (c) => {
  const f = await readForm(c, z.object({ confirm: field.flag() }));
  const user = c.get('user')!;
  const again = async (error: string) =>
    page(
      c,
      { title: 'Mon compte' },
      <AccountPage
        csrf={c.get('csrfToken')}
        email={user.email}
        {...(await accountDeletionFacts(c.get('app').db, user.id))}
        error={error}
      />,
      422,
    );
  if (!f.confirm) return again('Cochez la case pour confirmer la suppression de votre compte.');
  return runCommand(
    c,
    deleteAccount,
    {},
    {
      refused: (e) => again(e.message),
      done: () => {
        setSessionCookie(c, null);
        return redirectWithFlash(c, '/', { kind: 'info', message: 'Votre compte a été supprimé.' });
      },
    },
  );
});
