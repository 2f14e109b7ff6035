// What the brouillon commands share (docs/domain.md §2.8): the locked brouillon of the usager, its
// form, the stale-page check, and the form's values applied — leniently while it is a brouillon
// (a mandatory field may stay empty), strictly at the deposit.
import { conflict, invalidInput, notFound } from '../../domain/errors.ts';
import type { FieldDef } from '../../domain/fields/index.ts';
import { canReadAsUsager } from '../../domain/permissions.ts';
import { computeExpiresAt } from '../../domain/retention.ts';
import { IDENTITY_KEYS, parseIdentity, type IdentityInput } from '../../domain/usager-identity.ts';
import type { CommandContext } from '../command.ts';
import { discardStored, type RawUpload, type StoredFile } from '../files/store-file.ts';
import { applyFormValues } from './champs-input.ts';
import { loadDossierForUpdate } from './load-dossier.ts';

export const BROUILLON_CONFLICT =
  'Ce brouillon a été modifié entre-temps (dans un autre onglet ou par une autre personne) : vos dernières modifications n’ont pas été enregistrées. Rechargez la page pour voir la version enregistrée, puis saisissez-les à nouveau.';

/** Every field, repetition children included, without « obligatoire »: a brouillon may be incomplete. */
export function optionalDefs(defs: FieldDef[]): FieldDef[] {
  return defs.map((d) => ({ ...d, mandatory: false, ...(d.children ? { children: optionalDefs(d.children) } : {}) }));
}

export interface BrouillonValues {
  raw?: Record<string, unknown>;
  uploads?: Record<string, RawUpload[]>;
  identity?: IdentityInput;
  lockVersion?: number;
  /** one field (autosave): a stable id, or an identity key */
  only?: string;
}

/**
 * Locks the usager's brouillon, checks the page was not stale, applies the form's values (the
 * identity and the champs) and writes them with a new lock version. `complete` is the deposit's
 * strictness. Files stored for a refused save are removed.
 */
export async function writeBrouillon(
  ctx: CommandContext,
  dossierId: string,
  v: BrouillonValues,
  opts: { complete: boolean; partial?: boolean },
) {
  const d = await loadDossierForUpdate(ctx.trx, dossierId);
  if (!canReadAsUsager(await ctx.access(), d.ref) || d.row.hidden_by_user_at) throw notFound('Dossier introuvable.');
  if (d.row.state !== 'brouillon') throw invalidInput('Ce dossier a déjà été déposé.');
  if (v.lockVersion !== undefined && v.lockVersion !== d.row.lock_version) throw conflict(BROUILLON_CONFLICT);
  const p = await ctx.trx
    .selectFrom('procedure_revisions')
    .innerJoin('procedures', 'procedures.id', 'procedure_revisions.procedure_id')
    .select(['procedures.for_individual', 'procedure_revisions.fields'])
    .where('procedure_revisions.id', '=', d.row.revision_id)
    .executeTakeFirstOrThrow();
  const defs = (p.fields ?? []) as FieldDef[];
  const onlyIdentity = v.only && (IDENTITY_KEYS as readonly string[]).includes(v.only);
  // identity: typed values over the stored ones (autosave sends the whole form)
  const stored = { civilite: d.row.civilite, nom: d.row.nom, prenom: d.row.prenom, siret: d.row.siret };
  const typed: IdentityInput = {};
  for (const k of IDENTITY_KEYS) {
    const given = v.identity?.[k];
    typed[k] = given !== undefined && (!v.only || v.only === k) ? given : (stored[k] ?? '');
  }
  const parsed = parseIdentity(p.for_individual, typed, opts);
  const identityErrors = parsed.errors;
  const identity = { ...parsed.identity };
  const stored_: StoredFile[] = [];
  try {
    let champs = d.row.champs ?? {};
    let changed: string[] = [];
    let fieldErrors: Record<string, string> = {};
    const apply = (raw: Record<string, unknown>) =>
      applyFormValues(ctx, stored_, {
        dossierId: d.row.id,
        defs: opts.complete ? defs : optionalDefs(defs),
        previous: d.row.champs ?? {},
        raw,
        uploads: v.uploads,
        origin: 'champ',
        only: onlyIdentity ? undefined : v.only,
      });
    if (!onlyIdentity && v.raw) {
      try {
        ({ champs, changed } = await apply(v.raw));
      } catch (e) {
        const fields = (e as { fields?: Record<string, string> }).fields;
        if (!fields) throw e;
        fieldErrors = fields;
        // autosave: what is well-formed is kept, each wrong field keeps its stored value
        if (opts.partial && !Object.keys(v.uploads ?? {}).length) {
          const raw = { ...v.raw };
          for (const key of Object.keys(fields)) {
            const id = topLevelId(defs, key);
            if (id) raw[id] = d.row.champs?.[id]?.value ?? null;
          }
          ({ champs, changed } = await apply(raw));
        }
      }
    }
    const errors = { ...(v.only && !onlyIdentity ? {} : identityErrors), ...fieldErrors };
    if (onlyIdentity && identityErrors[v.only!]) errors[v.only!] = identityErrors[v.only!];
    if (opts.partial) {
      for (const k of IDENTITY_KEYS) if (identityErrors[k]) (identity as Record<string, unknown>)[k] = stored[k];
    } else if (Object.keys(errors).length) {
      const n = Object.keys(errors).length;
      throw invalidInput(
        n > 1 ? 'Le formulaire contient des erreurs : corrigez les champs signalés.' : Object.values(errors)[0],
        errors,
      );
    }
    const lockVersion = d.row.lock_version + 1;
    await ctx.trx
      .updateTable('dossiers')
      .set({
        champs: JSON.stringify(champs),
        ...identity,
        ...(changed.length ? { last_champ_updated_at: ctx.now } : {}),
        updated_at: ctx.now,
        lock_version: lockVersion,
        expires_at: computeExpiresAt(
          { ...d.facts, state: 'brouillon' },
          { retention_months: d.procedure.retention_months, expires_when_termine: d.procedure.expires_when_termine },
          { brouillonReference: ctx.now },
        ),
      })
      .where('id', '=', d.row.id)
      .execute();
    return { dossier: d, defs, champs, lockVersion, changed, errors };
  } catch (e) {
    await discardStored(ctx.app, stored_);
    throw e;
  }
}

/** The top-level field an error key is about (`<child>-<rowId>` keys belong to their repetition). */
function topLevelId(defs: FieldDef[], key: string): string | null {
  if (defs.some((d) => d.stableId === key)) return key;
  return defs.find((d) => (d.children ?? []).some((c) => key.startsWith(`${c.stableId}-`)))?.stableId ?? null;
}
