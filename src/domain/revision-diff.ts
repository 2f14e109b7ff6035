/**
 * What changed in the form between two published revisions — docs/domain.md §11.3. Fields are matched by
 * their stable id; a repetition's children are compared as fields of their own, named after the block.
 */
import type { FieldDef } from './fields/types.ts';

export const CHANGE_KINDS = [
  'added',
  'removed',
  'renamed',
  'mandatory',
  'options',
  'type',
  'description',
  'condition',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface FieldChange {
  kind: ChangeKind;
  stableId: string;
  /** the field's label (the new one when renamed), with its block for a repetition child */
  label: string;
  /** a French sentence describing the change */
  text: string;
}

function flatten(fields: readonly FieldDef[]): Map<string, { f: FieldDef; label: string }> {
  const out = new Map<string, { f: FieldDef; label: string }>();
  for (const f of fields) {
    out.set(f.stableId, { f, label: f.label });
    for (const c of f.children ?? []) out.set(c.stableId, { f: c, label: `${f.label} › ${c.label}` });
  }
  return out;
}

const json = (v: unknown) => JSON.stringify(v ?? null);

function optionsText(before: FieldDef, after: FieldDef): string {
  const b = before.options?.choices ?? [];
  const a = after.options?.choices ?? [];
  if (json(b) !== json(a)) {
    const added = a.filter((x) => !b.includes(x));
    const removed = b.filter((x) => !a.includes(x));
    const parts = [
      added.length ? `ajout de ${added.map((x) => `« ${x} »`).join(', ')}` : '',
      removed.length ? `retrait de ${removed.map((x) => `« ${x} »`).join(', ')}` : '',
    ].filter(Boolean);
    return parts.length ? `Options modifiées : ${parts.join(' ; ')}.` : 'Ordre des options modifié.';
  }
  return 'Paramètres du champ modifiés.';
}

/** The changes from `before` to `after`, in the order of the new form, removed fields last. */
export function diffRevisions(before: readonly FieldDef[], after: readonly FieldDef[]): FieldChange[] {
  const b = flatten(before);
  const a = flatten(after);
  const out: FieldChange[] = [];
  for (const [id, { f, label }] of a) {
    const old = b.get(id);
    if (!old) {
      out.push({ kind: 'added', stableId: id, label, text: `Champ « ${label} » ajouté.` });
      continue;
    }
    const o = old.f;
    if (o.label !== f.label)
      out.push({ kind: 'renamed', stableId: id, label, text: `Libellé « ${old.label} » changé en « ${label} ».` });
    if (o.type !== f.type) out.push({ kind: 'type', stableId: id, label, text: `Type du champ « ${label} » modifié.` });
    if (o.mandatory !== f.mandatory)
      out.push({
        kind: 'mandatory',
        stableId: id,
        label,
        text: f.mandatory ? `Champ « ${label} » rendu obligatoire.` : `Champ « ${label} » rendu facultatif.`,
      });
    if (json(o.options) !== json(f.options))
      out.push({ kind: 'options', stableId: id, label, text: `« ${label} » : ${optionsText(o, f)}` });
    if ((o.description ?? '') !== (f.description ?? ''))
      out.push({ kind: 'description', stableId: id, label, text: `Description du champ « ${label} » modifiée.` });
    if (json(o.condition) !== json(f.condition))
      out.push({
        kind: 'condition',
        stableId: id,
        label,
        text: `Condition d'affichage du champ « ${label} » modifiée.`,
      });
  }
  for (const [id, { label }] of b)
    if (!a.has(id)) out.push({ kind: 'removed', stableId: id, label, text: `Champ « ${label} » supprimé.` });
  return out;
}

/** Whether the instructor has a form change he has not looked at: a newer published revision than the last he saw. */
export function hasUnseenRevision(p: {
  latestPublishedId: string | null;
  firstPublishedId: string | null;
  lastSeenId: string | null;
}): boolean {
  if (p.latestPublishedId === null) return false;
  // never seen: the first publication is not a change
  const seen = p.lastSeenId ?? p.firstPublishedId;
  return seen !== null && BigInt(p.latestPublishedId) > BigInt(seen);
}
