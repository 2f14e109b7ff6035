import { fail, ok, textLikeModule } from './shared.ts';

/** Multi-line text; options.characterLimit caps its length (line breaks count as one character). */
export const textarea = textLikeModule({
  type: 'textarea',
  label: 'Texte long',
  normalize: (value, def) => {
    const normalised = value.replace(/\r\n?/g, '\n');
    const limit = def.options?.characterLimit;
    const length = [...normalised].length;
    if (typeof limit === 'number' && limit > 0 && length > limit) {
      return fail(`Le texte ne doit pas dépasser ${limit} caractères (actuellement ${length})`);
    }
    return ok(normalised);
  },
  searchText: (value) => value.replace(/\s+/g, ' '),
});
