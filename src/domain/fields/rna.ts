import { fail, ok, textLikeModule } from './shared.ts';

export const RNA_ERROR = 'Le numéro RNA commence par W suivi de 9 chiffres, par exemple W751234567';

/** Numéro RNA of an association: « W » and 9 digits (spaces accepted), stored in upper case.
 *  Only the format is checked: the register itself is not consulted. */
export const rna = textLikeModule({
  type: 'rna',
  label: 'Numéro RNA',
  invalid: RNA_ERROR,
  normalize: (value) => {
    const compact = value.replace(/[\s\u00a0]/g, '').toUpperCase();
    return /^W\d{9}$/.test(compact) ? ok(compact) : fail(RNA_ERROR);
  },
});
