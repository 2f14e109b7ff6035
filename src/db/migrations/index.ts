import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';

/** Ordered list of migrations; names sort in application order. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
};
