// The contract shared by every field type module and by everything that stores, shows,
// filters or exports field values. Field definitions live in procedure_revisions.fields (JSONB);
// values live in dossiers.champs / dossiers.annotations (JSONB keyed by stable id).

export const FIELD_TYPES = [
  'header_section',
  'explication',
  'text',
  'textarea',
  'email',
  'phone',
  'integer_number',
  'decimal_number',
  'date',
  'datetime',
  'checkbox',
  'yes_no',
  'civilite',
  'drop_down_list',
  'multiple_drop_down_list',
  'linked_drop_down_list',
  'piece_justificative',
  'repetition',
  'address',
  'iban',
  'siret',
  'dossier_link',
  'formatted',
  'communes',
  'departements',
  'regions',
  'epci',
  'pays',
  'rna',
  'numero_fiscal',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Type-specific options; each module reads the keys it knows. */
export interface FieldOptions {
  /** header_section: 1..3 */
  level?: number;
  /** textarea: max characters */
  characterLimit?: number;
  /** integer/decimal */
  min?: number;
  max?: number;
  positive?: boolean;
  /** date/datetime: only past values allowed */
  pastOnly?: boolean;
  /** drop_down_list / multiple_drop_down_list */
  choices?: string[];
  /** drop_down_list: an "Autre" free value is allowed */
  other?: boolean;
  /** linked_drop_down_list: primary → secondaries */
  linked?: { primary: string; secondaries: string[] }[];
  /** formatted (advanced mode) */
  regex?: string;
  regexExample?: string;
  regexError?: string;
  /** formatted (simple mode) */
  letters?: boolean;
  numbers?: boolean;
  specialChars?: boolean;
  minLength?: number;
  maxLength?: number;
  /** piece_justificative: max number of files (default 1, at most 10) */
  maxFiles?: number;
  /** explication: collapsible text */
  collapsible?: boolean;
}

/** A field definition of a published revision. `stableId` never changes across revisions. */
export interface FieldDef {
  stableId: string;
  type: FieldType;
  label: string;
  description?: string;
  mandatory: boolean;
  /** true = annotation privée (instructors only) */
  private: boolean;
  options?: FieldOptions;
  /** conditional display (see conditions.ts); null/undefined = always visible */
  condition?: Condition | null;
  /** repetition children (never nested further) */
  children?: FieldDef[];
}

/** Stored file reference (bytes are in storage; metadata in the files table). */
export interface FileRef {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
}

/** Values as stored in JSONB, per type:
 *  text, textarea, email, phone, civilite ('M.'|'Mme'), drop_down_list, address, iban (normalised,
 *  no spaces, upper case), siret (14 digits), formatted: string
 *  integer_number: number (integer); decimal_number: number
 *  date: 'YYYY-MM-DD'; datetime: ISO 8601 'YYYY-MM-DDTHH:mm' (local, no zone)
 *  checkbox, yes_no: boolean
 *  multiple_drop_down_list: string[] (non-empty)
 *  linked_drop_down_list: { primary: string; secondary: string }
 *  piece_justificative: FileRef[] (non-empty)
 *  repetition: RepetitionRow[]
 *  dossier_link: number (a dossier number)
 *  communes, departements, regions, epci, pays: ReferentialValue (code and name of a reference list's
 *  entry; communes also carry their département's code)
 *  rna ('W' and 9 digits), numero_fiscal (13 digits): string
 *  header_section, explication: never stored
 */
export type FieldValue =
  | string
  | number
  | boolean
  | string[]
  | FileRef[]
  | RepetitionRow[]
  | { primary: string; secondary: string }
  | ReferentialValue;

/** A stored entry of a reference list (communes, départements, régions, EPCI, pays). */
export interface ReferentialValue {
  /** INSEE code (communes, départements, régions), SIREN (EPCI), ISO 3166-1 alpha-2 (pays) */
  code: string;
  name: string;
  /** communes: the code of their département */
  departement?: string;
}

export const REFERENTIAL_KINDS = ['communes', 'departements', 'regions', 'epci', 'pays'] as const;
export type ReferentialKind = (typeof REFERENTIAL_KINDS)[number];
export type ReferentialEntry = ReferentialValue;

/** A reference list indexed for lookups (built by referentials.ts `buildReferential`). */
export interface Referential {
  kind: ReferentialKind;
  /** entries in display order (by name, French collation; départements by code) */
  entries: readonly ReferentialEntry[];
  /** the normalised name of each entry, in the order of `entries` (searched while typing) */
  names: readonly string[];
  byCode: ReadonlyMap<string, ReferentialEntry>;
  /** entries by normalised name (homonyms share a key) */
  byName: ReadonlyMap<string, readonly ReferentialEntry[]>;
}

/** The lists by kind, loaded outside the domain (a list is built on first use). */
export type ReferentialSource = (kind: ReferentialKind) => Referential;

export interface RepetitionRow {
  rowId: string;
  values: Record<string, FieldValue | null>;
}

/** One stored champ: its value and when it last changed (the "modifié le"). */
export interface StoredChamp {
  value: FieldValue | null;
  updatedAt: string;
}
export type ChampsMap = Record<string, StoredChamp>;

/** Conditional logic (docs/domain.md §12). */
export type Condition =
  | { op: 'and' | 'or'; terms: Condition[] }
  | {
      op: 'eq' | 'not_eq' | 'lt' | 'lte' | 'gt' | 'gte' | 'include' | 'exclude' | 'empty' | 'not_empty';
      /** source field stable id */
      field: string;
      value?: string | number | boolean;
    };

/** Filter operators a list column may offer (the work list builds SQL from them). */
export type FilterOperator =
  | 'contains'
  | 'eq'
  | 'lt'
  | 'gt'
  | 'between'
  | 'on'
  | 'before'
  | 'after'
  | 'in'
  | 'is_true'
  | 'is_false'
  | 'empty'
  | 'not_empty'
  | 'this_week'
  | 'this_month'
  | 'this_year';

/** How a value is compared in SQL for sort and filter. */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean' | 'enum' | 'enums' | 'none';

export interface ValidationResult {
  ok: boolean;
  /** normalised value to store when ok */
  value?: FieldValue | null;
  /** French message when not ok */
  error?: string;
}

/** What parse() may need besides the raw input; the domain reads no clock, so "today" is passed in. */
export interface ParseContext {
  /** the current local date 'YYYY-MM-DD' (date/datetime `pastOnly`); without it the check is skipped */
  today?: string;
  /** values of the visible root champs, for conditions of repetition children on root fields */
  rootValueOf?: (stableId: string) => FieldValue | null | undefined;
  /** the reference lists of the territorial and country types; without them those fields refuse input */
  referentials?: ReferentialSource;
}

/** What every field type module exports. */
export interface FieldTypeModule {
  type: FieldType;
  /** French name in the admin editor */
  label: string;
  /** false for header_section and explication */
  fillable: boolean;
  /** how the value sorts and filters in lists; 'none' = not a list column */
  columnKind: ColumnKind;
  /** operators offered in list filters for this type */
  filterOperators: FilterOperator[];
  /** Parse raw form input (strings from HTML forms, or already-typed API values) and validate it.
   *  `raw` is undefined/''/[] when nothing was entered. Mandatory is checked here too. */
  parse(def: FieldDef, raw: unknown, ctx?: ParseContext): ValidationResult;
  /** true when the stored value counts as not filled */
  isEmpty(value: FieldValue | null | undefined): boolean;
  /** plain-text display (lists, e-mails, PDF, exports as text) */
  display(def: FieldDef, value: FieldValue | null | undefined): string;
  /** the value as words for full-text search ('' when nothing to index) */
  searchText(def: FieldDef, value: FieldValue | null | undefined): string;
}
