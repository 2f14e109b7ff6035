// The column types that the database cannot tell kysely-codegen: what a jsonb column holds, the values
// a CHECK constraint allows in a text column, and the columns only PostgreSQL writes (triggers,
// generated columns). scripts/db-types.ts maps the columns to them when it generates generated.ts.
// bigint columns are strings (pg's default parser), timestamptz are Dates, jsonb are objects.
import type { ColumnType } from 'kysely';

/** A jsonb column holding T (written as T or as its JSON text). */
export type JsonColumn<T> = ColumnType<T, T | string | undefined, T | string>;

/** A column that PostgreSQL keeps (trigger or GENERATED): read only. */
export type ReadOnly<T> = ColumnType<T, never, never>;

export type DossierStateColumn =
  | 'brouillon'
  | 'en_construction'
  | 'en_instruction'
  | 'accepte'
  | 'refuse'
  | 'sans_suite';

export type FileOrigin = 'champ' | 'annotation' | 'message' | 'avis' | 'justificatif' | 'attestation' | 'export';

export interface AttestationTemplate {
  title: string;
  body: string;
  footer: string;
  activated: boolean;
}

export interface EmailAttachment {
  filename: string;
  fileId?: string;
  content?: string;
  contentType: string;
}
