/**
 * The procedure's labels as the administrator defines them — docs/domain.md §11.1.
 */

/** The DSFR illustrative palette a label may take, with its French name. */
export const LABEL_COLOURS = {
  green_tilleul_verveine: 'Vert tilleul verveine',
  green_bourgeon: 'Vert bourgeon',
  green_emeraude: 'Vert émeraude',
  green_menthe: 'Vert menthe',
  blue_ecume: 'Bleu écume',
  purple_glycine: 'Violet glycine',
  pink_macaron: 'Rose macaron',
  yellow_tournesol: 'Jaune tournesol',
  brown_cafe_creme: 'Marron café crème',
  beige_gris_galet: 'Beige gris galet',
} as const;
export type LabelColour = keyof typeof LABEL_COLOURS;
export const LABEL_COLOUR_IDS = Object.keys(LABEL_COLOURS) as LabelColour[];

export const LABEL_NAME_MAX = 30;

/** The name as stored (spaces collapsed), or the French message saying why it cannot be one. */
export function checkLabelName(
  raw: string,
  others: readonly string[],
): { ok: true; name: string } | { ok: false; message: string } {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) return { ok: false, message: 'Saisissez le nom du label.' };
  if ([...name].length > LABEL_NAME_MAX)
    return { ok: false, message: `Le nom du label ne doit pas dépasser ${LABEL_NAME_MAX} caractères.` };
  const key = (s: string) => s.normalize('NFC').toLocaleLowerCase('fr');
  if (others.some((o) => key(o) === key(name))) return { ok: false, message: 'Un label porte déjà ce nom.' };
  return { ok: true, name };
}
