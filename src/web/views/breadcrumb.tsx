// The DSFR breadcrumb (« fil d'Ariane »): every item a link but the last, the current page.
import type { FC } from 'hono/jsx';

export interface Crumb {
  label: string;
  /** absent on the current page (the last item) */
  href?: string;
}

export const Breadcrumb: FC<{ items: Crumb[]; class?: string }> = ({ items, class: extra }) => (
  <nav role="navigation" class={`fr-breadcrumb${extra ? ` ${extra}` : ''}`} aria-label="vous êtes ici :">
    <ol class="fr-breadcrumb__list">
      {items.map((item, i) => (
        <li>
          {i === items.length - 1 ? (
            <a class="fr-breadcrumb__link" aria-current="page">
              {item.label}
            </a>
          ) : (
            <a class="fr-breadcrumb__link" href={item.href}>
              {item.label}
            </a>
          )}
        </li>
      ))}
    </ol>
  </nav>
);
