import { referentialModule } from './referential-module.ts';

/** Pays: an entry of the pays reference list, stored as its code and name. */
export const pays = referentialModule({
  type: 'pays',
  kind: 'pays',
  label: 'Pays',
  notFound: 'Choisissez un pays de la liste',
  plural: 'pays',
});
