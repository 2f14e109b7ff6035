import { textLikeModule } from './shared.ts';

/** Postal address as free text (no address-base lookup); spaces and line breaks collapsed. */
export const address = textLikeModule({
  type: 'address',
  label: 'Adresse',
  normalize: (value) => ({ ok: true, value: value.replace(/\s+/g, ' ') }),
});
