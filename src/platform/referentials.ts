// The reference lists of the territorial and country field types, read from their npm packages
// (@etalab/decoupage-administratif: communes, départements, régions, EPCI; i18n-iso-countries: the
// French names of countries). Offline: nothing is fetched. Each list is read on first use and kept
// for the life of the process (the communes file is a few megabytes: a server that never meets a
// commune field never reads it).
import { createRequire } from 'node:module';
import { buildReferential } from '../domain/fields/referentials.ts';
import type { Referential, ReferentialEntry, ReferentialKind, ReferentialSource } from '../domain/fields/types.ts';

const require = createRequire(import.meta.url);

interface Named {
  code: string;
  nom: string;
  type?: string;
  departement?: string;
}

function readEntries(kind: ReferentialKind): ReferentialEntry[] {
  switch (kind) {
    case 'communes':
      // current communes only: arrondissements municipaux, communes déléguées and associées are parts of one
      return (require('@etalab/decoupage-administratif/data/communes.json') as Named[])
        .filter((c) => c.type === 'commune-actuelle')
        .map((c) => ({ code: c.code, name: c.nom, departement: c.departement ?? '' }));
    case 'departements':
      return (require('@etalab/decoupage-administratif/data/departements.json') as Named[]).map((d) => ({
        code: d.code,
        name: d.nom,
      }));
    case 'regions':
      return (require('@etalab/decoupage-administratif/data/regions.json') as Named[]).map((r) => ({
        code: r.code,
        name: r.nom,
      }));
    case 'epci':
      return (require('@etalab/decoupage-administratif/data/epci.json') as Named[]).map((e) => ({
        code: e.code,
        name: e.nom,
      }));
    case 'pays': {
      const fr = require('i18n-iso-countries/langs/fr.json') as { countries: Record<string, string | string[]> };
      // a country with several French names is listed under its first (usual) one
      return Object.entries(fr.countries).map(([code, names]) => ({
        code,
        name: Array.isArray(names) ? names[0] : names,
      }));
    }
  }
}

const cache = new Map<ReferentialKind, Referential>();

/** The list of a kind, read and indexed once. */
export const referentials: ReferentialSource = (kind) => {
  let ref = cache.get(kind);
  if (!ref) {
    ref = buildReferential(kind, readEntries(kind));
    cache.set(kind, ref);
  }
  return ref;
};
