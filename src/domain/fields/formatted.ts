import type { FieldDef, ValidationResult } from './types.ts';
import { fail, ok, textLikeModule } from './shared.ts';

export const FORMAT_CONFIG_ERROR =
  "Ce champ est mal configuré (format invalide) : contactez l'administrateur de la démarche";

/** The admin's pattern must match the whole value; null when it does not compile. */
function compile(pattern: string): RegExp | null {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // try again without the unicode flag (patterns such as '\-' are only valid without it)
    }
  }
  return null;
}

function checkLength(value: string, def: FieldDef): string | null {
  const { minLength, maxLength } = def.options ?? {};
  const length = [...value].length;
  if (typeof minLength === 'number' && length < minLength) {
    return `Saisissez au moins ${minLength} caractère${minLength > 1 ? 's' : ''} (actuellement ${length})`;
  }
  if (typeof maxLength === 'number' && length > maxLength) {
    return `Saisissez au plus ${maxLength} caractère${maxLength > 1 ? 's' : ''} (actuellement ${length})`;
  }
  return null;
}

function checkFormatted(value: string, def: FieldDef): ValidationResult {
  const o = def.options ?? {};
  if (o.regex) {
    const re = compile(o.regex);
    if (!re) return fail(FORMAT_CONFIG_ERROR);
    if (!re.test(value)) {
      const example = o.regexExample ? `, par exemple ${o.regexExample}` : '';
      return fail(o.regexError || `Le format attendu n'est pas respecté${example}`);
    }
  } else {
    // Simple mode: with no class ticked, everything is allowed; spaces are always allowed.
    const restricted = o.letters !== undefined || o.numbers !== undefined || o.specialChars !== undefined;
    if (restricted) {
      if (!o.letters && /\p{L}/u.test(value)) return fail('Les lettres ne sont pas autorisées dans ce champ');
      if (!o.numbers && /\p{N}/u.test(value)) return fail('Les chiffres ne sont pas autorisés dans ce champ');
      if (!o.specialChars && /[^\p{L}\p{N}\s]/u.test(value)) {
        return fail('Les caractères spéciaux ne sont pas autorisés dans ce champ');
      }
    }
  }
  const length = checkLength(value, def);
  return length ? fail(length) : ok(value);
}

/** Text with a format: simple mode (letters / numbers / specialChars allowed, minLength /
 *  maxLength) or advanced mode (options.regex must match the whole value; regexError as message). */
export const formatted = textLikeModule({
  type: 'formatted',
  label: 'Texte formaté',
  normalize: (value, def) => checkFormatted(value, def),
});
