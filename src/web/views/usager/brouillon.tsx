// The brouillon's form (docs/interface.md §7): who files (person or company), every field of the
// démarche with its DSFR input, the summary of errors linking to each field, « Enregistrer le
// brouillon » (without JavaScript) and its autosave (the `brouillon` controller), « Déposer le
// dossier ». Every field is rendered; those hidden by a condition carry `hidden` (right on reload,
// and the autosave's answer shows and hides them as answers change).
import type { FC } from 'hono/jsx';
import type { ReferentialOptions } from '../../../domain/fields/referentials.ts';
import { getFieldType, type ChampsMap, type FieldDef, type FileRef } from '../../../domain/fields/index.ts';
import type { BrouillonPage } from '../../../queries/usager-dossiers.ts';
import { Breadcrumb } from '../breadcrumb.tsx';
import { visibilityOf } from '../../forms/live-conditions.ts';
import { SmallAlert } from '../components/alert.tsx';
import { TestDossierBadge } from '../components/test-badge.tsx';
import { FieldInput, fieldName } from '../dossier/field-inputs.tsx';
import { UploadProgress } from '../dossier/upload-progress.tsx';
import { frDateTime } from '../dossier/format.ts';
import { Csrf, Input } from '../form.tsx';
import { CoEditorsSection } from './co-editors.tsx';
import { brouillonPath } from './links.ts';

/** The DOM id of the control of a field (or of a repetition row's child) an error is about. */
export function errorAnchor(defs: FieldDef[], key: string): string {
  if (['civilite', 'nom', 'prenom', 'siret'].includes(key)) return `identite-${key}`;
  if (defs.some((d) => d.stableId === key)) return `f-${fieldName(key)}`;
  for (const d of defs)
    for (const c of d.children ?? []) {
      const prefix = `${c.stableId}-`;
      if (key.startsWith(prefix)) return `f-${fieldName(d.stableId)}__${key.slice(prefix.length)}__${c.stableId}`;
    }
  return 'brouillon-form';
}

const LinkedErrorSummary: FC<{ defs: FieldDef[]; errors: Record<string, string> | null | undefined }> = ({
  defs,
  errors,
}) => {
  if (!errors || !Object.keys(errors).length) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" id="resume-erreurs" tabindex={-1}>
      <h2 class="fr-alert__title">Le dossier contient des erreurs</h2>
      <ul>
        {Object.entries(errors).map(([k, e]) => {
          const label =
            defs.find((d) => d.stableId === k)?.label ??
            defs.flatMap((d) => d.children ?? []).find((c) => k.startsWith(`${c.stableId}-`))?.label;
          return (
            <li>
              <a href={`#${errorAnchor(defs, k)}`}>{label ? `${label} : ${e}` : e}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
};

const Identity: FC<{ forIndividual: boolean; values: Record<string, string>; errors: Record<string, string> }> = ({
  forIndividual,
  values,
  errors,
}) =>
  forIndividual ? (
    <fieldset class="fr-fieldset" aria-labelledby="identite-legend">
      <legend class="fr-fieldset__legend" id="identite-legend">
        Votre identité
      </legend>
      <div class="fr-fieldset__element" data-brouillon-field="civilite">
        <fieldset
          class={`fr-fieldset${errors.civilite ? ' fr-fieldset--error' : ''}`}
          id="identite-civilite"
          aria-labelledby={`identite-civilite-legend${errors.civilite ? ' identite-civilite-error' : ''}`}
        >
          <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id="identite-civilite-legend">
            Civilité<span aria-hidden="true"> *</span>
          </legend>
          {[
            ['Mme', 'Madame'],
            ['M.', 'Monsieur'],
          ].map(([v, l], i) => (
            <div class="fr-fieldset__element fr-fieldset__element--inline">
              <div class="fr-radio-group">
                <input
                  type="radio"
                  id={`identite-civilite-${i}`}
                  name="civilite"
                  value={v}
                  checked={values.civilite === v}
                />
                <label class="fr-label" for={`identite-civilite-${i}`}>
                  {l}
                </label>
              </div>
            </div>
          ))}
          {errors.civilite ? (
            <div class="fr-messages-group" id="identite-civilite-error">
              <p class="fr-message fr-message--error">{errors.civilite}</p>
            </div>
          ) : null}
        </fieldset>
      </div>
      <div class="fr-fieldset__element" data-brouillon-field="nom">
        <Input
          id="identite-nom"
          name="nom"
          label="Nom"
          required
          autocomplete="family-name"
          value={values.nom}
          error={errors.nom}
        />
      </div>
      <div class="fr-fieldset__element" data-brouillon-field="prenom">
        <Input
          id="identite-prenom"
          name="prenom"
          label="Prénom"
          required
          autocomplete="given-name"
          value={values.prenom}
          error={errors.prenom}
        />
      </div>
    </fieldset>
  ) : (
    <fieldset class="fr-fieldset" aria-labelledby="identite-legend">
      <legend class="fr-fieldset__legend" id="identite-legend">
        Votre entreprise
      </legend>
      <div class="fr-fieldset__element" data-brouillon-field="siret">
        <Input
          id="identite-siret"
          name="siret"
          label="Numéro SIRET"
          hint="14 chiffres, par exemple 732 829 320 00074"
          required
          autocomplete="off"
          value={values.siret}
          error={errors.siret}
          attrs={{ inputmode: 'numeric' }}
        />
      </div>
    </fieldset>
  );

export const BrouillonView: FC<{
  b: BrouillonPage;
  csrf: string;
  values: Record<string, unknown>;
  identity: Record<string, string>;
  visible: Set<string>;
  stored: ChampsMap;
  errors?: Record<string, string> | null;
  conflict?: string | null;
  uploadMaxBytes: number;
  /** the entries of the short lists' selects (referentialOptionsFor) */
  referentials: ReferentialOptions;
}> = ({ b, csrf, values, identity, visible, stored, errors, conflict, uploadMaxBytes, referentials }) => {
  const visibility = visibilityOf(b.fields, values);
  return (
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <Breadcrumb
          class="fr-mt-0 fr-mb-2w"
          items={[{ label: 'Mes dossiers', href: '/dossiers?statut=brouillons' }, { label: `Brouillon nº ${b.id}` }]}
        />
        <p class="fr-text--sm fr-mb-1w">{b.serviceName}</p>
        <h1 class="fr-h3">{b.procedureTitle}</h1>
        <ul class="fr-badges-group fr-mb-2w">
          <li>
            <p class="fr-badge fr-badge--sm">Brouillon nº {b.id}</p>
          </li>
          {b.isTest ? (
            <li>
              <TestDossierBadge small />
            </li>
          ) : null}
        </ul>
        {b.isTest ? (
          <SmallAlert kind="warning" spacing="fr-mb-3w">
            Cette démarche est en test : ce dossier est un dossier de test, il sera supprimé à la publication de la
            démarche.
          </SmallAlert>
        ) : null}
        {conflict ? (
          <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
            <p>{conflict}</p>
          </div>
        ) : null}
        <LinkedErrorSummary defs={b.fields} errors={errors} />
        <p class="fr-text--sm">
          Les champs marqués d'un astérisque (<span aria-hidden="true">*</span>
          <span class="fr-sr-only">astérisque</span>) sont obligatoires pour déposer le dossier. Votre brouillon est
          enregistré au fur et à mesure ; vous pouvez le quitter et le reprendre depuis « Mes dossiers ».
        </p>
        <form
          method="post"
          action={brouillonPath(b.id)}
          enctype="multipart/form-data"
          novalidate
          id="brouillon-form"
          data-controller="brouillon conditions upload"
          data-brouillon-url-value={brouillonPath(b.id, 'autosave')}
          data-upload-max-bytes-value={String(uploadMaxBytes)}
          data-conditions-defs-value={JSON.stringify(b.fields)}
          data-action="input->brouillon#schedule change->brouillon#schedule submit->brouillon#cancel input->conditions#update change->conditions#update change->upload#check submit->upload#submit"
        >
          <Csrf token={csrf} />
          <input type="hidden" name="lockVersion" value={String(b.lockVersion)} data-brouillon-target="lock" />
          {/* Entrée dans un champ: save, never deposit nor add a row */}
          <button type="submit" name="_submit" value="enregistrer" class="fr-sr-only" tabindex={-1}>
            Enregistrer le brouillon
          </button>
          <Identity forIndividual={b.forIndividual} values={identity} errors={errors ?? {}} />
          <fieldset class="fr-fieldset" aria-labelledby="formulaire-legend">
            <legend class="fr-fieldset__legend" id="formulaire-legend">
              Le formulaire
            </legend>
            {b.fields.map((def) => {
              const storedFiles =
                def.type === 'piece_justificative' && Array.isArray(stored[def.stableId]?.value)
                  ? (stored[def.stableId]!.value as FileRef[])
                  : undefined;
              return (
                <div
                  class="fr-fieldset__element"
                  data-brouillon-field={getFieldType(def.type).fillable ? def.stableId : undefined}
                  data-brouillon-target="field"
                  data-condition-key={def.stableId}
                  data-stable-id={def.stableId}
                  hidden={!visible.has(def.stableId)}
                >
                  <FieldInput
                    def={def}
                    name={fieldName(def.stableId)}
                    value={values[def.stableId]}
                    error={errors?.[def.stableId]}
                    errors={errors ?? undefined}
                    existingFiles={storedFiles}
                    storedRows={def.type === 'repetition' ? stored[def.stableId]?.value : undefined}
                    visibility={visibility}
                    referentials={referentials}
                  />
                </div>
              );
            })}
          </fieldset>
          <p class="fr-text--sm fr-mt-2w" aria-live="polite" data-brouillon-target="status">
            Dernier enregistrement : {frDateTime(b.updatedAt)}
          </p>
          <UploadProgress />
          <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
            <li>
              <button type="submit" class="fr-btn fr-btn--secondary" name="_submit" value="enregistrer">
                Enregistrer le brouillon
              </button>
            </li>
            <li>
              <button type="submit" class="fr-btn" name="_submit" value="deposer">
                Déposer le dossier
              </button>
            </li>
          </ul>
        </form>
        <CoEditorsSection dossierId={b.id} owner={b.owner} coEditors={b.coEditors} csrf={csrf} />
        {b.owner ? (
          <form method="post" action={brouillonPath(b.id, 'supprimer')} class="fr-mt-4w">
            <Csrf token={csrf} />
            <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left">
              Supprimer le brouillon
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
};
