// The form builder (docs/interface.md §A): the draft's fields or annotations privées with their
// actions (plain forms: « Monter » / « Descendre » are the keyboard and no-JavaScript way; drag and
// drop is added by the sortable controller), and the editor of one field.
import type { FC } from 'hono/jsx';
import { OPERATOR_LABELS } from '../../../domain/conditions.ts';
import { fieldTypes } from '../../../domain/fields/index.ts';
import { FIELD_TYPES, type FieldDef, type FieldType } from '../../../domain/fields/types.ts';
import { BUILDER_OPERATORS, type FieldInput } from '../../../domain/procedure-builder.ts';
import { Csrf, ErrorSummary, Fieldset, Input, Select } from '../form.tsx';
import { adminHref, ProcedureCrumbs } from './procedure.tsx';

export type BuilderList = 'fields' | 'annotations';
export const SEGMENT: Record<BuilderList, string> = { fields: 'champs', annotations: 'annotations' };
const TITLE: Record<BuilderList, string> = { fields: 'Formulaire', annotations: 'Annotations privées' };

export const CONDITION_ROWS = 3;

function describeCondition(def: FieldDef, all: FieldDef[]): string | null {
  const c = def.condition;
  if (!c) return null;
  const labelOf = (id: string) =>
    all.flatMap((d) => [d, ...(d.children ?? [])]).find((d) => d.stableId === id)?.label ?? 'champ supprimé';
  const terms = 'terms' in c ? c.terms : [c];
  const parts = terms.map((t) =>
    'terms' in t
      ? '…'
      : `« ${labelOf(t.field)} » ${OPERATOR_LABELS[t.op]}${t.value === undefined ? '' : ` « ${t.value === 'true' ? 'Oui' : t.value === 'false' ? 'Non' : t.value} »`}`,
  );
  return `Affiché si ${parts.join('terms' in c && c.op === 'or' ? ' ou ' : ' et ')}`;
}

const Actions: FC<{
  base: string;
  def: FieldDef;
  csrf: string;
  lockVersion: number;
  first: boolean;
  last: boolean;
}> = ({ base, def, csrf, lockVersion, first, last }) => (
  <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-1w">
    <li>
      <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`${base}/${def.stableId}`}>
        Modifier<span class="fr-sr-only"> « {def.label} »</span>
      </a>
    </li>
    {(
      [
        ['monter', 'Monter', first],
        ['descendre', 'Descendre', last],
        ['dupliquer', 'Dupliquer', false],
        ['supprimer', 'Supprimer', false],
      ] as const
    ).map(([action, label, disabled]) => (
      <li>
        <form method="post" action={`${base}/${def.stableId}/${action}`}>
          <Csrf token={csrf} />
          <input type="hidden" name="lockVersion" value={String(lockVersion)} />
          <button
            class={`fr-btn fr-btn--sm ${action === 'supprimer' ? 'fr-btn--tertiary' : 'fr-btn--tertiary-no-outline'}`}
            type="submit"
            disabled={disabled}
          >
            {label}
            <span class="fr-sr-only"> « {def.label} »</span>
          </button>
        </form>
      </li>
    ))}
  </ul>
);

const FieldItem: FC<{
  def: FieldDef;
  all: FieldDef[];
  base: string;
  csrf: string;
  lockVersion: number;
  first: boolean;
  last: boolean;
  errors: Map<string, string[]>;
  child?: boolean;
}> = ({ def, all, base, csrf, lockVersion, first, last, errors, child }) => {
  const module = fieldTypes[def.type];
  const cond = describeCondition(def, all);
  const errs = errors.get(def.stableId) ?? [];
  return (
    <li
      class="fr-card fr-card--no-arrow fr-p-2w fr-mb-2w"
      data-sortable-target={child ? undefined : 'item'}
      data-id={def.stableId}
      draggable={child ? undefined : 'true'}
      id={`champ-${def.stableId}`}
    >
      <p class="fr-mb-0">
        <strong>{def.label}</strong> <span class="fr-badge fr-badge--sm">{module.label}</span>
        {module.fillable ? (def.mandatory ? ' · obligatoire' : ' · facultatif') : ''}
      </p>
      {def.description ? <p class="fr-text--sm fr-mb-0">{def.description}</p> : null}
      {cond ? <p class="fr-text--sm fr-mb-0">{cond}</p> : null}
      {errs.map((e) => (
        <p class="fr-error-text">{e}</p>
      ))}
      <Actions base={base} def={def} csrf={csrf} lockVersion={lockVersion} first={first} last={last} />
      {def.type === 'repetition' ? (
        <div class="fr-ml-4w fr-mt-2w">
          <p class="fr-text--sm">Champs du bloc répétable :</p>
          {(def.children ?? []).length === 0 ? <p class="fr-text--sm">Aucun champ dans ce bloc.</p> : null}
          <ol class="fr-raw-list">
            {(def.children ?? []).map((c, i, list) => (
              <FieldItem
                def={c}
                all={all}
                base={base}
                csrf={csrf}
                lockVersion={lockVersion}
                first={i === 0}
                last={i === list.length - 1}
                errors={errors}
                child
              />
            ))}
          </ol>
          <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`${base}/nouveau?parent=${def.stableId}`}>
            Ajouter un champ dans « {def.label} »
          </a>
        </div>
      ) : null}
    </li>
  );
};

export const BuilderView: FC<{
  p: { id: string; title: string; state: string };
  list: BuilderList;
  defs: FieldDef[];
  lockVersion: number;
  errors: { stableId: string; message: string }[];
  csrf: string;
}> = ({ p, list, defs, lockVersion, errors, csrf }) => {
  const base = adminHref(p.id, SEGMENT[list]);
  const byField = new Map<string, string[]>();
  for (const e of errors) byField.set(e.stableId, [...(byField.get(e.stableId) ?? []), e.message]);
  return (
    <>
      <ProcedureCrumbs p={p} current={TITLE[list]} />
      <h1>{TITLE[list]}</h1>
      {p.state !== 'brouillon' ? (
        <p class="fr-alert fr-alert--info fr-alert--sm">
          Vous modifiez un brouillon : les usagers et les dossiers en cours ne verront les changements qu'après «
          Publier les modifications ».
        </p>
      ) : null}
      {errors.length ? (
        <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w">
          <p>À corriger avant de publier :</p>
          <ul>
            {errors.map((e) => (
              <li>
                <a href={`#champ-${e.stableId}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div
        data-controller="sortable"
        data-sortable-url-value={`${base}/ordre`}
        data-sortable-version-value={String(lockVersion)}
      >
        <p class="fr-sr-only" aria-live="polite" data-sortable-target="status"></p>
        {defs.length === 0 ? <p>Aucun champ pour l'instant.</p> : null}
        <ol class="fr-raw-list" data-sortable-target="list">
          {defs.map((d, i) => (
            <FieldItem
              def={d}
              all={defs}
              base={base}
              csrf={csrf}
              lockVersion={lockVersion}
              first={i === 0}
              last={i === defs.length - 1}
              errors={byField}
            />
          ))}
        </ol>
      </div>
      <p>
        <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href={`${base}/nouveau`}>
          Ajouter un champ
        </a>
      </p>
      <p>
        <a href={adminHref(p.id)}>Retour au tableau de bord de la démarche</a>
      </p>
    </>
  );
};

const Check: FC<{ name: string; checked: boolean; label: string }> = ({ name, checked, label }) => (
  <div class="fr-checkbox-group fr-mb-2w">
    <input type="checkbox" id={`f-${name}`} name={name} value="1" checked={checked} />
    <label class="fr-label" for={`f-${name}`}>
      {label}
    </label>
  </div>
);

/** The options of a type, as inputs. */
const Options: FC<{ type: FieldType; v: FieldInput; e: Record<string, string> }> = ({ type, v, e }) => {
  switch (type) {
    case 'header_section':
      return (
        <Input
          name="level"
          type="number"
          label="Niveau de titre (1 à 3)"
          value={v.level || '1'}
          error={e.level}
          attrs={{ min: 1, max: 3 }}
        />
      );
    case 'explication':
      return <Check name="collapsible" checked={v.collapsible} label="Texte repliable" />;
    case 'textarea':
      return (
        <Input
          name="characterLimit"
          type="number"
          label="Nombre maximal de caractères (facultatif)"
          value={v.characterLimit}
          error={e.characterLimit}
        />
      );
    case 'integer_number':
    case 'decimal_number':
      return (
        <>
          <Input name="min" label="Valeur minimale (facultative)" value={v.min} error={e.min} />
          <Input name="max" label="Valeur maximale (facultative)" value={v.max} error={e.max} />
          <Check name="positive" checked={v.positive} label="Nombres positifs uniquement" />
        </>
      );
    case 'date':
    case 'datetime':
      return <Check name="pastOnly" checked={v.pastOnly} label="Dates passées uniquement" />;
    case 'drop_down_list':
    case 'multiple_drop_down_list':
      return (
        <>
          <Input
            name="choices"
            label="Options"
            hint="Une option par ligne."
            value={v.choices}
            error={e.choices}
            textarea
            rows={6}
            required
          />
          {type === 'drop_down_list' ? (
            <Check name="other" checked={v.other} label="Proposer « Autre » avec une saisie libre" />
          ) : null}
        </>
      );
    case 'linked_drop_down_list':
      return (
        <Input
          name="choices"
          label="Options"
          hint="Une option principale par ligne, suivie de ses options secondaires commençant par « - »."
          value={v.choices}
          error={e.choices}
          textarea
          rows={8}
          required
        />
      );
    case 'piece_justificative':
      return (
        <Input
          name="maxFiles"
          type="number"
          label="Nombre maximal de fichiers (1 à 10)"
          value={v.maxFiles || '1'}
          error={e.maxFiles}
          attrs={{ min: 1, max: 10 }}
        />
      );
    case 'formatted':
      return (
        <>
          <p class="fr-text--sm">Mode simple : caractères autorisés et longueur.</p>
          <Check name="letters" checked={v.letters} label="Lettres" />
          <Check name="numbers" checked={v.numbers} label="Chiffres" />
          <Check name="specialChars" checked={v.specialChars} label="Caractères spéciaux" />
          {e.letters ? <p class="fr-error-text">{e.letters}</p> : null}
          <Input
            name="minLength"
            type="number"
            label="Longueur minimale (facultative)"
            value={v.minLength}
            error={e.minLength}
          />
          <Input
            name="maxLength"
            type="number"
            label="Longueur maximale (facultative)"
            value={v.maxLength}
            error={e.maxLength}
          />
          <p class="fr-text--sm">Mode avancé (remplace le mode simple) :</p>
          <Input name="regex" label="Expression régulière (facultative)" value={v.regex} error={e.regex} />
          <Input name="regexExample" label="Exemple valide" value={v.regexExample} error={e.regexExample} />
          <Input name="regexError" label="Message d'erreur" value={v.regexError} error={e.regexError} />
        </>
      );
    default:
      return null;
  }
};

export const FieldEditorView: FC<{
  p: { id: string; title: string };
  list: BuilderList;
  /** null for a new field */
  stableId: string | null;
  parent: FieldDef | null;
  input: FieldInput;
  candidates: FieldDef[];
  errors: Record<string, string> | null;
  lockVersion: number;
  csrf: string;
}> = ({ p, list, stableId, parent, input, candidates, errors, lockVersion, csrf }) => {
  const base = adminHref(p.id, SEGMENT[list]);
  const e = errors ?? {};
  const type = ((FIELD_TYPES as readonly string[]).includes(input.type) ? input.type : 'text') as FieldType;
  const types = FIELD_TYPES.filter((t) => !(parent && t === 'repetition'));
  const self = stableId ? `${base}/${stableId}` : `${base}/nouveau`;
  const heading = stableId
    ? `Modifier le champ « ${input.label} »`
    : parent
      ? `Ajouter un champ dans « ${parent.label} »`
      : 'Ajouter un champ';
  const rows = [...input.conditions];
  while (rows.length < CONDITION_ROWS) rows.push({ field: '', op: 'eq', value: '' });
  return (
    <>
      <ProcedureCrumbs p={p} current={TITLE[list]} />
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      <form method="get" action={self} class="fr-mb-4w">
        {parent ? <input type="hidden" name="parent" value={parent.stableId} /> : null}
        <Select id="type-select" name="type" label="Type de champ">
          {types.map((t) => (
            <option value={t} selected={t === type}>
              {fieldTypes[t].label}
            </option>
          ))}
        </Select>
        <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
          Choisir ce type
        </button>
      </form>
      {/* an existing field is saved as the administrator types (the `autosave` controller; without
          JavaScript, « Enregistrer ») — a new one is created by the button only */}
      <form
        method="post"
        action={stableId ? self : base}
        {...(stableId
          ? {
              'data-controller': 'autosave',
              'data-autosave-url-value': self,
              'data-autosave-field': stableId,
              'data-autosave-button': 'Enregistrer',
              'data-action': 'input->autosave#schedule change->autosave#schedule submit->autosave#submit',
            }
          : {})}
      >
        <Csrf token={csrf} />
        <input type="hidden" name="lockVersion" value={String(lockVersion)} />
        <input type="hidden" name="type" value={type} />
        {parent ? <input type="hidden" name="parentId" value={parent.stableId} /> : null}
        <p>
          Type : <strong>{fieldTypes[type].label}</strong>
        </p>
        <Input name="label" label="Libellé du champ" value={input.label} error={e.label} required />
        <Input
          name="description"
          label="Texte d'aide (facultatif)"
          value={input.description}
          error={e.description}
          textarea
          rows={3}
        />
        {fieldTypes[type].fillable ? (
          <Check name="mandatory" checked={input.mandatory} label="Champ obligatoire" />
        ) : null}
        <Options type={type} v={input} e={e} />
        <Fieldset legend="Affichage conditionnel (facultatif)" id="condition" error={e.conditions ?? null}>
          {candidates.length === 0 ? (
            <p class="fr-text--sm">
              Aucun champ placé avant celui-ci ne peut servir de condition (oui/non, case à cocher, nombre, liste,
              adresse).
            </p>
          ) : (
            <>
              <p class="fr-text--sm">
                Le champ n'est affiché que si les règles sont vraies. Pour un champ Oui/Non, indiquez « Oui » ou « Non »
                ; pour une liste, l'option exacte.
              </p>
              <div class="fr-radio-group fr-mb-1w">
                <input type="radio" id="logic-and" name="logic" value="and" checked={input.logic !== 'or'} />
                <label class="fr-label" for="logic-and">
                  Toutes les règles (et)
                </label>
              </div>
              <div class="fr-radio-group fr-mb-2w">
                <input type="radio" id="logic-or" name="logic" value="or" checked={input.logic === 'or'} />
                <label class="fr-label" for="logic-or">
                  Au moins une règle (ou)
                </label>
              </div>
              {rows.map((r, i) => (
                <div class="fr-grid-row fr-grid-row--gutters">
                  <Select
                    class="fr-col-12 fr-col-md-5"
                    id={`cond-field-${i}`}
                    name={`cond_field_${i}`}
                    label={`Règle ${i + 1} : champ`}
                  >
                    <option value="">—</option>
                    {candidates.map((c) => (
                      <option value={c.stableId} selected={c.stableId === r.field}>
                        {c.label}
                      </option>
                    ))}
                    {r.field && !candidates.some((c) => c.stableId === r.field) ? (
                      <option value={r.field} selected>
                        Champ introuvable ou placé après
                      </option>
                    ) : null}
                  </Select>
                  <Select class="fr-col-12 fr-col-md-3" id={`cond-op-${i}`} name={`cond_op_${i}`} label="opérateur">
                    {BUILDER_OPERATORS.map((op) => (
                      <option value={op} selected={op === r.op}>
                        {OPERATOR_LABELS[op]}
                      </option>
                    ))}
                  </Select>
                  <div class="fr-col-12 fr-col-md-4">
                    <Input
                      name={`cond_value_${i}`}
                      id={`cond-value-${i}`}
                      label="valeur"
                      value={r.value === 'true' ? 'Oui' : r.value === 'false' ? 'Non' : r.value}
                      error={e[`conditions.${i}.op`]}
                    />
                  </div>
                </div>
              ))}
            </>
          )}
        </Fieldset>
        {stableId ? (
          <p class="fr-text--sm fr-mb-1w">
            Vos modifications sont enregistrées au fur et à mesure.{' '}
            <span data-autosave-status aria-live="polite" id="autosave-status" />
          </p>
        ) : null}
        <ul class="fr-btns-group fr-btns-group--inline">
          <li>
            <button class="fr-btn" type="submit">
              Enregistrer
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={base}>
              Annuler
            </a>
          </li>
        </ul>
      </form>
    </>
  );
};
