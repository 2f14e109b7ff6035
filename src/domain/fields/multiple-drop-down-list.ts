import type { FieldTypeModule } from './types.ts';
import { asText, emptyResult, fail, isBlank, ENUM_FILTERS, ok } from './shared.ts';

/** Several choices among options.choices: an array (or one string) of options; blanks ignored,
 *  duplicates removed; stored in the order of the choices; nothing chosen → null. */
export const multipleDropDownList: FieldTypeModule = {
  type: 'multiple_drop_down_list',
  label: 'Choix multiple',
  fillable: true,
  columnKind: 'enums',
  filterOperators: ENUM_FILTERS,
  parse(def, raw) {
    const items = Array.isArray(raw) ? raw : [raw];
    const picked = new Set<string>();
    for (const item of items) {
      if (isBlank(item)) continue;
      const text = typeof item === 'string' ? item.trim() : asText(item);
      if (text === null) return fail('Choisissez des options de la liste');
      picked.add(text);
    }
    if (picked.size === 0) return emptyResult(def);
    const choices = def.options?.choices ?? [];
    const unknown = [...picked].filter((p) => !choices.includes(p));
    if (unknown.length === 1) return fail(`« ${unknown[0]} » ne fait pas partie des options proposées`);
    if (unknown.length > 1) {
      return fail(`${unknown.map((u) => `« ${u} »`).join(', ')} ne font pas partie des options proposées`);
    }
    return ok(choices.filter((c) => picked.has(c)));
  },
  isEmpty: isBlank,
  display: (_def, value) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(', ') : ''),
  searchText: (def, value) => multipleDropDownList.display(def, value),
};
