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

export const Input: FC<InputProps> = (p) => {
  const id = p.id ?? `input-${p.name.replace(/[^a-z0-9_-]/gi, '-')}`;
  const describedBy =
    [p.hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`fr-input-group${p.error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
        {p.hint ? (
          <span class="fr-hint-text" id={`${id}-hint`}>
            {p.hint}
          </span>
        ) : null}
      </label>
      {p.textarea ? (
        <textarea
          class={`fr-input${p.error ? ' fr-input--error' : ''}`}
          id={id}
          name={p.name}
          rows={p.rows ?? 4}
          required={p.required}
          aria-describedby={describedBy}
          aria-invalid={p.error ? 'true' : undefined}
          {...(p.attrs ?? {})}
        >
          {p.value ?? ''}
        </textarea>
      ) : (
        <input
          class={`fr-input${p.error ? ' fr-input--error' : ''}`}
          id={id}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          required={p.required}
          autocomplete={p.autocomplete}
          aria-describedby={describedBy}
          aria-invalid={p.error ? 'true' : undefined}
          {...(p.attrs ?? {})}
        />
      )}
      {p.error ? (
        <p class="fr-error-text" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
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
