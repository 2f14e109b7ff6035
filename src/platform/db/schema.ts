// Table types for Kysely: generated from the migrated schema into generated.ts (`npm run db:types`,
// checked in CI by `npm run db:types:check`); what the database cannot tell (jsonb contents, CHECK
// values, columns only PostgreSQL writes) is in column-types.ts. Import them from here.
export type { DB } from './generated.ts';
export type { AttestationTemplate, DossierStateColumn, EmailAttachment, FileOrigin } from './column-types.ts';
