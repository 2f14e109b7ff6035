// Offline reference lists behind the territorial and country field types (communes, départements,
// régions, EPCI, pays): the lookups that validate what an usager typed or picked. The domain reads
// no file: the lists are loaded once by the platform (src/platform/referentials.ts) and handed to
// parseChamps as `ParseContext.referentials`; tests hand small lists of their own.
import { REFERENTIAL_KINDS, type Referential, type ReferentialEntry, type ReferentialKind } from './types.ts';

/** Lower case, no accents, hyphens, apostrophes and runs of spaces as one space: « Saint-Étienne »
 *  and « saint etienne » are the same name. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’_.,/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function buildReferential(kind: ReferentialKind, entries: readonly ReferentialEntry[]): Referential {
  const sorted =
    kind === 'departements'
      ? [...entries].sort((a, b) => collator.compare(a.code, b.code))
      : [...entries].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.code, b.code));
  const byCode = new Map<string, ReferentialEntry>();
  const byName = new Map<string, ReferentialEntry[]>();
  const names: string[] = [];
  for (const e of sorted) {
    byCode.set(e.code.toUpperCase(), e);
    const key = normalizeName(e.name);
    names.push(key);
    const list = byName.get(key);
    if (list) list.push(e);
    else byName.set(key, [e]);
  }
  return { kind, entries: sorted, names, byCode, byName };
}

/** How an entry is written in an input and in lists. Communes and EPCI carry their code
 *  (homonyms are common: « Saint-Marcel (71475) »), départements lead with it (« 69 – Rhône »),
 *  régions and pays are their name. */
export function referentialLabel(kind: ReferentialKind, e: { code: string; name: string }): string {
  if (kind === 'communes' || kind === 'epci') return `${e.name} (${e.code})`;
  if (kind === 'departements') return `${e.code} – ${e.name}`;
  return e.name;
}

export type Lookup = { found: ReferentialEntry } | { ambiguous: readonly ReferentialEntry[] } | { notFound: true };

/** The entry an input names: its code, its label (« Lyon (69123) », « 69 – Rhône »), or its name
 *  when only one entry bears it (several: ambiguous, the caller asks to choose). */
export function lookupEntry(ref: Referential, text: string): Lookup {
  const input = text.trim();
  const byCode = ref.byCode.get(input.toUpperCase());
  if (byCode) return { found: byCode };
  // « Nom (code) » or « code – Nom »: the code decides, the name must agree
  const nameCode = /^(.*\S)\s*\(\s*([0-9A-Za-z]+)\s*\)$/.exec(input);
  const codeName = /^([0-9][0-9AB]{1,2})\s*[–—-]\s*(.*\S)$/.exec(input);
  const labelled = nameCode
    ? { name: nameCode[1], code: nameCode[2] }
    : codeName
      ? { code: codeName[1], name: codeName[2] }
      : null;
  if (labelled) {
    const entry = ref.byCode.get(labelled.code.toUpperCase());
    if (entry && normalizeName(entry.name) === normalizeName(labelled.name)) return { found: entry };
  }
  const named = ref.byName.get(normalizeName(input)) ?? [];
  if (named.length === 1) return { found: named[0] };
  if (named.length > 1) return { ambiguous: named };
  return { notFound: true };
}

/** Suggestions for what is being typed: entries whose code starts with it, or whose name has it as a
 *  prefix (first) or as a word start (then); at most `limit`. */
export function searchReferential(ref: Referential, text: string, limit = 10): ReferentialEntry[] {
  const q = normalizeName(text.replace(/\(.*$/, ''));
  if (q === '') return [];
  const upper = text.trim().toUpperCase();
  const exact: ReferentialEntry[] = [];
  const prefix: ReferentialEntry[] = [];
  const word: ReferentialEntry[] = [];
  const digits = /^[0-9]/.test(upper);
  for (let i = 0; i < ref.entries.length; i++) {
    const e = ref.entries[i];
    if (e.code === upper) {
      exact.push(e);
      continue;
    }
    const name = ref.names[i];
    if (name === q) exact.push(e);
    else if (name.startsWith(q) || (digits && e.code.startsWith(upper))) prefix.push(e);
    else if (name.includes(` ${q}`)) word.push(e);
    if (exact.length + prefix.length >= limit * 4) break;
  }
  return [...exact, ...prefix, ...word].slice(0, limit);
}

/** The field types whose value is an entry of a reference list; each type is named after its list. */
export function isReferentialType(type: string): type is ReferentialKind {
  return (REFERENTIAL_KINDS as readonly string[]).includes(type);
}

/** The short lists, shown whole in a select (communes and EPCI are searched as one types). */
export type ReferentialSelectKind = 'departements' | 'regions' | 'pays';

/** The entries of the short lists a form's selects show (code and label): read by the route
 *  (src/queries/referentials.ts) and given to the view, which reads no data. */
export type ReferentialOptions = Partial<Record<ReferentialSelectKind, { value: string; label: string }[]>>;
