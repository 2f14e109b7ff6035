// « Demande »: the form as filed (the dossier's revision), with a table of contents of its sections,
// each value as the domain displays it, « modifié le » for values changed after the deposit, the
// applicant's identity and the dossier's history.
import { HISTORY_LABELS } from '../../../domain/history-labels.ts';
import type { FC } from 'hono/jsx';
import { visibleFields, visibleRowFields } from '../../../domain/conditions.ts';
import { CORRECTION_REASONS, type CorrectionReason } from '../../../domain/dossier-state.ts';
import {
  displayValue,
  getFieldType,
  type ChampsMap,
  type FieldDef,
  type FileRef,
  type RepetitionRow,
} from '../../../domain/fields/index.ts';
import type { DemandeTab, HistoryEntry } from '../../../queries/dossier-page.ts';
import { formatBytes } from '../../../platform/storage/upload.ts';
import { frDate, frDateTime, frShortDate, frTime, isoOf } from './format.ts';
import { filePath } from './links.ts';
import { Table } from '../components/table.tsx';

export const CORRECTION_REASON_LABELS: Record<CorrectionReason, string> = {
  incorrect: 'Le dossier contient des informations incorrectes',
  incomplete: 'Le dossier est incomplet (pièces ou informations manquantes)',
  outdated: 'Une pièce ou une information est périmée',
};
export { CORRECTION_REASONS };

export function sectionAnchor(stableId: string): string {
  return `section-${stableId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

const FilesValue: FC<{ files: FileRef[] }> = ({ files }) => (
  <ul class="fr-mb-0">
    {files.map((f) => (
      <li>
        <a class="fr-link fr-link--sm" href={filePath(f.fileId)} data-turbo="false">
          {f.name}
        </a>{' '}
        <span class="fr-text--xs">({formatBytes(f.size)})</span>
      </li>
    ))}
  </ul>
);

function fileRefs(v: unknown): FileRef[] {
  return Array.isArray(v)
    ? (v as FileRef[]).filter((f) => typeof f === 'object' && f !== null && typeof f.fileId === 'string')
    : [];
}

const ValueOf: FC<{ def: FieldDef; value: unknown; rootValueOf: (id: string) => unknown }> = ({
  def,
  value,
  rootValueOf,
}) => {
  const m = getFieldType(def.type);
  if (m.isEmpty(value as never))
    return (
      <span class="fr-text--sm" style="color: var(--text-mention-grey)">
        Non renseigné
      </span>
    );
  if (def.type === 'piece_justificative') return <FilesValue files={fileRefs(value)} />;
  if (def.type === 'repetition') {
    const rows = (Array.isArray(value) ? value : []) as RepetitionRow[];
    return (
      <ol class="fr-mb-0">
        {rows.map((row) => (
          <li>
            <dl class="gu-champs gu-champs--row">
              {visibleRowFields(def.children ?? [], row.values, rootValueOf as never)
                .filter((c) => getFieldType(c.type).fillable)
                .map((c) => (
                  <div class="fr-mb-1w">
                    <dt class="fr-text--sm fr-text--bold fr-mb-0">{c.label}</dt>
                    <dd class="fr-ml-0">
                      <ValueOf def={c} value={row.values[c.stableId]} rootValueOf={rootValueOf} />
                    </dd>
                  </div>
                ))}
            </dl>
          </li>
        ))}
      </ol>
    );
  }
  let text = '';
  try {
    text = displayValue(def, value as never);
  } catch {
    text = String(value);
  }
  return <span style="white-space: pre-wrap">{text}</span>;
};

/** The values of a form, grouped under its section titles; `changedAfter`: show « modifié le » for later changes. */
export const ChampsView: FC<{
  defs: FieldDef[];
  champs: ChampsMap;
  changedAfter?: Date | null;
  headingLevel?: 2 | 3;
}> = ({ defs, champs, changedAfter, headingLevel = 2 }) => {
  const visible = visibleFields(defs, champs);
  const rootValueOf = (id: string) => champs[id]?.value;
  const blocks: { title: FieldDef | null; fields: FieldDef[] }[] = [{ title: null, fields: [] }];
  for (const def of visible) {
    if (def.type === 'header_section') blocks.push({ title: def, fields: [] });
    else if (getFieldType(def.type).fillable) blocks[blocks.length - 1].fields.push(def);
  }
  return (
    <>
      {blocks
        .filter((b) => b.title || b.fields.length)
        .map((b) => (
          <section
            class="fr-mb-4w"
            id={b.title ? sectionAnchor(b.title.stableId) : undefined}
            aria-labelledby={b.title ? `${sectionAnchor(b.title.stableId)}-titre` : undefined}
          >
            {b.title ? (
              headingLevel === 2 ? (
                <h2 class="fr-h5" id={`${sectionAnchor(b.title.stableId)}-titre`}>
                  {b.title.label}
                </h2>
              ) : (
                <h3 class="fr-h5" id={`${sectionAnchor(b.title.stableId)}-titre`}>
                  {b.title.label}
                </h3>
              )
            ) : null}
            <dl class="gu-champs">
              {b.fields.map((def) => {
                const c = champs[def.stableId];
                const modified =
                  changedAfter && c?.updatedAt && new Date(c.updatedAt).getTime() > changedAfter.getTime() + 1000;
                return (
                  <div class="fr-mb-2w">
                    <dt class="fr-text--bold fr-mb-0">{def.label}</dt>
                    <dd class="fr-ml-0">
                      <ValueOf def={def} value={c?.value} rootValueOf={rootValueOf} />
                      {modified ? (
                        <p class="fr-text--xs fr-mb-0" style="color: var(--text-mention-grey)">
                          modifié le <time datetime={isoOf(c.updatedAt)}>{frDateTime(c.updatedAt)}</time>
                        </p>
                      ) : null}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        ))}
    </>
  );
};

function authorOf(e: HistoryEntry, opts: { hideInstructorEmails?: boolean }): string {
  if (!e.actorEmail || e.actorEmail === 'systeme') return 'Guichet (automatique)';
  if (opts.hideInstructorEmails && e.type !== 'depose' && e.type !== 'depose_correction_usager')
    return "l'administration";
  return e.actorEmail;
}

function detailsOf(e: HistoryEntry): string {
  const parts: string[] = [];
  const motivation = typeof e.data.motivation === 'string' ? e.data.motivation : null;
  if (motivation) parts.push(`Motivation : ${motivation}`);
  if (
    e.type === 'correction_demandee' &&
    typeof e.data.reason === 'string' &&
    e.data.reason in CORRECTION_REASON_LABELS
  ) {
    parts.push(`Motif : ${CORRECTION_REASON_LABELS[e.data.reason as CorrectionReason]}`);
  }
  if (e.type === 'depose_correction_usager' && e.data.correction_resolved === true)
    parts.push('La correction demandée est résolue.');
  return parts.join('\n');
}

/** Every state change of the dossier, oldest first: date, time, author, motivation. */
export const HistoryTable: FC<{ history: HistoryEntry[]; hideInstructorEmails?: boolean; headingLevel?: 2 | 3 }> = ({
  history,
  hideInstructorEmails,
  headingLevel = 2,
}) => (
  <section class="fr-mt-4w" aria-labelledby="historique-titre">
    {headingLevel === 2 ? (
      <h2 class="fr-h5" id="historique-titre">
        Historique du dossier
      </h2>
    ) : (
      <h3 class="fr-h5" id="historique-titre">
        Historique du dossier
      </h3>
    )}
    {history.length === 0 ? (
      <p>Aucun changement d'état pour l'instant.</p>
    ) : (
      <Table modifiers="fr-table--no-caption fr-table--sm" caption="Historique du dossier">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Heure</th>
            <th scope="col">Étape</th>
            <th scope="col">Par</th>
            <th scope="col">Précisions</th>
          </tr>
        </thead>
        <tbody>
          {history.map((e) => (
            <tr>
              <td>
                <time datetime={isoOf(e.createdAt)}>{frShortDate(e.createdAt)}</time>
              </td>
              <td>{frTime(e.createdAt)}</td>
              <td>{HISTORY_LABELS[e.type] ?? e.type}</td>
              <td>{authorOf(e, { hideInstructorEmails })}</td>
              <td style="white-space: pre-wrap">{detailsOf(e)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}
  </section>
);

export const DemandeView: FC<{ tab: DemandeTab }> = ({ tab }) => {
  const h = tab.header;
  const sections = visibleFields(tab.fields, tab.champs).filter((d) => d.type === 'header_section');
  const a = h.applicant;
  return (
    <div class="fr-grid-row fr-grid-row--gutters">
      {sections.length ? (
        <div class="fr-col-12 fr-col-md-3">
          <nav class="fr-sidemenu fr-sidemenu--sticky" aria-labelledby="sommaire-titre">
            <div class="fr-sidemenu__inner">
              <p class="fr-sidemenu__title" id="sommaire-titre">
                Sommaire
              </p>
              <ul class="fr-sidemenu__list">
                <li class="fr-sidemenu__item">
                  <a class="fr-sidemenu__link" href="#demandeur">
                    Demandeur
                  </a>
                </li>
                {sections.map((s) => (
                  <li class="fr-sidemenu__item">
                    <a class="fr-sidemenu__link" href={`#${sectionAnchor(s.stableId)}`}>
                      {s.label}
                    </a>
                  </li>
                ))}
                <li class="fr-sidemenu__item">
                  <a class="fr-sidemenu__link" href="#historique-titre">
                    Historique du dossier
                  </a>
                </li>
              </ul>
            </div>
          </nav>
        </div>
      ) : null}
      <div class={sections.length ? 'fr-col-12 fr-col-md-9' : 'fr-col-12'}>
        <section class="fr-mb-4w" id="demandeur" aria-labelledby="demandeur-titre">
          <h2 class="fr-h5" id="demandeur-titre">
            Demandeur
          </h2>
          <dl class="gu-champs">
            <div class="fr-mb-1w">
              <dt class="fr-text--bold fr-mb-0">Identité</dt>
              <dd class="fr-ml-0">{[a.civilite, a.prenom, a.nom].filter(Boolean).join(' ') || 'Non renseignée'}</dd>
            </div>
            <div class="fr-mb-1w">
              <dt class="fr-text--bold fr-mb-0">Adresse électronique</dt>
              <dd class="fr-ml-0">{a.email}</dd>
            </div>
            <div class="fr-mb-1w">
              <dt class="fr-text--bold fr-mb-0">Déposé le</dt>
              <dd class="fr-ml-0">{h.facts.depose_at ? frDate(h.facts.depose_at) : '—'}</dd>
            </div>
            {h.hasAttestation ||
            (h.state === 'accepte' && h.attestationActive) ||
            (h.state === 'refuse' && h.refusalAttestationActive) ? (
              <div class="fr-mb-1w">
                <dt class="fr-text--bold fr-mb-0">Attestation</dt>
                <dd class="fr-ml-0">
                  <a
                    class="fr-link fr-icon-download-line fr-link--icon-left"
                    href={`/instructeur/dossiers/${h.id}/attestation`}
                    data-turbo="false"
                  >
                    Télécharger l'attestation
                  </a>
                </dd>
              </div>
            ) : null}
            {h.facts.processed_at && h.motivation ? (
              <div class="fr-mb-1w">
                <dt class="fr-text--bold fr-mb-0">Motivation de la décision</dt>
                <dd class="fr-ml-0" style="white-space: pre-wrap">
                  {h.motivation}
                </dd>
              </div>
            ) : null}
          </dl>
        </section>
        <ChampsView defs={tab.fields} champs={tab.champs} changedAfter={h.facts.depose_at} />
        <HistoryTable history={tab.history} />
      </div>
    </div>
  );
};
