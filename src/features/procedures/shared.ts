// What the administrator's commands share: who may run them (an administrator of the procedure —
// not_found otherwise, never revealing a foreign procedure), the draft revision taken FOR UPDATE with
// the version the administrator saw (docs/domain.md §12: a concurrent edit is a conflict, never a
// silent overwrite), and fresh stable ids.
import crypto from 'node:crypto';
import { z } from 'zod';
import { conflict, forbidden, notFound } from '../../domain/errors.ts';
import type { FieldDef } from '../../domain/fields/types.ts';
import { canAdministerProcedure } from '../../domain/permissions.ts';
import type { Trx } from '../../platform/db/index.ts';
import type { CommandContext } from '../command.ts';

export const procedureId = z.string().regex(/^[0-9]{1,18}$/, 'Démarche introuvable.');
export const stableIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Champ introuvable.');

/** An administrator of the procedure. */
export async function administersProcedure(ctx: CommandContext, input: { procedureId: string }): Promise<void> {
  if (!ctx.actor.userId) throw forbidden();
  if (!canAdministerProcedure(await ctx.access(), input.procedureId)) throw notFound('Démarche introuvable.');
}

/** Anyone with the administrator role (creating a procedure). */
export async function isAdministrateur(ctx: CommandContext): Promise<void> {
  if (!ctx.actor.userId) throw forbidden();
  const row = await ctx.trx
    .selectFrom('administrateurs')
    .select('user_id')
    .where('user_id', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (!row) throw forbidden();
}

export const STALE_DRAFT =
  'Le formulaire a été modifié entre-temps par un autre administrateur. Vos changements n’ont pas été enregistrés : rechargez la page pour voir la version actuelle, puis recommencez.';

/** A new stable id: short, random, never reused. */
export function newStableId(): string {
  return `c${crypto.randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export interface Draft {
  revisionId: string;
  procedureId: string;
  fields: FieldDef[];
  annotations: FieldDef[];
  lockVersion: number;
}

/** The draft revision of a procedure, locked; a stale `seen` version is a conflict. */
export async function lockDraft(trx: Trx, procedureId: string, seen: number | undefined): Promise<Draft> {
  const row = await trx
    .selectFrom('procedures')
    .innerJoin('procedure_revisions as r', 'r.id', 'procedures.draft_revision_id')
    .select(['r.id', 'r.fields', 'r.annotations', 'r.lock_version'])
    .where('procedures.id', '=', procedureId)
    .forUpdate('r')
    .executeTakeFirst();
  if (!row) throw notFound('Démarche introuvable.');
  if (seen !== undefined && seen !== row.lock_version) throw conflict(STALE_DRAFT);
  return {
    revisionId: row.id,
    procedureId,
    fields: row.fields,
    annotations: row.annotations,
    lockVersion: row.lock_version,
  };
}

/** Writes one list of the draft back and bumps its version. */
export async function saveDraft(
  trx: Trx,
  draft: Draft,
  list: 'fields' | 'annotations',
  defs: FieldDef[],
): Promise<{ lockVersion: number }> {
  const priv = list === 'annotations';
  const marked = defs.map((d) => ({
    ...d,
    private: priv,
    ...(d.children ? { children: d.children.map((c) => ({ ...c, private: priv })) } : {}),
  }));
  const r = await trx
    .updateTable('procedure_revisions')
    .set({ [list]: JSON.stringify(marked), lock_version: draft.lockVersion + 1 })
    .where('id', '=', draft.revisionId)
    .where('published_at', 'is', null)
    .returning('lock_version')
    .executeTakeFirst();
  if (!r) throw conflict(STALE_DRAFT);
  return { lockVersion: r.lock_version };
}

export const listSchema = z.enum(['fields', 'annotations']);

/** The editor's input for one field (see FieldInput in the domain). */
export const fieldInputSchema = z.object({
  type: z.string().max(60),
  label: z.string().max(1000),
  description: z.string().max(10_000).default(''),
  mandatory: z.boolean().default(false),
  choices: z.string().max(100_000).default(''),
  other: z.boolean().default(false),
  min: z.string().max(40).default(''),
  max: z.string().max(40).default(''),
  positive: z.boolean().default(false),
  pastOnly: z.boolean().default(false),
  characterLimit: z.string().max(40).default(''),
  maxFiles: z.string().max(40).default(''),
  level: z.string().max(40).default(''),
  collapsible: z.boolean().default(false),
  regex: z.string().max(1000).default(''),
  regexExample: z.string().max(1000).default(''),
  regexError: z.string().max(1000).default(''),
  minLength: z.string().max(40).default(''),
  maxLength: z.string().max(40).default(''),
  letters: z.boolean().default(true),
  numbers: z.boolean().default(true),
  specialChars: z.boolean().default(true),
  logic: z.enum(['and', 'or']).default('and'),
  conditions: z
    .array(z.object({ field: z.string().max(40), op: z.string().max(20), value: z.string().max(1000) }))
    .max(10)
    .default([]),
});

export const groupeIdSchema = z.string().regex(/^[0-9]{1,18}$/, 'Groupe introuvable.');

/** A group of the procedure, locked (not_found for a group of another procedure). */
export async function lockGroupe(trx: Trx, procedureId: string, groupeId: string) {
  const g = await trx
    .selectFrom('groupes_instructeurs')
    .select(['id', 'label', 'is_default', 'closed', 'routing_rule'])
    .where('id', '=', groupeId)
    .where('procedure_id', '=', procedureId)
    .forUpdate()
    .executeTakeFirst();
  if (!g) throw notFound('Groupe introuvable.');
  return g;
}
