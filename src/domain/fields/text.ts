import { fail, ok, textLikeModule } from './shared.ts';

/** Single-line text: trimmed, inner line breaks turned into spaces. */
export const text = textLikeModule({
  type: 'text',
  label: 'Texte court',
  normalize: (value) => {
    const single = value.replace(/\s*[\r\n]+\s*/g, ' ');
    return single.length > 10_000 ? fail('Le texte ne doit pas dépasser 10 000 caractères') : ok(single);
  },
});
