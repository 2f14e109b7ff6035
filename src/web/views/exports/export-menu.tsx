// « Télécharger les dossiers » (docs/interface.md §5): a menu on the procedure's list with one
// button per format, for every dossier or for the current tab with its filters and sort; then
// « Télécharger à partir d'un modèle »: one of the procedure's templates, for the same two scopes.
import type { FC } from 'hono/jsx';
import { EXPORT_FORMATS, type ExportFormat } from '../../../domain/exports.ts';
import { TAB_LABELS, type Tab } from '../../../domain/tabs.ts';
import { Csrf } from '../form.tsx';
import { MissingColumns } from './export-templates.tsx';

/** A template as the menu offers it. */
export interface MenuTemplate {
  id: string;
  name: string;
  format: ExportFormat;
  /** its columns gone from the form */
  missing: string[];
}

export const ExportMenu: FC<{ procedureId: string; tab: Tab; csrf: string; templates?: MenuTemplate[] }> = ({
  procedureId,
  tab,
  csrf,
  templates = [],
}) => (
  <details class="fr-mb-0">
    <summary class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-download-line fr-btn--icon-left">
      Télécharger les dossiers
    </summary>
    <div class="fr-mt-1w fr-p-2w" style="border: 1px solid var(--border-default-grey)">
      {(['tous', tab] as const).map((scope, i) => (
        <form method="post" action={`/instructeur/procedures/${procedureId}/exports`} class="fr-mb-1w">
          <Csrf token={csrf} />
          {i === 1 ? <input type="hidden" name="tab" value={scope} /> : null}
          <p class="fr-text--sm fr-text--bold fr-mb-1w">
            {i === 0
              ? 'Tous les dossiers'
              : `Les dossiers de l'onglet « ${TAB_LABELS[scope]} » (avec ses filtres et son tri)`}
          </p>
          <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            {EXPORT_FORMATS.map((format) => (
              <li>
                <button type="submit" name="format" value={format} class="fr-btn fr-btn--tertiary fr-btn--sm">
                  <span class="fr-sr-only">Demander un export au format </span>.{format}
                  <span class="fr-sr-only">
                    {i === 0 ? ' — tous les dossiers' : ` — onglet « ${TAB_LABELS[scope]} »`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </form>
      ))}
      {templates.length ? (
        <form method="post" action={`/instructeur/procedures/${procedureId}/exports`} class="fr-mb-1w">
          <Csrf token={csrf} />
          <p class="fr-text--sm fr-text--bold fr-mb-1w">Télécharger à partir d'un modèle</p>
          {templates.map((t) => (
            <MissingColumns name={t.name} missing={t.missing} />
          ))}
          <div class="fr-select-group fr-mb-1w">
            <label class="fr-label" for="export-modele">
              Modèle d'export
            </label>
            <select class="fr-select" id="export-modele" name="template">
              {templates.map((t) => (
                <option value={t.id}>
                  {t.name} (.{t.format})
                </option>
              ))}
            </select>
          </div>
          <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <button type="submit" name="tab" value="" class="fr-btn fr-btn--tertiary fr-btn--sm">
                Tous les dossiers<span class="fr-sr-only"> — à partir du modèle choisi</span>
              </button>
            </li>
            <li>
              <button type="submit" name="tab" value={tab} class="fr-btn fr-btn--tertiary fr-btn--sm">
                Onglet « {TAB_LABELS[tab]} »<span class="fr-sr-only"> — à partir du modèle choisi</span>
              </button>
            </li>
          </ul>
        </form>
      ) : null}
      <a class="fr-link fr-link--sm" href={`/instructeur/procedures/${procedureId}/telechargements`}>
        Mes téléchargements et modèles d'export
      </a>
    </div>
  </details>
);
