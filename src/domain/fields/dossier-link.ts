import type { FieldTypeModule } from './types.ts';
import { asText, emptyResult, fail, isBlank, ok } from './shared.ts';

export const DOSSIER_LINK_ERROR = 'Saisissez un numéro de dossier (nombre entier positif), par exemple 12345';

/** Number of another dossier ('12345', '#12345', 'n° 12345' accepted); stored as a number.
 *  Whether that dossier exists (and may be linked) is checked elsewhere. */
export const dossierLink: FieldTypeModule = {
  type: 'dossier_link',
  label: 'Lien vers un autre dossier',
  fillable: true,
  columnKind: 'integer',
  filterOperators: ['eq', 'empty', 'not_empty'],
  parse(def, raw) {
    if (isBlank(raw)) return emptyResult(def);
    let n: number;
    if (typeof raw === 'number') n = raw;
    else {
      const text = asText(raw);
      const match = text === null ? null : /^(?:#|n°|no|n)?\s*(\d+)$/i.exec(text.replace(/[\s\u00a0]+/g, ' '));
      if (!match) return fail(DOSSIER_LINK_ERROR);
      n = Number(match[1]);
    }
    if (!Number.isSafeInteger(n) || n <= 0) return fail(DOSSIER_LINK_ERROR);
    return ok(n);
  },
  isEmpty: isBlank,
  display: (_def, value) => (typeof value === 'number' ? String(value) : ''),
  searchText: (_def, value) => (typeof value === 'number' ? String(value) : ''),
};
