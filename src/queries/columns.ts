// The column catalogue of a procedure's work list (docs/domain.md §3 "available columns"): the fixed
// dossier and applicant columns, then one column per field and per annotation of every published
// revision (union by stable id; the newest label wins), and the *parts* the reference also lists:
// each repetition child (filter only: any row matches), an address's commune, postal code and
// département, a SIRET's SIREN, an IBAN's country and bank code, a linked drop-down's primary and
// secondary values. Kinds and filter operators come from the field type modules of src/domain/fields.
import { DOSSIER_STATES, STATE_LABELS } from '../domain/dossier-state.ts';
import { getFieldType, type FieldDef } from '../domain/fields/index.ts';
import type { ColumnKind, FilterOperator } from '../domain/fields/types.ts';
import { DATE_FILTERS, TEXT_FILTERS } from '../domain/fields/shared.ts';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS } from '../domain/notifications.ts';
import {
  DEPOSE_COLUMN,
  NOTIFICATIONS_COLUMN,
  NUMBER_COLUMN,
  STATE_COLUMN,
  type ColumnShape,
} from '../domain/presentation.ts';

export type ColumnGroup = 'dossier' | 'usager' | 'champ' | 'annotation';

export const COLUMN_GROUP_LABELS: Record<ColumnGroup, string> = {
  dossier: 'Informations du dossier',
  usager: "Informations de l'usager",
  champ: 'Formulaire usager',
  annotation: 'Annotations privées',
};

/** Fixed columns: dossier table columns and related tables. */
export type FixedColumnName =
  | 'id'
  | 'state'
  | 'notifications'
  | 'created_at'
  | 'depose_at'
  | 'en_instruction_at'
  | 'processed_at'
  | 'en_construction_at'
  | 'last_champ_updated_at'
  | 'updated_at'
  | 'expires_at'
  | 'user_email'
  | 'civilite'
  | 'nom'
  | 'prenom'
  | 'followers'
  | 'groupe'
  | 'labels'
  | 'avis_answer';

/** Parts of a field value that are columns of their own. */
export type FieldPart =
  | 'commune'
  | 'code_postal'
  | 'departement'
  | 'siren'
  | 'iban_pays'
  | 'iban_banque'
  | 'primary'
  | 'secondary'
  | 'code'
  | 'commune_departement';

export type ColumnSource =
  | { type: 'fixed'; name: FixedColumnName }
  | { type: 'field'; store: 'champs' | 'annotations'; stableId: string; def: FieldDef }
  /** a part of a field's value (`part`), or a repetition child (`child`: any row matches) */
  | {
      type: 'part';
      store: 'champs' | 'annotations';
      stableId: string;
      def: FieldDef;
      part?: FieldPart;
      child?: FieldDef;
    };

export interface Column extends ColumnShape {
  group: ColumnGroup;
  filterable: boolean;
  /** false for columns that are always filled (sort needs no "empty last" branch) */
  nullable: boolean;
  source: ColumnSource;
}

export interface CatalogueInput {
  forIndividual: boolean;
  /** fields and annotations of every published revision, oldest first */
  revisions: { fields: FieldDef[]; annotations: FieldDef[] }[];
  groups: { id: string; label: string }[];
  labels: { id: string; name: string }[];
}

/** Stable ids become JSON keys in SQL (always as parameters); anything else is ignored. */
const STABLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

const DAY_OPS: FilterOperator[] = DATE_FILTERS.filter((o) => o !== 'empty' && o !== 'not_empty');

function fixed(
  name: FixedColumnName,
  id: string,
  label: string,
  group: ColumnGroup,
  kind: ColumnKind,
  operators: FilterOperator[],
  o: {
    displayable?: boolean;
    sortable?: boolean;
    nullable?: boolean;
    options?: { value: string; label: string }[];
  } = {},
): Column {
  return {
    id,
    label,
    group,
    kind,
    operators,
    filterable: operators.length > 0,
    displayable: o.displayable ?? true,
    sortable: o.sortable ?? true,
    nullable: o.nullable ?? true,
    options: o.options,
    source: { type: 'fixed', name },
  };
}

function fieldColumn(def: FieldDef, store: 'champs' | 'annotations'): Column | null {
  if (!STABLE_ID.test(def.stableId)) return null;
  const module = getFieldType(def.type);
  if (!module.fillable || def.type === 'repetition') return null;
  const kind = module.columnKind;
  let options: { value: string; label: string }[] | undefined;
  if (def.type === 'drop_down_list' || def.type === 'multiple_drop_down_list') {
    options = (def.options?.choices ?? []).map((c) => ({ value: c, label: c }));
  } else if (def.type === 'civilite') {
    options = [
      { value: 'Mme', label: 'Madame' },
      { value: 'M.', label: 'Monsieur' },
    ];
  }
  return {
    id: `${store === 'champs' ? 'champ' : 'annotation'}/${def.stableId}`,
    label: def.label,
    group: store === 'champs' ? 'champ' : 'annotation',
    kind,
    operators: module.filterOperators,
    filterable: module.filterOperators.length > 0,
    displayable: kind !== 'none',
    sortable: kind !== 'none',
    nullable: true,
    options,
    phone: def.type === 'phone' || undefined,
    source: { type: 'field', store, stableId: def.stableId, def },
  };
}

const PART_LABELS: Record<FieldPart, string> = {
  commune: 'commune',
  code_postal: 'code postal',
  departement: 'département',
  siren: 'SIREN',
  iban_pays: 'pays',
  iban_banque: 'code banque',
  primary: 'premier choix',
  secondary: 'second choix',
  code: 'code',
  commune_departement: 'département',
};

const PARTS: Partial<Record<FieldDef['type'], FieldPart[]>> = {
  address: ['commune', 'code_postal', 'departement'],
  siret: ['siren'],
  iban: ['iban_pays', 'iban_banque'],
  linked_drop_down_list: ['primary', 'secondary'],
  communes: ['code', 'commune_departement'],
  departements: ['code'],
  regions: ['code'],
  epci: ['code'],
  pays: ['code'],
};

/** The part columns of a field (docs/domain.md §3): value parts, or repetition children. */
function partColumns(def: FieldDef, store: 'champs' | 'annotations'): Column[] {
  if (!STABLE_ID.test(def.stableId)) return [];
  const prefix = store === 'champs' ? 'champ' : 'annotation';
  const group: ColumnGroup = store === 'champs' ? 'champ' : 'annotation';
  if (def.type === 'repetition') {
    const out: Column[] = [];
    for (const child of def.children ?? []) {
      if (!STABLE_ID.test(child.stableId) || child.type === 'repetition') continue;
      const module = getFieldType(child.type);
      if (!module.fillable || module.filterOperators.length === 0) continue;
      const base = fieldColumn(child, store);
      out.push({
        id: `${prefix}/${def.stableId}/${child.stableId}`,
        label: `${def.label} – ${child.label}`,
        group,
        kind: module.columnKind,
        operators: module.filterOperators,
        filterable: true,
        displayable: false,
        sortable: false,
        nullable: true,
        options: base?.options,
        phone: child.type === 'phone' || undefined,
        source: { type: 'part', store, stableId: def.stableId, def, child },
      });
    }
    return out;
  }
  return (PARTS[def.type] ?? []).map((part) => {
    const linked = part === 'primary' || part === 'secondary';
    const choices = linked
      ? [...new Set((def.options?.linked ?? []).flatMap((l) => (part === 'primary' ? [l.primary] : l.secondaries)))]
      : null;
    return {
      id: `${prefix}/${def.stableId}/${part}`,
      label: `${def.label} (${PART_LABELS[part]})`,
      group,
      kind: linked ? 'enum' : 'text',
      operators: linked ? ['in', 'empty', 'not_empty'] : TEXT_FILTERS,
      filterable: true,
      displayable: true,
      sortable: true,
      nullable: true,
      options: choices ? choices.map((c) => ({ value: c, label: c })) : undefined,
      source: { type: 'part', store, stableId: def.stableId, def, part },
    } satisfies Column;
  });
}

/** The catalogue, in display order (fixed columns, form fields, annotations). */
export function buildCatalogue(input: CatalogueInput): Column[] {
  const stateOptions = DOSSIER_STATES.filter((s) => s !== 'brouillon').map((s) => ({
    value: s,
    label: STATE_LABELS[s],
  }));
  const cols: Column[] = [
    fixed('id', NUMBER_COLUMN, 'Nº dossier', 'dossier', 'integer', ['eq'], { displayable: false, nullable: false }),
    fixed('state', STATE_COLUMN, 'État du dossier', 'dossier', 'enum', ['in'], {
      displayable: false,
      sortable: false,
      nullable: false,
      options: stateOptions,
    }),
    fixed('notifications', NOTIFICATIONS_COLUMN, 'Notifications', 'dossier', 'enum', ['in'], {
      displayable: false,
      sortable: false,
      options: NOTIFICATION_KINDS.map((k) => ({ value: k, label: NOTIFICATION_LABELS[k] })),
    }),
    fixed('created_at', 'dossier/created_at', 'Créé le', 'dossier', 'datetime', DAY_OPS, { nullable: false }),
    // lists never show brouillons, and every other dossier has its deposit date (migration 0026)
    fixed('depose_at', DEPOSE_COLUMN, 'Déposé le', 'dossier', 'datetime', DATE_FILTERS, { nullable: false }),
    fixed(
      'en_instruction_at',
      'dossier/en_instruction_at',
      'Passé en instruction le',
      'dossier',
      'datetime',
      DATE_FILTERS,
    ),
    fixed(
      'en_construction_at',
      'dossier/en_construction_at',
      'Passé en construction le',
      'dossier',
      'datetime',
      DATE_FILTERS,
    ),
    fixed(
      'last_champ_updated_at',
      'dossier/last_champ_updated_at',
      "Dernière modification d'un champ",
      'dossier',
      'datetime',
      DATE_FILTERS,
    ),
    fixed('processed_at', 'dossier/processed_at', 'Traité le', 'dossier', 'datetime', DATE_FILTERS),
    fixed('updated_at', 'dossier/updated_at', 'Mis à jour le', 'dossier', 'datetime', DAY_OPS, { nullable: false }),
    fixed('expires_at', 'dossier/expires_at', "Date d'expiration", 'dossier', 'datetime', DATE_FILTERS),
    fixed('followers', 'dossier/followers', 'Suivi par', 'dossier', 'text', ['contains', 'empty', 'not_empty']),
  ];
  if (input.groups.length > 1) {
    cols.push(
      fixed('groupe', 'dossier/groupe', 'Groupe instructeur', 'dossier', 'enum', ['in'], {
        nullable: false,
        options: input.groups.map((g) => ({ value: g.id, label: g.label })),
      }),
    );
  }
  cols.push(
    fixed('labels', 'dossier/labels', 'Labels', 'dossier', 'enums', ['in', 'empty', 'not_empty'], {
      options: input.labels.map((l) => ({ value: l.id, label: l.name })),
    }),
    fixed('avis_answer', 'dossier/avis', 'Avis externe (oui/non)', 'dossier', 'boolean', ['is_true', 'is_false']),
    fixed(
      'user_email',
      'usager/email',
      'Demandeur (adresse électronique)',
      'usager',
      'text',
      TEXT_FILTERS.filter((o) => o !== 'empty' && o !== 'not_empty'),
      { nullable: false },
    ),
  );
  if (input.forIndividual) {
    cols.push(
      fixed('civilite', 'usager/civilite', 'Civilité', 'usager', 'enum', ['in', 'empty', 'not_empty'], {
        options: [
          { value: 'Mme', label: 'Madame' },
          { value: 'M.', label: 'Monsieur' },
        ],
      }),
      fixed('nom', 'usager/nom', 'Nom', 'usager', 'text', TEXT_FILTERS),
      fixed('prenom', 'usager/prenom', 'Prénom', 'usager', 'text', TEXT_FILTERS),
    );
  }
  // Union by stable id over the revisions; the newest definition wins but keeps the first position.
  for (const store of ['champs', 'annotations'] as const) {
    const byId = new Map<string, Column>();
    for (const rev of input.revisions) {
      for (const def of store === 'champs' ? rev.fields : rev.annotations) {
        let column: Column | null;
        try {
          column = fieldColumn(def, store);
        } catch {
          column = null; // unknown field type in a corrupt revision: no column rather than a 500
        }
        if (column) byId.set(def.stableId, column);
        let parts: Column[] = [];
        try {
          parts = partColumns(def, store);
        } catch {
          parts = [];
        }
        for (const part of parts) byId.set(`${def.stableId}/${part.id}`, part);
      }
    }
    cols.push(...byId.values());
  }
  return cols;
}

export function catalogueMap(cols: readonly Column[]): Map<string, Column> {
  return new Map(cols.map((c) => [c.id, c]));
}
