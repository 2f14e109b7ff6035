// DSFR form controls with labels, hints and error messages wired for assistive technologies.
import type { Child, FC } from 'hono/jsx';
import { PASSWORD_MIN_LENGTH } from '../../platform/crypto.ts';

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

export interface InputProps {
  name: string;
  label: string;
  type?: string;
  value?: string | null;
  hint?: string;
  error?: string | null;
  required?: boolean;
  autocomplete?: string;
  id?: string;
  textarea?: boolean;
  rows?: number;
  attrs?: Record<string, string | number | boolean | undefined>;
}

/** The ids of a control's hint and error message, as its `aria-describedby` lists them. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** The default id of a control named `name`. */
const idOf = (name: string) => `input-${name.replace(/[^a-z0-9_-]/gi, '-')}`;

type GroupKind = 'input' | 'select' | 'upload';

/**
 * One DSFR group (fr-input-group, fr-select-group, fr-upload-group): the label with its hint, the control
 * (children, which name `describedBy(id, hint, error)`), the error message; the error state on the group.
 */
export const FieldGroup: FC<{
  kind: GroupKind;
  id: string;
  label: Child;
  hint?: Child;
  error?: string | null;
  required?: boolean;
  class?: string;
  children?: Child;
}> = (p) => (
  <div class={[`fr-${p.kind}-group`, p.error ? `fr-${p.kind}-group--error` : null, p.class].filter(Boolean).join(' ')}>
    <label class="fr-label" for={p.id}>
      {p.label}
      {p.required ? <span aria-hidden="true"> *</span> : null}
      {p.hint ? (
        <span class="fr-hint-text" id={`${p.id}-hint`}>
          {p.hint}
        </span>
      ) : null}
    </label>
    {p.children}
    {p.error ? (
      <p class="fr-error-text" id={`${p.id}-error`}>
        {p.error}
      </p>
    ) : null}
  </div>
);

export const Input: FC<InputProps> = (p) => {
  const id = p.id ?? idOf(p.name);
  const common = {
    class: `fr-input${p.error ? ' fr-input--error' : ''}`,
    id,
    name: p.name,
    required: p.required,
    'aria-describedby': describedBy(id, p.hint, p.error),
    'aria-invalid': p.error ? 'true' : undefined,
  };
  return (
    <FieldGroup kind="input" id={id} label={p.label} hint={p.hint} error={p.error} required={p.required}>
      {p.textarea ? (
        <textarea {...common} rows={p.rows ?? 4} {...(p.attrs ?? {})}>
          {p.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          autocomplete={p.autocomplete}
          {...(p.attrs ?? {})}
        />
      )}
    </FieldGroup>
  );
};

/** A DSFR select with its label, hint and error message; the options are the children. */
export const Select: FC<{
  name: string;
  label: Child;
  id?: string;
  hint?: Child;
  error?: string | null;
  required?: boolean;
  class?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  children?: Child;
}> = (p) => {
  const id = p.id ?? idOf(p.name);
  return (
    <FieldGroup
      kind="select"
      id={id}
      label={p.label}
      hint={p.hint}
      error={p.error}
      required={p.required}
      class={p.class}
    >
      <select
        class={`fr-select${p.error ? ' fr-select--error' : ''}`}
        id={id}
        name={p.name}
        required={p.required}
        aria-describedby={describedBy(id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
        {...(p.attrs ?? {})}
      >
        {p.children}
      </select>
    </FieldGroup>
  );
};

/** A DSFR file input with its label, hint (formats, size) and error message. */
export const Upload: FC<{
  name: string;
  label: Child;
  id?: string;
  hint?: Child;
  error?: string | null;
  accept?: string;
  multiple?: boolean;
  required?: boolean;
  class?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
}> = (p) => {
  const id = p.id ?? idOf(p.name);
  return (
    <FieldGroup
      kind="upload"
      id={id}
      label={p.label}
      hint={p.hint}
      error={p.error}
      required={p.required}
      class={p.class}
    >
      <input
        class="fr-upload"
        type="file"
        id={id}
        name={p.name}
        accept={p.accept}
        multiple={p.multiple}
        required={p.required}
        aria-describedby={describedBy(id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
        {...(p.attrs ?? {})}
      />
    </FieldGroup>
  );
};

export const ErrorSummary: FC<{ errors: Record<string, string> | null | undefined; title?: string }> = ({
  errors,
  title,
}) => {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 class="fr-alert__title">{title ?? 'Le formulaire contient des erreurs'}</h2>
      <ul>
        {Object.values(errors).map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
};

export const Fieldset: FC<{ legend: string; children?: Child; error?: string | null; id: string }> = ({
  legend,
  children,
  error,
  id,
}) => (
  <fieldset
    class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
    id={id}
    aria-labelledby={`${id}-legend${error ? ` ${id}-error` : ''}`}
  >
    <legend class="fr-fieldset__legend" id={`${id}-legend`}>
      {legend}
    </legend>
    {children}
    {error ? (
      <div class="fr-messages-group" id={`${id}-error`} aria-live="assertive">
        <p class="fr-message fr-message--error">{error}</p>
      </div>
    ) : null}
  </fieldset>
);

/** A new password and its confirmation, as every page that sets one asks for them (account creation,
 *  invitation, password reset). */
export const NewPasswordInputs: FC<{
  label?: string;
  errors?: Partial<Record<'password' | 'confirmation', string>> | null;
}> = (p) => (
  <>
    <Input
      name="password"
      label={p.label ?? 'Mot de passe'}
      type="password"
      required
      autocomplete="new-password"
      hint={`Au moins ${PASSWORD_MIN_LENGTH} caractères.`}
      error={p.errors?.password}
      attrs={{ minlength: PASSWORD_MIN_LENGTH }}
    />
    <Input
      name="confirmation"
      label="Confirmation du mot de passe"
      type="password"
      required
      autocomplete="new-password"
      error={p.errors?.confirmation}
    />
  </>
);
