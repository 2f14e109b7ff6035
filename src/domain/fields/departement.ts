import { referentialModule } from './referential-module.ts';

/** Départements: an entry of the departements reference list, stored as its code and name. */
export const departement = referentialModule({
  type: 'departements',
  kind: 'departements',
  label: 'Départements',
  notFound: 'Choisissez un département de la liste',
  plural: 'départements',
});
