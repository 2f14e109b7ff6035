// Small DSFR pieces shared by the work-list pages.
import type { FC } from 'hono/jsx';
import { NOTIFICATION_LABELS, type NotificationKind } from '../../../domain/notifications.ts';
import type { DossierState } from '../../../domain/dossier-state.ts';
import { STATE_LABELS } from '../../../domain/dossier-state.ts';

const STATE_BADGE: Record<DossierState, string> = {
  brouillon: 'fr-badge--info',
  en_construction: 'fr-badge--new',
  en_instruction: 'fr-badge--info',
  accepte: 'fr-badge--success',
  refuse: 'fr-badge--error',
  sans_suite: 'fr-badge--warning',
};

export const StateBadge: FC<{ state: DossierState }> = ({ state }) => (
  <p class={`fr-badge fr-badge--sm fr-badge--no-icon ${STATE_BADGE[state]}`}>{STATE_LABELS[state]}</p>
);

/** Badge kinds that point to something new (red-ish); the "awaiting" ones are informative. */
const WARNING_KINDS: readonly NotificationKind[] = ['dossier_depose', 'dossier_expirant', 'dossier_suppression'];

export const NotificationBadge: FC<{ kind: NotificationKind; count?: number }> = ({ kind, count }) => (
  <p
    class={`fr-badge fr-badge--sm fr-badge--no-icon ${WARNING_KINDS.includes(kind) ? 'fr-badge--warning' : kind.startsWith('attente') ? 'fr-badge--info' : 'fr-badge--new'}`}
  >
    {NOTIFICATION_LABELS[kind]}
    {count !== undefined ? ` : ${count}` : ''}
  </p>
);

export const Notice: FC<{ kind?: 'info' | 'warning' | 'error' | 'success'; messages: string[] }> = ({
  kind = 'info',
  messages,
}) =>
  messages.length ? (
    <div class={`fr-alert fr-alert--${kind} fr-alert--sm fr-mb-3w`} role={kind === 'error' ? 'alert' : 'status'}>
      {messages.map((m) => (
        <p>{m}</p>
      ))}
    </div>
  ) : null;

// one formatter for the process: building an Intl formatter costs ≈ 30 µs, formatting with it ≈ 0.4
const FR_NUMBER = new Intl.NumberFormat('fr-FR');
export const frNumber = (n: number): string => FR_NUMBER.format(n);

/** Pages to show around the current one: 1 … p-1 p p+1 … last. */
export function pageWindow(page: number, count: number): (number | null)[] {
  const set = new Set([1, count, page - 1, page, page + 1].filter((p) => p >= 1 && p <= count));
  const sorted = [...set].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

export const Pagination: FC<{ page: number; pageCount: number; href: (page: number) => string }> = ({
  page,
  pageCount,
  href,
}) => {
  if (pageCount <= 1) return null;
  return (
    <nav role="navigation" class="fr-pagination fr-mt-3w" aria-label="Pagination">
      <ul class="fr-pagination__list">
        <li>
          {page > 1 ? (
            <a class="fr-pagination__link fr-pagination__link--first" href={href(1)} title="Première page">
              Première page
            </a>
          ) : (
            <a class="fr-pagination__link fr-pagination__link--first" aria-disabled="true" role="link">
              Première page
            </a>
          )}
        </li>
        <li>
          {page > 1 ? (
            <a
              class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
              href={href(page - 1)}
              title="Page précédente"
            >
              Page précédente
            </a>
          ) : (
            <a
              class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
              aria-disabled="true"
              role="link"
            >
              Page précédente
            </a>
          )}
        </li>
        {pageWindow(page, pageCount).map((p) =>
          p === null ? (
            <li>
              <span class="fr-pagination__link">…</span>
            </li>
          ) : (
            <li>
              {p === page ? (
                <a class="fr-pagination__link" aria-current="page" title={`Page ${p}`}>
                  {p}
                </a>
              ) : (
                <a class="fr-pagination__link" href={href(p)} title={`Page ${p}`}>
                  {p}
                </a>
              )}
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <a
              class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
              href={href(page + 1)}
              title="Page suivante"
            >
              Page suivante
            </a>
          ) : (
            <a
              class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
              aria-disabled="true"
              role="link"
            >
              Page suivante
            </a>
          )}
        </li>
        <li>
          {page < pageCount ? (
            <a class="fr-pagination__link fr-pagination__link--last" href={href(pageCount)} title="Dernière page">
              Dernière page
            </a>
          ) : (
            <a class="fr-pagination__link fr-pagination__link--last" aria-disabled="true" role="link">
              Dernière page
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
};

/** The instructor's search bar ("header area" of every instructor page). */
export const InstructorSearchBar: FC<{ q?: string }> = ({ q }) => (
  <search>
    <form method="get" action="/instructeur/recherche" class="fr-mb-3w">
      <div class="fr-search-bar" id="recherche-dossiers">
        <label class="fr-label" for="recherche-dossiers-input">
          Rechercher un dossier (numéro ou mots-clés)
        </label>
        <input
          class="fr-input"
          placeholder="Numéro de dossier, nom, e-mail, mot-clé…"
          id="recherche-dossiers-input"
          type="search"
          name="q"
          value={q ?? ''}
          maxlength={200}
        />
        <button title="Rechercher un dossier" type="submit" class="fr-btn">
          Rechercher
        </button>
      </div>
    </form>
  </search>
);
