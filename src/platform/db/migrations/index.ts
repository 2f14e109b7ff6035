import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-work-list.ts';
import * as m0003 from './0003-retention.ts';
import * as m0004 from './0004-work-list-counts.ts';
import * as m0005 from './0005-dossier-storage.ts';
import * as m0006 from './0006-dossier-statistics.ts';
import * as m0008 from './0008-usager-accounts.ts';

/** Ordered list of migrations; names sort in application order. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-work-list': m0002,
  '0003-retention': m0003,
  '0004-work-list-counts': m0004,
  '0005-dossier-storage': m0005,
  '0006-dossier-statistics': m0006,
  '0008-usager-accounts': m0008,
};
