import { fail, ok, textLikeModule } from './shared.ts';

export const NUMERO_FISCAL_LENGTH_ERROR = 'Le numéro fiscal comporte 13 chiffres et commence par 0, 1, 2 ou 3';
export const NUMERO_FISCAL_CHECK_ERROR = "Ce numéro fiscal n'est pas valide (clé de contrôle)";

/** The key of a numéro fiscal (SPI): its last 3 digits are its first 10 modulo 511. */
export function numeroFiscalKeyOk(digits: string): boolean {
  if (!/^[0-3]\d{12}$/.test(digits)) return false;
  return Number(digits.slice(0, 10)) % 511 === Number(digits.slice(10));
}

/** Numéro fiscal (SPI) of a person: 13 digits (spaces accepted), stored as digits, shown
 *  '30 23 217 600 053'. Only the format and the key are checked: the tax register is not consulted. */
export const numeroFiscal = textLikeModule({
  type: 'numero_fiscal',
  label: 'Numéro fiscal',
  invalid: NUMERO_FISCAL_LENGTH_ERROR,
  normalize: (value) => {
    const digits = value.replace(/[\s\u00a0.]/g, '');
    if (!/^[0-3]\d{12}$/.test(digits)) return fail(NUMERO_FISCAL_LENGTH_ERROR);
    return numeroFiscalKeyOk(digits) ? ok(digits) : fail(NUMERO_FISCAL_CHECK_ERROR);
  },
  display: (value) =>
    /^\d{13}$/.test(value) ? value.replace(/^(\d{2})(\d{2})(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3 $4 $5') : value,
  searchText: (value) => value,
});
