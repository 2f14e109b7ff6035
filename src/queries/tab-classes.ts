// Tab classes: the facts the tab rules read, packed by PostgreSQL into one small integer per dossier
// (`dossiers.wl_class`, a stored generated column of migration 0002) so that a tab is
// `wl_class = ANY(codes)` — accurate planner estimates from the column statistics, narrow covering
// indexes, and counts as one GROUP BY. The codes of a tab are not written by hand: they are found
// by asking the domain's `tabsOf` about one representative dossier of every class.
//
//   wl_class = state_code * 32 + archived * 16 + hidden_by_administration * 8
//            + hidden_by_user * 4 + hidden_by_expired * 2 + (at least one active follower)
//
// Two facts stay outside the class because they depend on the reader or on the time: "followed by
// me" (tab suivis) and "expires within 14 days" (tab expirant).
import type { DossierFacts, DossierState } from '../domain/dossier-state.ts';
import { addDaysUTC } from '../domain/retention.ts';
import { TABS, tabsOf, type Tab } from '../domain/tabs.ts';

/** Order of the state codes in the generated column (0 = brouillon). Keep in step with 0002. */
export const STATE_CODES: readonly DossierState[] = [
  'brouillon',
  'en_construction',
  'en_instruction',
  'accepte',
  'refuse',
  'sans_suite',
];

export const CLASS_ARCHIVED = 16;
export const CLASS_HIDDEN_BY_ADMINISTRATION = 8;
export const CLASS_HIDDEN_BY_USER = 4;
export const CLASS_HIDDEN_BY_EXPIRED = 2;
export const CLASS_FOLLOWED = 1;

export interface ClassFacts {
  state: DossierState;
  archived: boolean;
  hiddenByAdministration: boolean;
  hiddenByUser: boolean;
  hiddenByExpired: boolean;
  followed: boolean;
}

export function encodeClass(f: ClassFacts): number {
  return (
    STATE_CODES.indexOf(f.state) * 32 +
    (f.archived ? CLASS_ARCHIVED : 0) +
    (f.hiddenByAdministration ? CLASS_HIDDEN_BY_ADMINISTRATION : 0) +
    (f.hiddenByUser ? CLASS_HIDDEN_BY_USER : 0) +
    (f.hiddenByExpired ? CLASS_HIDDEN_BY_EXPIRED : 0) +
    (f.followed ? CLASS_FOLLOWED : 0)
  );
}

export function decodeClass(code: number): ClassFacts | null {
  const state = STATE_CODES[Math.floor(code / 32)];
  if (!state || code < 0) return null;
  return {
    state,
    archived: (code & CLASS_ARCHIVED) !== 0,
    hiddenByAdministration: (code & CLASS_HIDDEN_BY_ADMINISTRATION) !== 0,
    hiddenByUser: (code & CLASS_HIDDEN_BY_USER) !== 0,
    hiddenByExpired: (code & CLASS_HIDDEN_BY_EXPIRED) !== 0,
    followed: (code & CLASS_FOLLOWED) !== 0,
  };
}

export const ALL_CLASSES: readonly number[] = Array.from({ length: STATE_CODES.length * 32 }, (_, i) => i);

const ME = '__me__';
const OTHER = '__other__';
const EPOCH = new Date(Date.UTC(2000, 0, 1));

/** The tabs of one representative dossier of a class (me following or not, expiring or not). */
export function tabsOfClass(
  code: number,
  variant: { me: boolean; expiring: boolean },
  expiresWhenTermine: boolean,
): Tab[] {
  const f = decodeClass(code);
  if (!f) return [];
  if (variant.me && !f.followed) return [];
  const at = EPOCH;
  const facts: DossierFacts & { followers: string[] } = {
    state: f.state,
    archived: f.archived,
    depose_at: null,
    en_construction_at: null,
    en_instruction_at: null,
    processed_at: null,
    hidden_by_administration_at: f.hiddenByAdministration ? at : null,
    hidden_by_user_at: f.hiddenByUser ? at : null,
    hidden_by_expired_at: f.hiddenByExpired ? at : null,
    // expiring: expires now; not expiring: far in the future (a NULL date is never expiring either)
    expires_at: variant.expiring ? at : addDaysUTC(at, 3650),
    conservation_extension_months: 0,
    expiry_notice_sent_at: null,
    pending_correction: false,
    declarative_triggered_at: null,
    followers: f.followed ? [variant.me ? ME : OTHER] : [],
  };
  return tabsOf(facts, ME, at, { expires_when_termine: expiresWhenTermine });
}

export type ClassRule =
  /** every dossier of the class is in the tab */
  | 'all'
  /** only those I follow */
  | 'me'
  /** only those expiring within 14 days */
  | 'expiring';

/** How each class belongs to a tab. A class missing from the map is never in the tab. */
export function classRules(tab: Tab, expiresWhenTermine: boolean): Map<number, ClassRule> {
  const rules = new Map<number, ClassRule>();
  for (const code of ALL_CLASSES) {
    const f = decodeClass(code)!;
    const variants = [
      { me: false, expiring: false },
      { me: false, expiring: true },
      ...(f.followed
        ? [
            { me: true, expiring: false },
            { me: true, expiring: true },
          ]
        : []),
    ];
    const inTab = variants.map((v) => tabsOfClass(code, v, expiresWhenTermine).includes(tab));
    if (!inTab.some(Boolean)) continue;
    if (inTab.every(Boolean)) rules.set(code, 'all');
    else if (inTab.every((x, i) => x === variants[i].me)) rules.set(code, 'me');
    else if (inTab.every((x, i) => x === variants[i].expiring)) rules.set(code, 'expiring');
    else throw new Error(`règle d'onglet non représentable : ${tab} / classe ${code}`);
  }
  return rules;
}

export interface TabCodes {
  all: number[];
  me: number[];
  expiring: number[];
}

const cache = new Map<string, TabCodes>();

/** The class codes of a tab, split by rule (memoised: 7 tabs × 2 procedure settings). */
export function tabCodes(tab: Tab, expiresWhenTermine: boolean): TabCodes {
  const key = `${tab}:${expiresWhenTermine}`;
  let codes = cache.get(key);
  if (!codes) {
    codes = { all: [], me: [], expiring: [] };
    for (const [code, rule] of classRules(tab, expiresWhenTermine)) codes[rule].push(code);
    cache.set(key, codes);
  }
  return codes;
}

/** Every tab's codes, for counting from per-class totals. */
export function allTabCodes(expiresWhenTermine: boolean): Record<Tab, TabCodes> {
  return Object.fromEntries(TABS.map((t) => [t, tabCodes(t, expiresWhenTermine)])) as Record<Tab, TabCodes>;
}
