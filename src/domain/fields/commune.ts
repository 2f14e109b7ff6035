import { referentialModule } from './referential-module.ts';

/** Communes: a current commune (arrondissements and former communes are not listed), stored as its
 *  INSEE code, its name and its département's code; homonyms are told apart by their code. */
export const commune = referentialModule({
  type: 'communes',
  kind: 'communes',
  label: 'Communes',
  notFound: 'Choisissez une commune de la liste (nom ou code INSEE)',
  plural: 'communes',
});
