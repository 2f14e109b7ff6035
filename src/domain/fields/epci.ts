import { referentialModule } from './referential-module.ts';

/** EPCI: an entry of the epci reference list, stored as its code and name. */
export const epci = referentialModule({
  type: 'epci',
  kind: 'epci',
  label: 'EPCI',
  notFound: 'Choisissez un EPCI de la liste (nom ou numéro SIREN)',
  plural: 'EPCI',
});
