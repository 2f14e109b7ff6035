import { Hono, type Context } from 'hono';
import type { Env } from '../context.ts';
import { page } from '../render.tsx';
import { Csrf, Input, ErrorSummary, NewPasswordInputs } from '../views/form.tsx';
import { form, str } from '../form-data.ts';
import { signIn } from '../../features/accounts/sign-in.ts';
import { signOut } from '../../features/accounts/sign-out.ts';
import { requestPasswordReset } from '../../features/accounts/request-password-reset.ts';
import { resetPassword } from '../../features/accounts/reset-password.ts';
import { setSessionCookie } from '../middleware.ts';
import { redirectWithFlash } from '../flash.ts';
import { DomainError } from '../../domain/errors.ts';
import { TOKEN_REFUSALS } from '../../domain/account-tokens.ts';
import { tokenAccount, type TokenAccount } from '../../queries/account-tokens.ts';
import { getConnInfo } from '@hono/node-server/conninfo';

export const authRoutes = new Hono<Env>();

/** Where to go after signing in: a path of this site only, '/' alone or followed by a character that
 *  is neither a slash nor a backslash (browsers read both '//' and '/' + backslash as another host),
 *  without control characters (browsers drop tabs and line breaks from URLs; a header cannot hold a
 *  line break). Anything else goes to '/'. Other non-ASCII characters are percent-encoded. */
export function safeRedirect(target: string | undefined): string {
  if (!target || !/^\/(?![/\\])/.test(target)) return '/';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(target)) return '/';
  try {
    return target.replace(/[^\u0021-\u007e]+/g, encodeURIComponent);
  } catch {
    return '/'; // a lone surrogate
  }
}

/** The client's network address, for rate limits ('' when the server does not know it). */
function clientAddress(c: Context<Env>): string {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return '';
  }
}

const LoginPage = (p: { csrf: string; email?: string; error?: string; redirect?: string }) => (
  <div class="fr-grid-row fr-grid-row--center">
    <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
      <h1>Connexion à Guichet</h1>
      {p.error ? (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{p.error}</p>
        </div>
      ) : null}
      <form method="post" action="/connexion">
        <Csrf token={p.csrf} />
        <input type="hidden" name="redirect" value={p.redirect ?? ''} />
        <fieldset class="fr-fieldset" aria-labelledby="login-legend">
          <legend class="fr-fieldset__legend" id="login-legend">
            Se connecter avec son compte
          </legend>
          <div class="fr-fieldset__element">
            <Input
              name="email"
              label="Adresse électronique"
              type="email"
              value={p.email}
              required
              autocomplete="username"
              hint="Format attendu : nom@domaine.fr"
            />
          </div>
          <div class="fr-fieldset__element">
            <Input name="password" label="Mot de passe" type="password" required autocomplete="current-password" />
          </div>
          <div class="fr-fieldset__element">
            <p>
              <a class="fr-link" href="/mot-de-passe/oublie">
                Mot de passe oublié ?
              </a>
            </p>
          </div>
        </fieldset>
        <button class="fr-btn" type="submit">
          Se connecter
        </button>
      </form>
      <p class="fr-mt-4w">
        Pas encore de compte ?{' '}
        <a class="fr-link" href={`/compte/creer${p.redirect ? `?redirect=${encodeURIComponent(p.redirect)}` : ''}`}>
          Créer un compte
        </a>
      </p>
    </div>
  </div>
);

authRoutes.get('/connexion', async (c) => {
  if (c.get('user')) return c.redirect('/', 303);
  return page(c, { title: 'Connexion' }, <LoginPage csrf={c.get('csrfToken')} redirect={c.req.query('redirect')} />);
});

authRoutes.post('/connexion', async (c) => {
  const f = await form(c);
  const email = str(f, 'email');
  const ip = clientAddress(c);
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    result = await signIn(
      c.get('app'),
      { userId: null, email: 'anonyme' },
      { email, password: str(f, 'password'), ip, previousSessionToken: c.get('sessionToken') ?? undefined },
    );
  } catch (e) {
    if (e instanceof DomainError) result = { ok: false as const, error: e.message };
    else throw e;
  }
  if (!result.ok) {
    return page(
      c,
      { title: 'Connexion' },
      <LoginPage csrf={c.get('csrfToken')} email={email} error={result.error} redirect={str(f, 'redirect')} />,
      422,
    );
  }
  setSessionCookie(c, result.sessionToken);
  return c.redirect(safeRedirect(str(f, 'redirect')), 303);
});

authRoutes.post('/deconnexion', async (c) => {
  const token = c.get('sessionToken');
  if (token) await signOut(c.get('app'), { userId: c.get('user')?.id ?? null, email: '' }, { sessionToken: token });
  setSessionCookie(c, null);
  return redirectWithFlash(c, '/connexion', { kind: 'info', message: 'Vous êtes déconnecté.' });
});

authRoutes.get('/mot-de-passe/oublie', (c) =>
  page(c, { title: 'Mot de passe oublié' }, <ForgotPage csrf={c.get('csrfToken')} />),
);

const ForgotPage = (p: { csrf: string; email?: string; error?: string }) => (
  <div class="fr-grid-row fr-grid-row--center">
    <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
      <h1>Mot de passe oublié</h1>
      <p>
        Saisissez l'adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de
        passe.
      </p>
      <form method="post" action="/mot-de-passe/oublie">
        <Csrf token={p.csrf} />
        <Input
          name="email"
          label="Adresse électronique"
          type="email"
          value={p.email}
          required
          autocomplete="email"
          error={p.error}
        />
        <button class="fr-btn" type="submit">
          Recevoir le lien
        </button>
      </form>
    </div>
  </div>
);

authRoutes.post('/mot-de-passe/oublie', async (c) => {
  const f = await form(c);
  try {
    await requestPasswordReset(
      c.get('app'),
      { userId: null, email: 'anonyme' },
      { email: str(f, 'email'), ip: clientAddress(c) },
    );
  } catch (e) {
    if (e instanceof DomainError)
      return page(
        c,
        { title: 'Mot de passe oublié' },
        <ForgotPage csrf={c.get('csrfToken')} email={str(f, 'email')} error={e.message} />,
        422,
      );
    throw e;
  }
  return redirectWithFlash(c, '/connexion', {
    kind: 'info',
    message:
      'Si un compte existe pour cette adresse, un e-mail contenant un lien de réinitialisation vient de lui être envoyé.',
  });
});

const NewPasswordPage = (p: {
  csrf: string;
  action: string;
  title: string;
  intro: string;
  errors?: Record<string, string>;
  /** the account the link is for; a link that cannot be used shows why, without the form */
  account?: TokenAccount;
}) => (
  <div class="fr-grid-row fr-grid-row--center">
    <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
      <h1>{p.title}</h1>
      {p.account && p.account.status !== 'ok' ? (
        <div class="fr-alert fr-alert--error fr-mb-3w">
          <p>{TOKEN_REFUSALS[p.account.status]}</p>
        </div>
      ) : (
        <NewPasswordForm {...p} />
      )}
    </div>
  </div>
);

const NewPasswordForm = (p: Parameters<typeof NewPasswordPage>[0]) => (
  <>
    <p>{p.intro}</p>
    {p.account?.status === 'ok' ? (
      <p>
        Adresse électronique du compte : <strong>{p.account.email}</strong>
      </p>
    ) : null}
    <ErrorSummary errors={p.errors} />
    <form method="post" action={p.action}>
      <Csrf token={p.csrf} />
      {p.account?.status === 'ok' ? (
        <input type="hidden" name="username" autocomplete="username" value={p.account.email} />
      ) : null}
      <NewPasswordInputs label="Nouveau mot de passe" errors={p.errors} />
      <button class="fr-btn" type="submit">
        Enregistrer le mot de passe
      </button>
    </form>
  </>
);

function passwordRoutes(
  prefix: string,
  kind: 'password_reset' | 'invitation',
  title: string,
  intro: string,
  done: string,
  /** where an invited person lands, signed in, once the password is chosen */
  home = '/instructeur/procedures',
) {
  authRoutes.get(`${prefix}/:token`, async (c) =>
    page(
      c,
      { title },
      <NewPasswordPage
        csrf={c.get('csrfToken')}
        action={`${prefix}/${encodeURIComponent(c.req.param('token'))}`}
        title={title}
        intro={intro}
        account={await tokenAccount(c.get('app').db, kind, c.req.param('token'), c.get('app').clock.now())}
      />,
    ),
  );
  authRoutes.post(`${prefix}/:token`, async (c) => {
    const f = await form(c);
    const token = c.req.param('token');
    let sessionToken: string | null;
    try {
      // an invitation signs the new instructor in: no second sign-in right after choosing the password
      ({ sessionToken } = await resetPassword(
        c.get('app'),
        { userId: null, email: 'anonyme' },
        {
          token,
          kind,
          password: str(f, 'password'),
          confirmation: str(f, 'confirmation'),
          signIn: kind === 'invitation',
        },
      ));
    } catch (e) {
      if (e instanceof DomainError) {
        const errors = e.fields && Object.keys(e.fields).length ? e.fields : { _: e.message };
        return page(
          c,
          { title },
          <NewPasswordPage
            csrf={c.get('csrfToken')}
            action={`${prefix}/${encodeURIComponent(token)}`}
            title={title}
            intro={intro}
            errors={errors}
          />,
          422,
        );
      }
      throw e;
    }
    if (sessionToken) {
      setSessionCookie(c, sessionToken);
      return redirectWithFlash(c, home, { kind: 'success', message: done });
    }
    return redirectWithFlash(c, '/connexion', { kind: 'success', message: done });
  });
}

passwordRoutes(
  '/mot-de-passe/nouveau',
  'password_reset',
  'Choisir un nouveau mot de passe',
  'Choisissez le nouveau mot de passe de votre compte.',
  'Votre mot de passe a été modifié. Vous pouvez vous connecter.',
);
passwordRoutes(
  '/invitation',
  'invitation',
  'Activer votre compte instructeur',
  'Vous avez été invité à instruire des dossiers sur Guichet. Choisissez votre mot de passe pour activer votre compte.',
  'Votre compte est activé : vous êtes connecté. Utilisez désormais votre adresse électronique et ce mot de passe pour vous connecter.',
);
passwordRoutes(
  '/invitation-administrateur',
  'invitation',
  'Activer votre compte administrateur',
  'Vous avez été invité à administrer une démarche sur Guichet. Choisissez votre mot de passe pour activer votre compte.',
  'Votre compte est activé : vous êtes connecté. Utilisez désormais votre adresse électronique et ce mot de passe pour vous connecter.',
  '/admin/procedures',
);
passwordRoutes(
  '/invitation-expert',
  'invitation',
  'Activer votre compte expert',
  'Un instructeur vous demande votre avis sur un dossier. Choisissez votre mot de passe pour activer votre compte et donner votre avis.',
  'Votre compte est activé : vous êtes connecté. Utilisez désormais votre adresse électronique et ce mot de passe pour vous connecter.',
  '/expert/avis',
);
