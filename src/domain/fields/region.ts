import { referentialModule } from './referential-module.ts';

/** Régions: an entry of the regions reference list, stored as its code and name. */
export const region = referentialModule({
  type: 'regions',
  kind: 'regions',
  label: 'Régions',
  notFound: 'Choisissez une région de la liste',
  plural: 'régions',
});
