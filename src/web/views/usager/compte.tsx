// « Créer un compte » and « Supprimer mon compte » (docs/interface.md §7).
import type { FC } from 'hono/jsx';
import { Csrf, ErrorSummary, Input, NewPasswordInputs } from '../form.tsx';

export const SignUpPage: FC<{
  csrf: string;
  email?: string;
  redirect?: string;
  errors?: Record<string, string> | null;
}> = (p) => (
  <div class="fr-grid-row fr-grid-row--center">
    <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
      <h1>Créer un compte</h1>
      <p>
        Votre compte vous permet de déposer des dossiers et de les suivre. Si vous avez déjà un compte (par exemple
        d'instructeur), utilisez-le :{' '}
        <a class="fr-link" href={`/connexion${p.redirect ? `?redirect=${encodeURIComponent(p.redirect)}` : ''}`}>
          se connecter
        </a>
        .
      </p>
      <ErrorSummary errors={p.errors} title="Votre compte n'a pas été créé" />
      <form method="post" action="/compte/creer" novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="redirect" value={p.redirect ?? ''} />
        <Input
          name="email"
          label="Adresse électronique"
          type="email"
          value={p.email}
          required
          autocomplete="email"
          hint="Format attendu : nom@domaine.fr"
          error={p.errors?.email}
        />
        <NewPasswordInputs errors={p.errors} />
        <button class="fr-btn" type="submit">
          Créer mon compte
        </button>
      </form>
    </div>
  </div>
);

export const AccountPage: FC<{
  csrf: string;
  email: string;
  blockers: number;
  brouillons: number;
  error?: string | null;
}> = (p) => (
  <div class="fr-grid-row">
    <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
      <h1>Mon compte</h1>
      <p>
        Adresse électronique : <strong>{p.email}</strong>
      </p>
      <h2 class="fr-h4">Supprimer mon compte</h2>
      {p.error ? (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{p.error}</p>
        </div>
      ) : null}
      {p.blockers > 0 ? (
        <p>
          Vous ne pouvez pas supprimer votre compte tant qu'un de vos dossiers est en instruction ({p.blockers} dossier
          {p.blockers > 1 ? 's' : ''}).
        </p>
      ) : (
        <form method="post" action="/compte/supprimer">
          <Csrf token={p.csrf} />
          <p>
            Vos brouillons ({p.brouillons}) seront supprimés. Vos dossiers déposés restent à l'administration, qui les
            conserve selon les règles de conservation de chaque démarche ; vous ne pourrez plus y accéder.
          </p>
          <div class="fr-checkbox-group fr-mb-2w">
            <input type="checkbox" id="confirmer-suppression" name="confirm" value="1" required />
            <label class="fr-label" for="confirmer-suppression">
              Je confirme vouloir supprimer mon compte
            </label>
          </div>
          <button class="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left" type="submit">
            Supprimer mon compte
          </button>
        </form>
      )}
    </div>
  </div>
);
