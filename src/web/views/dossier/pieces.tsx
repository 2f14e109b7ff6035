// « Pièces justificatives »: one gallery of every file of the dossier — form fields, messagerie,
// avis, decision justificatifs, attestation, annotations — with date added, origin, preview
// (image, PDF) and download, all through the permission-checked file route.
import type { FC } from 'hono/jsx';
import { FILE_ORIGIN_LABELS, isPreviewable } from '../../../domain/files.ts';
import type { FieldDef } from '../../../domain/fields/index.ts';
import type { FileItem, PiecesTab } from '../../../queries/dossier-page.ts';
import { formatBytes } from '../../../platform/storage/upload.ts';
import { frDateTime, isoOf } from './format.ts';
import { filePath } from './links.ts';

function originText(f: FileItem, labels: Map<string, string>): string {
  const base = FILE_ORIGIN_LABELS[f.origin] ?? f.origin;
  if ((f.origin === 'champ' || f.origin === 'annotation') && f.originRef && labels.has(f.originRef))
    return `${base} : « ${labels.get(f.originRef)} »`;
  return base;
}

function labelsOf(defs: FieldDef[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const d of defs) {
    m.set(d.stableId, d.label);
    for (const c of d.children ?? []) m.set(c.stableId, `${d.label} — ${c.label}`);
  }
  return m;
}

export const FileTile: FC<{ f: FileItem; origin: string }> = ({ f, origin }) => {
  const image = f.contentType.startsWith('image/') && isPreviewable(f.contentType);
  return (
    <div class="fr-col-12 fr-col-sm-6 fr-col-lg-4">
      <div class="fr-p-2w" style="border: 1px solid var(--border-default-grey); height: 100%">
        {image ? (
          <a
            href={filePath(f.id, { inline: true })}
            data-turbo="false"
            target="_blank"
            rel="noopener"
            title={`${f.name} — ouvrir l'aperçu dans un nouvel onglet`}
          >
            <img
              src={filePath(f.id, { inline: true })}
              alt={`Aperçu de ${f.name}`}
              loading="lazy"
              style="max-width: 100%; max-height: 160px; display: block"
            />
          </a>
        ) : (
          <p class="fr-mb-1w" aria-hidden="true">
            <span
              class={
                f.contentType === 'application/pdf'
                  ? 'fr-icon-file-pdf-line fr-icon--lg'
                  : 'fr-icon-file-line fr-icon--lg'
              }
            ></span>
          </p>
        )}
        <p class="fr-text--bold fr-mb-1v" style="overflow-wrap: anywhere">
          {f.name}
        </p>
        <p class="fr-text--xs fr-mb-1v">
          {origin} · {formatBytes(f.size)}
        </p>
        <p class="fr-text--xs fr-mb-1w">
          Ajouté le <time datetime={isoOf(f.createdAt)}>{frDateTime(f.createdAt)}</time>
        </p>
        <ul class="fr-links-group fr-links-group--inline fr-mb-0" style="list-style: none; padding-left: 0">
          {isPreviewable(f.contentType) ? (
            <li>
              <a
                class="fr-link fr-link--sm fr-icon-eye-line fr-link--icon-left"
                href={filePath(f.id, { inline: true })}
                data-turbo="false"
                target="_blank"
                rel="noopener"
              >
                Visualiser<span class="fr-sr-only"> « {f.name} » (nouvel onglet)</span>
              </a>
            </li>
          ) : null}
          <li>
            <a
              class="fr-link fr-link--sm fr-icon-download-line fr-link--icon-left"
              href={filePath(f.id)}
              data-turbo="false"
            >
              Télécharger<span class="fr-sr-only"> « {f.name} »</span>
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
};

export const PiecesView: FC<{ tab: PiecesTab }> = ({ tab }) => {
  const labels = labelsOf([...tab.fields, ...tab.annotationDefs]);
  return (
    <section aria-labelledby="pieces-titre">
      <h2 class="fr-h5" id="pieces-titre">
        Pièces justificatives ({tab.files.length})
      </h2>
      {tab.files.length === 0 ? (
        <p>Aucune pièce jointe à ce dossier.</p>
      ) : (
        <div class="fr-grid-row fr-grid-row--gutters">
          {tab.files.map((f) => (
            <FileTile f={f} origin={originText(f, labels)} />
          ))}
        </div>
      )}
    </section>
  );
};
