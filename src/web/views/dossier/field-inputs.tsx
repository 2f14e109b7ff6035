// One input per field type (DSFR markup, a label on every control, hint and error wired with
// aria-describedby). Used by the annotations privées and by the usager's edit form; reading the
// submitted form back is src/web/forms/champs.ts.
//
// Names: `champ_<stableId>` (+ `__primary`/`__secondary`, `__other`, `__keep`/`__files`), repetition
// rows `champ_<stableId>__rows` and their children `champ_<stableId>__<rowId>__<childStableId>`.
import type { Child, FC } from 'hono/jsx';
import {
  getFieldType,
  type ChampsMap,
  type FieldDef,
  type FieldValue,
  type FileRef,
} from '../../../domain/fields/index.ts';
import { formatPhone } from '../../../domain/fields/phone.ts';
import { maxFilesOf } from '../../../domain/fields/piece-justificative.ts';
import { formatBytes } from '../../../platform/storage/upload.ts';
import { asReferentialValue } from '../../../domain/fields/referential-module.ts';
import {
  isReferentialType,
  referentialLabel,
  type ReferentialOptions,
  type ReferentialSelectKind,
} from '../../../domain/fields/referentials.ts';
import {
  fieldName,
  OTHER_OPTION,
  rowKey,
  rowsOfValue,
  visibilityOf,
  type Visibility,
} from '../../forms/live-conditions.ts';
import { ACCEPT_ATTRIBUTE } from '../../forms/upload-rules.ts';
import { filePath } from './links.ts';

export { fieldName, OTHER_OPTION };

function domId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** A value as the text of an input (stored values and raw form input alike). */
function asInputText(def: FieldDef, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return def.type === 'decimal_number' ? String(v).replace('.', ',') : String(v);
  if (typeof v === 'string') return def.type === 'phone' ? formatPhone(v) : v;
  if (Array.isArray(v) && v.length && typeof v[0] === 'string') return String(v[v.length - 1]);
  const entry = asReferentialValue(v as FieldValue);
  if (entry && isReferentialType(def.type)) return referentialLabel(def.type, entry);
  return '';
}

interface InputProps {
  def: FieldDef;
  name: string;
  value: unknown;
  error?: string | null;
  /** errors of repetition children keyed `${childStableId}-${rowId}` */
  errors?: Record<string, string>;
  /** repetition: the stored rows, for the files already attached in each row */
  storedRows?: unknown;
  /** which fields the conditions show (live-conditions.ts): a repetition hides each row's hidden children */
  visibility?: Visibility;
  /** the entries of the départements, régions and pays selects, read by the route (referentialOptionsFor) */
  referentials: ReferentialOptions;
}

const Label: FC<{ def: FieldDef; id: string; hintId?: string }> = ({ def, id, hintId }) => (
  <label class="fr-label" for={id}>
    {def.label}
    {def.mandatory ? <span aria-hidden="true"> *</span> : null}
    {def.mandatory ? <span class="fr-sr-only"> (obligatoire)</span> : null}
    {def.description ? (
      <span class="fr-hint-text" id={hintId}>
        {def.description}
      </span>
    ) : null}
  </label>
);

const ErrorText: FC<{ id: string; error?: string | null }> = ({ id, error }) =>
  error ? (
    <p class="fr-error-text" id={id} style="white-space: pre-line">
      {error}
    </p>
  ) : null;

/**
 * The DSFR fieldset of a field made of several controls (radios, checkboxes, linked lists, files,
 * repetition rows): legend with the label, « obligatoire » and the hint, the controls, the error.
 * `rows`: a repetition, whose legend is a heading for its rows and whose error is not part of its name.
 */
const FieldsetShell: FC<{ def: FieldDef; id: string; error?: string | null; rows?: boolean; children?: Child }> = ({
  def,
  id,
  error,
  rows,
  children,
}) => (
  <fieldset
    class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
    id={id}
    aria-labelledby={`${id}-legend${error && !rows ? ` ${id}-error` : ''}`}
  >
    <legend
      class={rows ? 'fr-fieldset__legend' : 'fr-fieldset__legend--regular fr-fieldset__legend'}
      id={`${id}-legend`}
    >
      {def.label}
      {def.mandatory ? <span aria-hidden="true"> *</span> : null}
      {def.mandatory ? <span class="fr-sr-only"> (obligatoire)</span> : null}
      {def.description ? <span class="fr-hint-text">{def.description}</span> : null}
    </legend>
    {children}
    {error ? (
      <div class="fr-messages-group" id={`${id}-error`} aria-live="polite">
        <p class="fr-message fr-message--error" style="white-space: pre-line">
          {error}
        </p>
      </div>
    ) : null}
  </fieldset>
);

function describedBy(id: string, def: FieldDef, error?: string | null): string | undefined {
  return [def.description ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

const TEXT_TYPES: Record<
  string,
  { type: string; inputmode?: 'decimal' | 'numeric' | 'email' | 'tel' | 'text'; autocomplete?: string; hint?: string }
> = {
  text: { type: 'text' },
  email: { type: 'email', autocomplete: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
  integer_number: { type: 'text', inputmode: 'numeric' },
  decimal_number: { type: 'text', inputmode: 'decimal', hint: 'Par exemple : 1250,50' },
  date: { type: 'date' },
  datetime: { type: 'datetime-local' },
  address: { type: 'text', autocomplete: 'street-address' },
  iban: { type: 'text', hint: 'Par exemple : FR76 3000 6000 0112 3456 7890 189' },
  siret: { type: 'text', inputmode: 'numeric', hint: '14 chiffres' },
  dossier_link: { type: 'text', inputmode: 'numeric', hint: 'Numéro du dossier' },
  formatted: { type: 'text' },
};

const TextInput: FC<InputProps> = ({ def, name, value, error }) => {
  const id = domId(name);
  const spec = TEXT_TYPES[def.type] ?? { type: 'text' };
  const hint = def.description ?? spec.hint;
  const d = hint ? { ...def, description: hint } : def;
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <Label def={d} id={id} hintId={`${id}-hint`} />
      {def.type === 'textarea' ? (
        <textarea
          class={`fr-input${error ? ' fr-input--error' : ''}`}
          id={id}
          name={name}
          rows={5}
          aria-describedby={describedBy(id, d, error)}
          aria-invalid={error ? 'true' : undefined}
          maxlength={def.options?.characterLimit}
        >
          {asInputText(def, value)}
        </textarea>
      ) : (
        <input
          class={`fr-input${error ? ' fr-input--error' : ''}`}
          id={id}
          name={name}
          type={spec.type}
          inputmode={spec.inputmode}
          autocomplete={spec.autocomplete}
          value={asInputText(def, value)}
          aria-describedby={describedBy(id, d, error)}
          aria-invalid={error ? 'true' : undefined}
        />
      )}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
};

const RadioGroup: FC<InputProps & { options: { value: string; label: string }[] }> = ({
  def,
  name,
  value,
  error,
  options,
}) => {
  const id = domId(name);
  const current = value === true ? 'true' : value === false ? 'false' : asInputText(def, value);
  return (
    <FieldsetShell def={def} id={id} error={error}>
      {options.map((o, i) => (
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <div class="fr-radio-group">
            <input type="radio" id={`${id}-${i}`} name={name} value={o.value} checked={current === o.value} />
            <label class="fr-label" for={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        </div>
      ))}
      {!def.mandatory ? (
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <div class="fr-radio-group">
            <input type="radio" id={`${id}-none`} name={name} value="" checked={current === ''} />
            <label class="fr-label" for={`${id}-none`}>
              Non renseigné
            </label>
          </div>
        </div>
      ) : null}
    </FieldsetShell>
  );
};

const CheckboxInput: FC<InputProps> = ({ def, name, value, error }) => {
  const id = domId(name);
  const checked =
    value === true ||
    value === 'on' ||
    value === 'true' ||
    (Array.isArray(value) && ['on', 'true'].includes(String(value[value.length - 1])));
  return (
    <div class={`fr-checkbox-group fr-mb-3w${error ? ' fr-checkbox-group--error' : ''}`}>
      <input type="hidden" name={name} value="false" />
      <input
        type="checkbox"
        id={id}
        name={name}
        value="on"
        checked={checked}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label class="fr-label" for={id}>
        {def.label}
        {def.mandatory ? <span aria-hidden="true"> *</span> : null}
        {def.mandatory ? <span class="fr-sr-only"> (obligatoire)</span> : null}
        {def.description ? <span class="fr-hint-text">{def.description}</span> : null}
      </label>
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
};

const SelectInput: FC<InputProps> = ({ def, name, value, error }) => {
  const id = domId(name);
  const choices = def.options?.choices ?? [];
  const raw =
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'other' in value
      ? (value as { other: unknown }).other
      : value;
  const text = asInputText(def, raw);
  const isOther =
    !!def.options?.other && (text === OTHER_OPTION || (text !== '' && !choices.includes(text)) || raw !== value);
  const otherText = isOther && text !== OTHER_OPTION ? text : '';
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <Label def={def} id={id} hintId={`${id}-hint`} />
      <select
        class={`fr-select${error ? ' fr-select--error' : ''}`}
        id={id}
        name={name}
        aria-describedby={describedBy(id, def, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        <option value="" selected={text === '' && !isOther}>
          Sélectionnez une option
        </option>
        {choices.map((c) => (
          <option value={c} selected={!isOther && text === c}>
            {c}
          </option>
        ))}
        {def.options?.other ? (
          <option value={OTHER_OPTION} selected={isOther}>
            Autre
          </option>
        ) : null}
      </select>
      {def.options?.other ? (
        <div class="fr-input-group fr-mt-1w">
          <label class="fr-label" for={`${id}-other`}>
            Si « Autre », précisez
          </label>
          <input class="fr-input" id={`${id}-other`} name={`${name}__other`} type="text" value={otherText} />
        </div>
      ) : null}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
};

/** Départements, régions, pays: short lists, a select of their entries (the code is sent). */
const ReferentialSelect: FC<InputProps & { kind: ReferentialSelectKind }> = ({
  def,
  name,
  value,
  error,
  kind,
  referentials,
}) => {
  const id = domId(name);
  const entry = asReferentialValue(value as FieldValue);
  const current = entry ? entry.code : asInputText(def, value);
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <Label def={def} id={id} hintId={`${id}-hint`} />
      <select
        class={`fr-select${error ? ' fr-select--error' : ''}`}
        id={id}
        name={name}
        aria-describedby={describedBy(id, def, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        <option value="" selected={current === ''}>
          Sélectionnez une option
        </option>
        {(referentials[kind] ?? []).map((o) => (
          <option value={o.value} selected={current === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
};

const SEARCH_HINTS: Record<'communes' | 'epci', string> = {
  communes: 'Saisissez le nom ou le code INSEE de la commune, puis choisissez-la dans la liste',
  epci: "Saisissez le nom ou le numéro SIREN de l'EPCI, puis choisissez-le dans la liste",
};

/** Communes, EPCI: long lists, a text input whose suggestions come while typing (a <datalist> filled
 *  by the referential-search controller); the server checks the name or code sent. */
const ReferentialSearch: FC<InputProps & { kind: 'communes' | 'epci' }> = ({ def, name, value, error, kind }) => {
  const id = domId(name);
  const d = { ...def, description: def.description ?? SEARCH_HINTS[kind] };
  return (
    <div
      class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}
      data-controller="referential-search"
      data-referential-search-url-value={`/referentiels/${kind}`}
    >
      <Label def={d} id={id} hintId={`${id}-hint`} />
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={name}
        type="text"
        autocomplete="off"
        list={`${id}-suggestions`}
        value={asInputText(def, value)}
        aria-describedby={describedBy(id, d, error)}
        aria-invalid={error ? 'true' : undefined}
        data-referential-search-target="input"
        data-action="input->referential-search#search"
      />
      <datalist id={`${id}-suggestions`} data-referential-search-target="list"></datalist>
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
};

const MultipleInput: FC<InputProps> = ({ def, name, value, error }) => {
  const id = domId(name);
  const picked = new Set(Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : []);
  return (
    <FieldsetShell def={def} id={id} error={error}>
      {(def.options?.choices ?? []).map((c, i) => (
        <div class="fr-fieldset__element">
          <div class="fr-checkbox-group">
            <input type="checkbox" id={`${id}-${i}`} name={name} value={c} checked={picked.has(c)} />
            <label class="fr-label" for={`${id}-${i}`}>
              {c}
            </label>
          </div>
        </div>
      ))}
    </FieldsetShell>
  );
};

const LinkedInput: FC<InputProps> = ({ def, name, value, error }) => {
  const id = domId(name);
  const pair =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as { primary?: string; secondary?: string })
      : {};
  const linked = def.options?.linked ?? [];
  return (
    <FieldsetShell def={def} id={id} error={error}>
      <div class="fr-fieldset__element">
        <div class="fr-select-group">
          <label class="fr-label" for={`${id}-primary`}>
            Premier choix
          </label>
          <select class="fr-select" id={`${id}-primary`} name={`${name}__primary`}>
            <option value="">Sélectionnez une option</option>
            {linked.map((l) => (
              <option value={l.primary} selected={pair.primary === l.primary}>
                {l.primary}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="fr-fieldset__element">
        <div class="fr-select-group">
          <label class="fr-label" for={`${id}-secondary`}>
            Second choix
            <span class="fr-hint-text">Parmi les options du premier choix</span>
          </label>
          <select class="fr-select" id={`${id}-secondary`} name={`${name}__secondary`}>
            <option value="">Sélectionnez une option</option>
            {linked
              .filter((l) => l.secondaries.length)
              .map((l) => (
                <optgroup label={l.primary}>
                  {l.secondaries.map((s) => (
                    <option value={s} selected={pair.primary === l.primary && pair.secondary === s}>
                      {s}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        </div>
      </div>
    </FieldsetShell>
  );
};

const FilesInput: FC<InputProps & { existing: FileRef[] }> = ({ def, name, value, error, existing }) => {
  const id = domId(name);
  const keep =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { keep?: string[] }).keep)
      ? new Set((value as { keep: string[] }).keep)
      : null;
  const max = maxFilesOf(def);
  return (
    <FieldsetShell def={def} id={id} error={error}>
      {existing.map((f, i) => (
        <div class="fr-fieldset__element">
          <div class="fr-checkbox-group">
            <input
              type="checkbox"
              id={`${id}-keep-${i}`}
              name={`${name}__keep`}
              value={f.fileId}
              checked={keep ? keep.has(f.fileId) : true}
            />
            <label class="fr-label" for={`${id}-keep-${i}`}>
              Conserver « {f.name} » ({formatBytes(f.size)})
            </label>
          </div>
          <a class="fr-link fr-link--sm" href={filePath(f.fileId)} data-turbo="false">
            Télécharger « {f.name} »
          </a>
        </div>
      ))}
      <div class="fr-fieldset__element">
        <div class="fr-upload-group">
          <label class="fr-label" for={`${id}-files`}>
            {existing.length ? 'Ajouter un fichier' : 'Joindre un fichier'}
            <span class="fr-hint-text">
              {max > 1 ? `${max} fichiers au plus. ` : 'Un seul fichier. '}Taille maximale : 20 Mo par fichier. Formats
              acceptés : PDF, images, documents bureautiques.
            </span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id={`${id}-files`}
            name={`${name}__files`}
            accept={ACCEPT_ATTRIBUTE}
            multiple={max > 1}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
      </div>
    </FieldsetShell>
  );
};

/** Repetition rows: each row a fieldset of its children, with « Supprimer la ligne »; « Ajouter une ligne ». */
const RepetitionInput: FC<InputProps & { formAction?: string }> = ({
  def,
  name,
  value,
  error,
  errors,
  storedRows,
  visibility,
  referentials,
}) => {
  const id = domId(name);
  const rows = rowsOfValue(value);
  const stored = rowsOfValue(storedRows ?? value);
  const filesIn = (rowId: string, childId: string): FileRef[] | undefined => {
    const v = stored.find((r) => r.rowId === rowId)?.values[childId];
    return Array.isArray(v) ? (v as FileRef[]) : undefined;
  };
  return (
    <FieldsetShell def={def} id={id} error={error} rows>
      {rows.map((row, i) => (
        <div class="fr-fieldset__element">
          <input type="hidden" name={`${name}__rows`} value={row.rowId} />
          <fieldset
            class="fr-fieldset fr-p-2w"
            id={`${id}-${row.rowId}`}
            aria-labelledby={`${id}-${row.rowId}-legend`}
            style="border: 1px solid var(--border-default-grey)"
          >
            <legend class="fr-fieldset__legend fr-text--md" id={`${id}-${row.rowId}-legend`}>
              {def.label} — ligne {i + 1}
            </legend>
            {(def.children ?? []).map((child) => (
              <div
                class="fr-fieldset__element"
                data-condition-key={`${rowKey(def.stableId, row.rowId)}/${child.stableId}`}
                hidden={visibility?.rows.get(rowKey(def.stableId, row.rowId))?.has(child.stableId) === false}
              >
                <FieldInput
                  def={child}
                  name={`${name}__${row.rowId}__${child.stableId}`}
                  value={row.values[child.stableId]}
                  error={errors?.[`${child.stableId}-${row.rowId}`]}
                  referentials={referentials}
                  existingFiles={
                    child.type === 'piece_justificative' ? (filesIn(row.rowId, child.stableId) ?? []) : undefined
                  }
                />
              </div>
            ))}
            <div class="fr-fieldset__element">
              <button
                type="submit"
                class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
                name="_repetition"
                value={`remove:${def.stableId}:${row.rowId}`}
                formnovalidate
              >
                Supprimer la ligne {i + 1}
              </button>
            </div>
          </fieldset>
        </div>
      ))}
      <div class="fr-fieldset__element">
        <button
          type="submit"
          class="fr-btn fr-btn--sm fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
          name="_repetition"
          value={`add:${def.stableId}`}
          formnovalidate
        >
          Ajouter une ligne à « {def.label} »
        </button>
      </div>
    </FieldsetShell>
  );
};

/** The input of one field. `value`: the stored value or the raw input typed before an error. */
export const FieldInput: FC<InputProps & { existingFiles?: FileRef[] }> = (p) => {
  const { def } = p;
  switch (def.type) {
    case 'header_section': {
      const level = Math.min(3, Math.max(1, def.options?.level ?? 1));
      return level === 1 ? <h3 class="fr-h5 fr-mt-3w">{def.label}</h3> : <h4 class="fr-h6 fr-mt-2w">{def.label}</h4>;
    }
    case 'explication':
      return (
        <div class="fr-callout fr-mb-3w">
          <p class="fr-callout__title fr-text--md">{def.label}</p>
          {def.description ? <p class="fr-callout__text fr-text--sm">{def.description}</p> : null}
        </div>
      );
    case 'textarea':
      return <TextInput {...p} />;
    case 'yes_no':
      return (
        <RadioGroup
          {...p}
          options={[
            { value: 'true', label: 'Oui' },
            { value: 'false', label: 'Non' },
          ]}
        />
      );
    case 'civilite':
      return (
        <RadioGroup
          {...p}
          options={[
            { value: 'Mme', label: 'Madame' },
            { value: 'M.', label: 'Monsieur' },
          ]}
        />
      );
    case 'checkbox':
      return <CheckboxInput {...p} />;
    case 'drop_down_list':
      return <SelectInput {...p} />;
    case 'multiple_drop_down_list':
      return <MultipleInput {...p} />;
    case 'linked_drop_down_list':
      return <LinkedInput {...p} />;
    case 'piece_justificative': {
      const existing =
        p.existingFiles ??
        (Array.isArray(p.value)
          ? (p.value as FileRef[]).filter((f) => typeof f === 'object' && f && 'fileId' in f)
          : []);
      return <FilesInput {...p} existing={existing} />;
    }
    case 'repetition':
      return <RepetitionInput {...p} />;
    case 'departements':
    case 'regions':
    case 'pays':
      return <ReferentialSelect {...p} kind={def.type} />;
    case 'communes':
    case 'epci':
      return <ReferentialSearch {...p} kind={def.type} />;
    default:
      return <TextInput {...p} />;
  }
};

/**
 * The fields of a form, those visible given `values` (raw typed values or stored values). `stored`
 * gives the files already attached to piece_justificative fields.
 */
export const FieldInputs: FC<{
  defs: FieldDef[];
  values: Record<string, unknown>;
  visible: FieldDef[];
  stored: ChampsMap;
  errors?: Record<string, string>;
  autosave?: boolean;
  /** every field is rendered, the hidden ones `hidden`, for the browser to show them as one types
   *  (the form carries the `conditions` controller, see `ConditionsData`) */
  live?: boolean;
  /** the entries of the short lists' selects (referentialOptionsFor(defs), read by the route) */
  referentials: ReferentialOptions;
}> = ({ defs, values, visible, stored, errors, autosave, live, referentials }) => {
  const shown = new Set(visible.map((d) => d.stableId));
  const visibility = visibilityOf(defs, values);
  return (
    <>
      {defs
        .filter((d) => live || shown.has(d.stableId))
        .map((def) => {
          const storedFiles =
            def.type === 'piece_justificative' && Array.isArray(stored[def.stableId]?.value)
              ? (stored[def.stableId]!.value as FileRef[])
              : undefined;
          const input = (
            <FieldInput
              def={def}
              name={fieldName(def.stableId)}
              value={values[def.stableId]}
              error={errors?.[def.stableId]}
              errors={errors}
              existingFiles={storedFiles}
              storedRows={def.type === 'repetition' ? stored[def.stableId]?.value : undefined}
              visibility={visibility}
              referentials={referentials}
            />
          );
          if (live)
            return (
              <div data-condition-key={def.stableId} hidden={!shown.has(def.stableId)}>
                {input}
              </div>
            );
          if (!autosave || !getFieldType(def.type).fillable) return input;
          return (
            <div data-autosave-field={def.stableId} data-action="change->autosave#save">
              {input}
              <p class="fr-text--xs fr-mb-2w gu-autosave-status" data-autosave-status aria-live="polite"></p>
            </div>
          );
        })}
    </>
  );
};

/** The attributes that make a form show and hide its fields as one types (conditions-controller.ts):
 *  the public definitions the browser evaluates with the server's code. */
export function conditionsData(defs: FieldDef[]): Record<string, string> {
  return {
    'data-controller': 'conditions',
    'data-conditions-defs-value': JSON.stringify(defs),
    'data-action': 'input->conditions#update change->conditions#update',
  };
}

/** The values to show: stored champs as values. */
export function valuesOf(champs: ChampsMap): Record<string, FieldValue | null> {
  return Object.fromEntries(Object.entries(champs).map(([k, c]) => [k, c.value]));
}

/** Visible fields given raw typed values (conditions read the values that parse). */
export function visibleForValues(defs: FieldDef[], values: Record<string, unknown>): FieldDef[] {
  const { root } = visibilityOf(defs, values);
  return defs.filter((d) => root.has(d.stableId));
}
