import { fail, ok, textLikeModule } from './shared.ts';

/** Any white space but a lone space: what searchText turns into one space. */
const SPACES_TO_COLLAPSE = /[^\S ]| {2}/;

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
  // most texts have nothing to collapse: test first (replace copies the text even then)
  searchText: (value) => (SPACES_TO_COLLAPSE.test(value) ? value.replace(/\s+/g, ' ') : value),
});
