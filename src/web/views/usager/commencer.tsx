// A démarche's public page (docs/interface.md §7): what it is, who runs it, how to start, and « Mes
// dossiers » on it for a signed-in usager.
import type { FC } from 'hono/jsx';
import type { MesDossiersItem, PublicProcedure } from '../../../queries/usager-dossiers.ts';
import { Csrf } from '../form.tsx';
import { MesDossiersTable } from './mes-dossiers.tsx';

export const CommencerPage: FC<{
  p: PublicProcedure;
  path: string;
  csrf: string;
  signedIn: boolean;
  dossiers: MesDossiersItem[];
  /** the démarche is en test: the dossiers started here are test dossiers (docs/domain.md §1.1) */
  test?: boolean;
}> = ({ p, path, csrf, signedIn, dossiers, test }) => (
  <div class="fr-grid-row">
    <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
      {test ? (
        <div class="fr-alert fr-alert--warning fr-mb-3w">
          <h2 class="fr-alert__title">Cette démarche est en test</h2>
          <p>
            Vous pouvez la tester en tant qu'administrateur ou instructeur : les dossiers déposés sont des dossiers de
            test, supprimés à la publication de la démarche.
          </p>
        </div>
      ) : null}
      <p class="fr-text--sm fr-mb-1w">{p.serviceName}</p>
      <h1>{p.title}</h1>
      <div class="fr-mb-4w" style="white-space: pre-wrap">
        {p.description}
      </div>
      {p.medianDays ? (
        <p class="fr-text--sm">
          Durée estimée du traitement : environ {p.medianDays} jour{p.medianDays > 1 ? 's' : ''} (la moitié des dossiers
          traités l'an passé l'ont été en moins de temps).
        </p>
      ) : null}
      {signedIn ? (
        <form method="post" action={path}>
          <Csrf token={csrf} />
          <button class="fr-btn fr-btn--lg" type="submit">
            Commencer la démarche
          </button>
        </form>
      ) : (
        <div class="fr-callout">
          <h2 class="fr-callout__title fr-h5">Commencer la démarche</h2>
          <p class="fr-callout__text">
            Pour déposer un dossier, connectez-vous à votre compte Guichet ou créez-en un : vous reviendrez ensuite sur
            cette page.
          </p>
          <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
            <li>
              <a class="fr-btn" href={`/connexion?redirect=${encodeURIComponent(path)}`}>
                Se connecter
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href={`/compte/creer?redirect=${encodeURIComponent(path)}`}>
                Créer un compte
              </a>
            </li>
          </ul>
        </div>
      )}
      {dossiers.length ? (
        <section class="fr-mt-6w" aria-labelledby="mes-dossiers-demarche">
          <h2 id="mes-dossiers-demarche" class="fr-h4">
            Mes dossiers sur cette démarche
          </h2>
          <MesDossiersTable dossiers={dossiers} showProcedure={false} csrf={csrf} />
        </section>
      ) : null}
      <section class="fr-mt-6w" aria-labelledby="contact-titre">
        <h2 id="contact-titre" class="fr-h5">
          Une question sur cette démarche ?
        </h2>
        <p>
          {p.serviceName}
          {p.contactEmail ? (
            <>
              {' · '}
              <a class="fr-link" href={`mailto:${p.contactEmail}`}>
                {p.contactEmail}
              </a>
            </>
          ) : null}
        </p>
      </section>
    </div>
  </div>
);

/** A démarche that cannot receive dossiers: said plainly, with whom to contact. */
export const CommencerUnavailable: FC<{ p: PublicProcedure | null; path?: string; signedIn?: boolean }> = ({
  p,
  path,
  signedIn,
}) => (
  <div class="fr-grid-row">
    <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
      <h1>{p ? p.title : 'Démarche introuvable'}</h1>
      <div class="fr-alert fr-alert--info fr-mb-3w">
        <h2 class="fr-alert__title">
          {!p
            ? "Cette démarche n'existe pas"
            : p.state === 'close'
              ? 'Cette démarche est close'
              : "Cette démarche n'est pas ouverte"}
        </h2>
        <p>
          {!p
            ? "Vérifiez le lien que vous avez suivi : aucune démarche ne lui correspond. L'administration qui vous l'a donné peut vous indiquer le bon lien."
            : p.state === 'close'
              ? "Elle n'accepte plus de nouveaux dossiers. Vos dossiers déjà déposés restent accessibles dans « Mes dossiers »."
              : "Elle n'accepte pas de dossiers pour l'instant."}
        </p>
        {p?.state === 'close' && p.closingMessage ? <p>{p.closingMessage}</p> : null}
        {p?.state === 'brouillon' && !signedIn && path ? (
          <p>
            Elle est en test : si vous l'administrez ou l'instruisez,{' '}
            <a href={`/connexion?redirect=${encodeURIComponent(path)}`}>connectez-vous</a> pour déposer un dossier de
            test.
          </p>
        ) : null}
      </div>
      {p?.contactEmail ? (
        <p>
          Pour toute question : {p.serviceName} ·{' '}
          <a class="fr-link" href={`mailto:${p.contactEmail}`}>
            {p.contactEmail}
          </a>
        </p>
      ) : null}
      <p>
        <a class="fr-link" href="/dossiers">
          Mes dossiers
        </a>
      </p>
    </div>
  </div>
);
