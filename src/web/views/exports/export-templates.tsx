// « Modèles d'export » (docs/interface.md §5): the procedure's templates (shared with its
// instructors; « Modifier » and « Supprimer » for their author), the form of a tabular template
// (columns of the list's catalogue: chosen, ordered, renamed) and of a zip template (folder name,
// file names per attachment field, the parts of the dossier included).
import type { FC } from 'hono/jsx';
import {
  FILE_NAME_TAGS,
  TEMPLATE_KIND_LABELS,
  type TemplateKind,
  type ZipLayout,
} from '../../../domain/export-templates.ts';
import { FOLDER_NUMBER_TAG, FORMAT_LABELS } from '../../../domain/exports.ts';
import type { ExportTemplate } from '../../../queries/export-templates.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { SmallAlert } from '../components/alert.tsx';
import { Table } from '../components/table.tsx';
import { Csrf, ErrorSummary, Fieldset, Input } from '../form.tsx';

export interface TemplateListItem {
  template: ExportTemplate;
  /** columns (or attachment fields) of the template no longer in the form */
  missing: string[];
  editable: boolean;
}

export function templatesHref(procedureId: string): string {
  return `/instructeur/procedures/${procedureId}/modeles-export`;
}

/** The warning of a template whose columns are no longer all in the form. */
export const MissingColumns: FC<{ name: string; missing: string[] }> = ({ name, missing }) =>
  missing.length ? (
    <SmallAlert kind="warning" spacing="fr-mb-1w">
      Le modèle « {name} » contient {missing.length > 1 ? 'des colonnes qui n’existent' : 'une colonne qui n’existe'}{' '}
      plus dans le formulaire : {missing.map((m) => `« ${m} »`).join(', ')}.{' '}
      {missing.length > 1 ? 'Elles ne seront pas exportées' : 'Elle ne sera pas exportée'} ; les autres le seront.
    </SmallAlert>
  ) : null;

export const TemplatesSection: FC<{ procedureId: string; csrf: string; items: TemplateListItem[] }> = ({
  procedureId,
  csrf,
  items,
}) => (
  <section class="fr-mt-6w" aria-labelledby="modeles-export-titre">
    <h2 class="fr-h4" id="modeles-export-titre">
      Modèles d'export
    </h2>
    <p class="fr-text--sm">
      Un modèle d'export choisit, ordonne et renomme les colonnes d'un tableur, ou organise les dossiers et les pièces
      jointes d'une archive zip. Les modèles sont partagés avec les instructeurs de la démarche ; seul leur auteur peut
      les modifier. Lancez-les depuis « Télécharger les dossiers » sur la liste des dossiers.
    </p>
    <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
      <li>
        <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`${templatesHref(procedureId)}/nouveau?type=tabular`}>
          Nouveau modèle de tableur
        </a>
      </li>
      <li>
        <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`${templatesHref(procedureId)}/nouveau?type=zip`}>
          Nouveau modèle d'archive zip
        </a>
      </li>
    </ul>
    {items.length === 0 ? (
      <p class="fr-text--sm">Aucun modèle d'export pour cette démarche.</p>
    ) : (
      <>
        {items.map((i) => (
          <MissingColumns name={i.template.name} missing={i.missing} />
        ))}
        <Table modifiers="fr-table--sm" caption={`Modèles d'export (${items.length})`}>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">Contenu</th>
              <th scope="col">Auteur</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map(({ template: t, editable }) => (
              <tr id={`modele-${t.id}`}>
                <td>{t.name}</td>
                <td>{t.kind === 'zip' ? FORMAT_LABELS.zip : FORMAT_LABELS[t.format]}</td>
                <td>
                  {t.kind === 'zip'
                    ? `Dossiers nommés « ${t.zip?.folderPattern ?? ''} »`
                    : `${t.columns.length} colonne${t.columns.length > 1 ? 's' : ''}`}
                </td>
                <td>{t.authorEmail ?? '—'}</td>
                <td>
                  {editable ? (
                    <div class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                      <a class="fr-btn fr-btn--tertiary fr-btn--sm" href={`${templatesHref(procedureId)}/${t.id}`}>
                        Modifier<span class="fr-sr-only"> le modèle « {t.name} »</span>
                      </a>
                      <form method="post" action={`${templatesHref(procedureId)}/${t.id}/supprimer`}>
                        <Csrf token={csrf} />
                        <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm">
                          Supprimer<span class="fr-sr-only"> le modèle « {t.name} »</span>
                        </button>
                      </form>
                    </div>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </>
    )}
  </section>
);

/** A row of the column chooser, as shown and as sent back. */
export interface ColumnRow {
  id: string;
  label: string;
  group: string;
  included: boolean;
  position: string;
  header: string;
}

export interface TemplateFormState {
  kind: TemplateKind;
  name: string;
  format: string;
  columns: ColumnRow[];
  zip: ZipLayout;
  attachments: { stableId: string; label: string }[];
  /** the template's columns gone from the form (editing) */
  missing: string[];
  errors?: Record<string, string>;
}

const ZIP_PARTS: { key: 'pdf' | 'avis' | 'messages' | 'justificatifs' | 'attestation'; label: string }[] = [
  { key: 'pdf', label: 'Le PDF du dossier' },
  { key: 'avis', label: 'Les fichiers des avis' },
  { key: 'messages', label: 'Les fichiers de la messagerie' },
  { key: 'justificatifs', label: 'Les justificatifs de la décision' },
  { key: 'attestation', label: "L'attestation" },
];

export const TemplateFormPage: FC<{
  procedure: { id: string; title: string };
  csrf: string;
  /** null: a new template */
  templateId: string | null;
  state: TemplateFormState;
}> = ({ procedure, csrf, templateId, state }) => {
  const errors = state.errors ?? {};
  const title = templateId
    ? `Modifier le modèle « ${state.name} »`
    : state.kind === 'zip'
      ? "Nouveau modèle d'archive zip"
      : 'Nouveau modèle de tableur';
  const action = templateId ? `${templatesHref(procedure.id)}/${templateId}` : templatesHref(procedure.id);
  return (
    <div>
      <Breadcrumb
        items={[
          { label: 'Démarches', href: '/instructeur/procedures' },
          { label: procedure.title, href: `/instructeur/procedures/${procedure.id}` },
          { label: 'Mes téléchargements', href: `/instructeur/procedures/${procedure.id}/telechargements` },
          { label: title },
        ]}
      />
      <h1 class="fr-h3">{title}</h1>
      <p class="fr-text--sm">
        {TEMPLATE_KIND_LABELS[state.kind]}. Le modèle est partagé avec les instructeurs de la démarche ; vous seul
        pourrez le modifier.
      </p>
      <ErrorSummary errors={errors} />
      <MissingColumns name={state.name} missing={state.missing} />
      <form method="post" action={action}>
        <Csrf token={csrf} />
        <input type="hidden" name="kind" value={state.kind} />
        <Input name="name" label="Nom du modèle" value={state.name} error={errors.name} required />
        {state.kind === 'tabular' ? (
          <TabularFields state={state} errors={errors} />
        ) : (
          <ZipFields state={state} errors={errors} />
        )}
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
          <li>
            <button type="submit" class="fr-btn">
              Enregistrer le modèle
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/instructeur/procedures/${procedure.id}/telechargements`}>
              Annuler
            </a>
          </li>
        </ul>
      </form>
    </div>
  );
};

const TabularFields: FC<{ state: TemplateFormState; errors: Record<string, string> }> = ({ state, errors }) => (
  <>
    <div class={`fr-select-group${errors.format ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for="modele-format">
        Format du fichier
      </label>
      <select
        class="fr-select"
        id="modele-format"
        name="format"
        aria-describedby={errors.format ? 'modele-format-error' : undefined}
      >
        {(['xlsx', 'ods', 'csv'] as const).map((f) => (
          <option value={f} selected={state.format === f}>
            {FORMAT_LABELS[f]}
          </option>
        ))}
      </select>
      {errors.format ? (
        <p class="fr-error-text" id="modele-format-error">
          {errors.format}
        </p>
      ) : null}
    </div>
    <Fieldset id="modele-colonnes" legend="Colonnes du fichier" error={errors.columns}>
      <p class="fr-hint-text fr-ml-1w">
        Cochez les colonnes à exporter, indiquez leur position (1, 2, 3…) et, si vous le souhaitez, leur titre dans le
        fichier (laissé vide : le nom de la colonne).
      </p>
      <Table modifiers="fr-table--sm fr-table--no-caption" caption="Colonnes disponibles">
        <thead>
          <tr>
            <th scope="col">Colonne</th>
            <th scope="col">Position</th>
            <th scope="col">Titre dans le fichier</th>
          </tr>
        </thead>
        <tbody>
          {state.columns.map((c, i) => (
            <tr>
              <td>
                <input type="hidden" name="colonne" value={c.id} />
                <div class="fr-checkbox-group fr-checkbox-group--sm">
                  <input type="checkbox" id={`colonne-${i}`} name="inclure" value={c.id} checked={c.included} />
                  <label class="fr-label" for={`colonne-${i}`}>
                    {c.label}
                    <span class="fr-hint-text">{c.group}</span>
                  </label>
                </div>
              </td>
              <td>
                <label class="fr-sr-only" for={`position-${i}`}>
                  Position de « {c.label} »
                </label>
                <input
                  class="fr-input"
                  style="max-width: 6rem"
                  type="number"
                  min="1"
                  id={`position-${i}`}
                  name="position"
                  value={c.position}
                />
              </td>
              <td>
                <label class="fr-sr-only" for={`titre-${i}`}>
                  Titre de « {c.label} » dans le fichier
                </label>
                <input
                  class="fr-input"
                  type="text"
                  id={`titre-${i}`}
                  name="titre"
                  value={c.header}
                  placeholder={c.label}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Fieldset>
  </>
);

const ZipFields: FC<{ state: TemplateFormState; errors: Record<string, string> }> = ({ state, errors }) => (
  <>
    <Input
      name="folderPattern"
      id="modele-dossier"
      label="Nom du dossier de chaque dossier"
      hint={`Doit contenir ${FOLDER_NUMBER_TAG} (le numéro du dossier), par exemple « dossier-${FOLDER_NUMBER_TAG} ».`}
      value={state.zip.folderPattern}
      error={errors.folderPattern}
      required
    />
    <Fieldset id="modele-parties" legend="Contenu de chaque dossier">
      <p class="fr-hint-text fr-ml-1w">Les pièces jointes du formulaire et des annotations sont toujours incluses.</p>
      {ZIP_PARTS.map((p) => (
        <div class="fr-fieldset__element">
          <div class="fr-checkbox-group fr-checkbox-group--sm">
            <input type="checkbox" id={`partie-${p.key}`} name={p.key} value="1" checked={state.zip[p.key]} />
            <label class="fr-label" for={`partie-${p.key}`}>
              {p.label}
            </label>
          </div>
        </div>
      ))}
    </Fieldset>
    <Fieldset id="modele-noms" legend="Nom des fichiers de chaque pièce justificative">
      <p class="fr-hint-text fr-ml-1w">
        Laissé vide : le nom du fichier envoyé. Balises :{' '}
        {FILE_NAME_TAGS.map((t) => `${t.tag} (${t.label})`).join(', ')}. L'extension du fichier est conservée.
      </p>
      {state.attachments.length === 0 ? (
        <p class="fr-text--sm fr-ml-1w">Le formulaire n'a pas de champ « pièce justificative ».</p>
      ) : (
        state.attachments.map((a, i) => (
          <div class="fr-fieldset__element">
            <input type="hidden" name="champ" value={a.stableId} />
            <Input
              name="motif"
              id={`motif-${i}`}
              label={`Nom des fichiers de « ${a.label} »`}
              value={state.zip.filePatterns[a.stableId] ?? ''}
              error={errors[`pattern_${a.stableId}`]}
            />
          </div>
        ))
      )}
    </Fieldset>
  </>
);
