// « Mes téléchargements » (docs/interface.md §5): my exports with their state, progress, size, date
// and « expire dans »; the page refreshes itself while one is in preparation.
import type { FC } from 'hono/jsx';
import {
  EXPORT_STATE_LABELS,
  expiresInText,
  FORMAT_LABELS,
  progressPercent,
  sizeText,
} from '../../../domain/exports.ts';
import { TAB_LABELS, isTab } from '../../../domain/tabs.ts';
import type { ExportItem } from '../../../queries/exports.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { Table } from '../components/table.tsx';

const FR_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const BADGE: Record<ExportItem['state'], string> = {
  pending: 'fr-badge--info',
  generated: 'fr-badge--success',
  failed: 'fr-badge--error',
};

export const DownloadsPage: FC<{
  items: ExportItem[];
  now: Date;
  procedure?: { id: string; title: string };
}> = ({ items, now, procedure }) => {
  const pending = items.some((i) => i.state === 'pending');
  return (
    <div data-controller={pending ? 'refresh' : undefined} data-refresh-interval-value="3000">
      <Breadcrumb
        items={
          procedure
            ? [
                { label: 'Démarches', href: '/instructeur/procedures' },
                { label: procedure.title, href: `/instructeur/procedures/${procedure.id}` },
                { label: 'Mes téléchargements' },
              ]
            : [{ label: 'Démarches', href: '/instructeur/procedures' }, { label: 'Mes téléchargements' }]
        }
      />
      <h1 class="fr-h3">Mes téléchargements</h1>
      <p class="fr-text--sm">
        Les exports sont préparés en arrière-plan : vous pouvez quitter cette page, un e-mail vous prévient quand un
        export est prêt. Les fichiers sont conservés 32 heures.
      </p>
      {items.length === 0 ? (
        <div class="fr-callout">
          <p class="fr-callout__text">
            Aucun export pour le moment. Utilisez « Télécharger les dossiers » depuis la liste des dossiers d'une
            démarche.
          </p>
        </div>
      ) : (
        <Table modifiers="fr-table--sm" caption={`Exports (${items.length})`}>
          <thead>
            <tr>
              <th scope="col">Démarche</th>
              <th scope="col">Dossiers</th>
              <th scope="col">Format</th>
              <th scope="col">Demandé le</th>
              <th scope="col">État</th>
              <th scope="col">Taille</th>
              <th scope="col">Expire dans</th>
              <th scope="col">Fichier</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr id={`export-${e.id}`}>
                <td>
                  <a href={`/instructeur/procedures/${e.procedureId}`}>
                    {e.procedureTitle} (nº {e.procedureId})
                  </a>
                </td>
                <td>
                  {e.tab && isTab(e.tab) ? `Onglet « ${TAB_LABELS[e.tab]} »` : 'Tous les dossiers'}
                  {e.templateName ? <p class="fr-text--xs fr-mb-0">Modèle « {e.templateName} »</p> : null}
                </td>
                <td>{FORMAT_LABELS[e.format]}</td>
                <td>{FR_DATE_TIME.format(e.createdAt)}</td>
                <td>
                  <p class={`fr-badge fr-badge--sm ${BADGE[e.state]}`}>{EXPORT_STATE_LABELS[e.state]}</p>
                  {e.state === 'pending' ? (
                    <div>
                      <label class="fr-text--xs" for={`progression-${e.id}`}>
                        {e.total ? `${e.done} / ${e.total} dossiers` : 'Préparation…'}
                      </label>
                      <progress id={`progression-${e.id}`} max="100" value={String(progressPercent(e.done, e.total))}>
                        {progressPercent(e.done, e.total)} %
                      </progress>
                    </div>
                  ) : null}
                  {e.state === 'failed' && e.error ? <p class="fr-text--xs fr-mb-0">{e.error}</p> : null}
                </td>
                <td>{e.size !== null ? sizeText(e.size) : '—'}</td>
                <td>{e.generatedAt ? expiresInText(e.generatedAt, now) : '—'}</td>
                <td>
                  {e.state === 'generated' ? (
                    <a
                      class="fr-link fr-icon-download-line fr-link--icon-left"
                      href={`/instructeur/telechargements/${e.id}/fichier`}
                    >
                      Télécharger l'export<span class="fr-sr-only"> nº {e.id}</span>
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
};
