import type { Child, FC } from 'hono/jsx';
import type { CurrentUser, Flash } from '../context.ts';
import { assetUrl } from '../assets.ts';

export interface LayoutProps {
  title: string;
  user: CurrentUser | null;
  csrf: string;
  flash?: Flash | null;
  /** active header menu entry */
  nav?: 'procedures' | 'dossiers' | 'admin' | 'expert' | null;
  children?: Child;
  /** wider layout for the work list */
  fluid?: boolean;
}

const HeaderTools: FC<{ user: CurrentUser | null; csrf: string }> = ({ user, csrf }) =>
  user ? (
    <ul class="fr-btns-group">
      <li>
        <span class="fr-btn fr-icon-account-circle-line">
          <span class="fr-sr-only">Connecté en tant que </span>
          {user.email}
        </span>
      </li>
      <li>
        <form method="post" action="/deconnexion">
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
            Se déconnecter
          </button>
        </form>
      </li>
    </ul>
  ) : (
    <ul class="fr-btns-group">
      <li>
        <a class="fr-btn fr-icon-lock-line" href="/connexion">
          Se connecter
        </a>
      </li>
    </ul>
  );

const Nav: FC<{ user: CurrentUser; active?: LayoutProps['nav'] }> = ({ user, active }) => {
  const items: { key: NonNullable<LayoutProps['nav']>; href: string; label: string; show: boolean }[] = [
    { key: 'procedures', href: '/instructeur/procedures', label: 'Démarches', show: user.roles.instructeur },
    { key: 'admin', href: '/admin/procedures', label: 'Administration', show: user.roles.administrateur },
    { key: 'expert', href: '/expert/avis', label: 'Avis', show: user.roles.expert },
    { key: 'dossiers', href: '/dossiers', label: 'Mes dossiers', show: true },
  ];
  return (
    <nav class="fr-nav" id="navigation-main" role="navigation" aria-label="Menu principal">
      <ul class="fr-nav__list">
        {items
          .filter((i) => i.show)
          .map((i) => (
            <li class="fr-nav__item">
              <a class="fr-nav__link" href={i.href} aria-current={active === i.key ? 'page' : undefined}>
                {i.label}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
};

export const FlashMessage: FC<{ flash: Flash }> = ({ flash }) => (
  <div
    class={`fr-alert fr-alert--${flash.kind} fr-alert--sm fr-mb-3w`}
    role={flash.kind === 'error' ? 'alert' : 'status'}
  >
    <p>{flash.message}</p>
  </div>
);

export const Layout: FC<LayoutProps> = ({ title, user, csrf, flash, nav, children, fluid }) => (
  <html lang="fr" data-fr-scheme="system">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
      <meta name="csrf-token" content={csrf} />
      <title>{`${title} · Guichet`}</title>
      <link rel="stylesheet" href={assetUrl('dsfr.css')} />
      <link rel="stylesheet" href={assetUrl('icons.css')} />
      <link rel="stylesheet" href={assetUrl('app.css')} />
      <script type="module" src={assetUrl('dsfr.js')}></script>
      <script type="module" src={assetUrl('client.js')} defer></script>
    </head>
    <body>
      <div class="fr-skiplinks">
        <nav class="fr-container" role="navigation" aria-label="Accès rapide">
          <ul class="fr-skiplinks__list">
            <li>
              <a class="fr-link" href="#contenu">
                Contenu
              </a>
            </li>
            <li>
              <a class="fr-link" href="#footer">
                Pied de page
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <header role="banner" class="fr-header">
        <div class="fr-header__body">
          <div class="fr-container">
            <div class="fr-header__body-row">
              <div class="fr-header__brand fr-enlarge-link">
                <div class="fr-header__brand-top">
                  <div class="fr-header__logo">
                    <p class="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                  {/* DSFR's mobile menu: the burger opens the menu modal, into which dsfr.js copies the tools links. */}
                  <div class="fr-header__navbar">
                    <button
                      type="button"
                      class="fr-btn--menu fr-btn"
                      data-fr-opened="false"
                      aria-controls="modal-menu"
                      aria-haspopup="menu"
                      id="button-menu"
                      title="Menu"
                    >
                      Menu
                    </button>
                  </div>
                </div>
                <div class="fr-header__service">
                  <a href="/" title="Accueil - Guichet">
                    <p class="fr-header__service-title">Guichet</p>
                  </a>
                  <p class="fr-header__service-tagline">Démarches administratives en ligne</p>
                </div>
              </div>
              <div class="fr-header__tools">
                <div class="fr-header__tools-links">
                  <HeaderTools user={user} csrf={csrf} />
                </div>
              </div>
            </div>
          </div>
        </div>
        {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: DSFR's markup; its script gives the modal role="dialog" when it opens on small screens */}
        <div class="fr-header__menu fr-modal" id="modal-menu" aria-labelledby="button-menu">
          <div class="fr-container">
            <button type="button" class="fr-btn--close fr-btn" aria-controls="modal-menu" title="Fermer">
              Fermer
            </button>
            <div class="fr-header__menu-links" />
            {user ? <Nav user={user} active={nav} /> : null}
          </div>
        </div>
      </header>
      <main
        id="contenu"
        role="main"
        tabindex={-1}
        class={fluid ? 'fr-container--fluid fr-px-3w fr-py-4w' : 'fr-container fr-py-4w'}
      >
        {flash ? <FlashMessage flash={flash} /> : null}
        {children}
      </main>
      <footer class="fr-footer" role="contentinfo" id="footer">
        <div class="fr-container">
          <div class="fr-footer__body">
            <div class="fr-footer__brand fr-enlarge-link">
              <a href="/" title="Retour à l'accueil - Guichet">
                <p class="fr-logo">
                  République
                  <br />
                  Française
                </p>
              </a>
            </div>
            <div class="fr-footer__content">
              <p class="fr-footer__content-desc">
                Guichet permet aux administrations de publier leurs démarches en ligne et d'instruire les dossiers des
                usagers.
              </p>
            </div>
          </div>
          <div class="fr-footer__bottom">
            <ul class="fr-footer__bottom-list">
              <li class="fr-footer__bottom-item">
                <a class="fr-footer__bottom-link" href="/accessibilite">
                  Accessibilité : partiellement conforme
                </a>
              </li>
            </ul>
            <div class="fr-footer__bottom-copy">
              <p>Code source sous licence MIT.</p>
            </div>
          </div>
        </div>
      </footer>
    </body>
  </html>
);
