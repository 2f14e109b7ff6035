import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-work-list.ts';
import * as m0003 from './0003-retention.ts';
import * as m0004 from './0004-work-list-counts.ts';
import * as m0005 from './0005-dossier-storage.ts';
import * as m0006 from './0006-dossier-statistics.ts';
import * as m0007 from './0007-forms.ts';
import * as m0008 from './0008-usager-accounts.ts';
import * as m0009 from './0009-procedure-admin.ts';
import * as m0010 from './0010-avis.ts';
import * as m0011 from './0011-bulk-operations.ts';
import * as m0012 from './0012-exports.ts';
import * as m0013 from './0013-gestion.ts';
import * as m0015 from './0015-event-payload-keys.ts';
import * as m0017 from './0017-test-dossiers.ts';
import * as m0019 from './0019-export-template-runs.ts';
import * as m0023 from './0023-statistics-days-broadcast-files.ts';
import * as m0024 from './0024-badge-summary.ts';
import * as m0025 from './0025-follows-seen-no-lock.ts';
import * as m0026 from './0026-deposited-dossier-date.ts';
import * as m0027 from './0027-foreign-key-indexes.ts';
import * as m0028 from './0028-lz4-documents.ts';
import * as m0029 from './0029-unaccent-native.ts';
import * as m0030 from './0030-work-list-statistics.ts';

/** Ordered list of migrations; names sort in application order. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-work-list': m0002,
  '0003-retention': m0003,
  '0004-work-list-counts': m0004,
  '0005-dossier-storage': m0005,
  '0006-dossier-statistics': m0006,
  '0007-forms': m0007,
  '0008-usager-accounts': m0008,
  '0009-procedure-admin': m0009,
  '0010-avis': m0010,
  '0011-bulk-operations': m0011,
  '0012-exports': m0012,
  '0013-gestion': m0013,
  '0015-event-payload-keys': m0015,
  '0017-test-dossiers': m0017,
  '0019-export-template-runs': m0019,
  '0023-statistics-days-broadcast-files': m0023,
  '0024-badge-summary': m0024,
  '0025-follows-seen-no-lock': m0025,
  '0026-deposited-dossier-date': m0026,
  '0027-foreign-key-indexes': m0027,
  '0028-lz4-documents': m0028,
  '0029-unaccent-native': m0029,
  '0030-work-list-statistics': m0030,
};
