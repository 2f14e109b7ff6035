import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  allFields,
  displayValue,
  fieldTypes,
  flattenFields,
  getFieldType,
  parseChamps,
  searchTextOf,
} from '../../src/domain/fields/index.ts';
import {
  FIELD_TYPES,
  type ChampsMap,
  type FieldDef,
  type FieldOptions,
  type FieldType,
  type FieldValue,
  type FileRef,
  type ParseContext,
} from '../../src/domain/fields/types.ts';
import { REQUIRED } from '../../src/domain/fields/shared.ts';
import { CHECKBOX_REQUIRED } from '../../src/domain/fields/checkbox.ts';
import { CIVILITE_ERROR } from '../../src/domain/fields/civilite.ts';
import { DATE_ERROR } from '../../src/domain/fields/date.ts';
import { DATETIME_ERROR } from '../../src/domain/fields/datetime.ts';
import { DECIMAL_ERROR } from '../../src/domain/fields/decimal-number.ts';
import { DOSSIER_LINK_ERROR } from '../../src/domain/fields/dossier-link.ts';
import { CHOICE_ERROR, OTHER_EMPTY } from '../../src/domain/fields/drop-down-list.ts';
import { EMAIL_ERROR } from '../../src/domain/fields/email.ts';
import { FORMAT_CONFIG_ERROR } from '../../src/domain/fields/formatted.ts';
import { IBAN_CHECK_ERROR, IBAN_FORMAT_ERROR, formatIban, ibanChecksumOk } from '../../src/domain/fields/iban.ts';
import { INTEGER_ERROR } from '../../src/domain/fields/integer-number.ts';
import { PRIMARY_ERROR, SECONDARY_ERROR } from '../../src/domain/fields/linked-drop-down-list.ts';
import { PHONE_ERROR } from '../../src/domain/fields/phone.ts';
import { FILES_ERROR } from '../../src/domain/fields/piece-justificative.ts';
import { ROWS_ERROR } from '../../src/domain/fields/repetition.ts';
import { SIRET_CHECK_ERROR, SIRET_LENGTH_ERROR, luhnOk, siretChecksumOk } from '../../src/domain/fields/siret.ts';
import { YES_NO_ERROR } from '../../src/domain/fields/yes-no.ts';
import { REFERENTIAL_UNAVAILABLE } from '../../src/domain/fields/referential-module.ts';
import { buildReferential } from '../../src/domain/fields/referentials.ts';
import { RNA_ERROR } from '../../src/domain/fields/rna.ts';
import {
  NUMERO_FISCAL_CHECK_ERROR,
  NUMERO_FISCAL_LENGTH_ERROR,
  numeroFiscalKeyOk,
} from '../../src/domain/fields/numero-fiscal.ts';
import type { Referential, ReferentialKind } from '../../src/domain/fields/types.ts';

// ---------------------------------------------------------------------------------------------
// Table helpers

interface Setup {
  options?: FieldOptions;
  mandatory?: boolean;
  ctx?: ParseContext;
  children?: FieldDef[];
}
interface Row extends Setup {
  name: string;
  raw: unknown;
  expect: { ok: true; value: FieldValue | null } | { ok: false; error: string };
}

const accept = (name: string, raw: unknown, value: FieldValue | null, setup: Setup = {}): Row => ({
  name,
  raw,
  expect: { ok: true, value },
  ...setup,
});
const reject = (name: string, raw: unknown, error: string, setup: Setup = {}): Row => ({
  name,
  raw,
  expect: { ok: false, error },
  ...setup,
});
const mandatory: Setup = { mandatory: true };

function fieldDef(type: FieldType, setup: Setup = {}, stableId = 'f', label = 'Champ'): FieldDef {
  return {
    stableId,
    type,
    label,
    mandatory: setup.mandatory ?? false,
    private: false,
    options: setup.options ?? {},
    ...(setup.children ? { children: setup.children } : {}),
  };
}

const file = (n: number): FileRef => ({
  fileId: `file-${n}`,
  name: `piece-${n}.pdf`,
  size: 1000 * n,
  contentType: 'application/pdf',
});
const files = (count: number): FileRef[] => Array.from({ length: count }, (_, i) => file(i + 1));

const CITIES = { choices: ['Paris', 'Lyon', 'Marseille'] };
const LINKED = {
  linked: [
    { primary: 'France', secondaries: ['Paris', 'Lyon'] },
    { primary: 'Monaco', secondaries: [] },
  ],
};

const REPETITION_CHILDREN: FieldDef[] = [
  fieldDef('header_section', {}, 'titre', 'Personne'),
  fieldDef('text', mandatory, 'nom', 'Nom'),
  fieldDef('integer_number', { options: { min: 0 } }, 'age', 'Âge'),
  { ...fieldDef('text', mandatory, 'detail', 'Détail'), condition: { op: 'gte', field: 'age', value: 18 } },
  { ...fieldDef('text', {}, 'remarque', 'Remarque'), condition: { op: 'eq', field: 'root-q', value: true } },
];
const rep: Setup = { children: REPETITION_CHILDREN };

// Small reference lists standing for the real ones (src/platform/referentials.ts)
const REFERENTIALS: Record<ReferentialKind, Referential> = {
  communes: buildReferential('communes', [
    { code: '69123', name: 'Lyon', departement: '69' },
    { code: '42218', name: 'Saint-Étienne', departement: '42' },
    { code: '71445', name: 'Saint-Marcel', departement: '71' },
    { code: '01371', name: 'Saint-Marcel', departement: '01' },
  ]),
  departements: buildReferential('departements', [
    { code: '01', name: 'Ain' },
    { code: '2A', name: 'Corse-du-Sud' },
    { code: '69', name: 'Rhône' },
    { code: '71', name: 'Saône-et-Loire' },
  ]),
  regions: buildReferential('regions', [
    { code: '84', name: 'Auvergne-Rhône-Alpes' },
    { code: '11', name: 'Île-de-France' },
  ]),
  epci: buildReferential('epci', [{ code: '200046977', name: 'Métropole de Lyon' }]),
  pays: buildReferential('pays', [
    { code: 'FR', name: 'France' },
    { code: 'DE', name: 'Allemagne' },
  ]),
};
const refs: Setup = { ctx: { referentials: (kind) => REFERENTIALS[kind] } };
const refsMandatory: Setup = { ...refs, mandatory: true };
const LYON = { code: '69123', name: 'Lyon', departement: '69' };

// ---------------------------------------------------------------------------------------------
// Parse tables: for every fillable type, (options, raw input) → stored value or French error

const PARSE_TABLES: Record<Exclude<FieldType, 'header_section' | 'explication'>, Row[]> = {
  text: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    reject('mandatory and only spaces', '   ', REQUIRED, mandatory),
    accept('optional and absent', undefined, null),
    accept('trimmed', '  Jean Dupont  ', 'Jean Dupont'),
    accept('line breaks become spaces', 'ligne 1\r\n  ligne 2', 'ligne 1 ligne 2'),
    accept('a number from the API', 42, '42'),
    accept('a one-element array from a form', ['seul'], 'seul'),
    reject('an object', { a: 1 }, 'Saisissez un texte'),
    reject('longer than 10 000 characters', 'a'.repeat(10_001), 'Le texte ne doit pas dépasser 10 000 caractères'),
  ],
  textarea: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('CRLF normalised to LF', ' a\r\nb ', 'a\nb'),
    accept('exactly at the character limit', 'abcde', 'abcde', { options: { characterLimit: 5 } }),
    reject('over the character limit', 'abcdef', 'Le texte ne doit pas dépasser 5 caractères (actuellement 6)', {
      options: { characterLimit: 5 },
    }),
    accept('an emoji counts as one character', '😀😀😀', '😀😀😀', { options: { characterLimit: 3 } }),
    reject('a boolean', true, 'Saisissez un texte'),
  ],
  email: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('trimmed', ' nom@exemple.fr ', 'nom@exemple.fr'),
    accept('dots, plus and sub-domains', 'prenom.nom+tag@sous.domaine.gouv.fr', 'prenom.nom+tag@sous.domaine.gouv.fr'),
    reject('no top-level domain', 'nom@exemple', EMAIL_ERROR),
    reject('a space inside', 'nom exemple@exemple.fr', EMAIL_ERROR),
    reject('two @', 'nom@@exemple.fr', EMAIL_ERROR),
    reject('no local part', '@exemple.fr', EMAIL_ERROR),
    reject('empty domain label', 'nom@exemple..fr', EMAIL_ERROR),
    reject('not text', { email: 'nom@exemple.fr' }, EMAIL_ERROR),
  ],
  phone: [
    reject('mandatory and empty', ' ', REQUIRED, mandatory),
    // stored in E.164 whatever the input form
    accept('French, spaces', '01 23 45 67 89', '+33123456789'),
    accept('French, no separators', '0612345678', '+33612345678'),
    accept('French, dots', '01.23.45.67.89', '+33123456789'),
    accept('French, dashes', '06-12-34-56-78', '+33612345678'),
    accept('French, non-breaking spaces', '06\u00a012\u00a034\u00a056\u00a078', '+33612345678'),
    accept('French, VoIP 09', '09 12 34 56 78', '+33912345678'),
    accept('French, toll-free 0800', '0 800 12 34 56', '+33800123456'),
    accept('+33', '+33612345678', '+33612345678'),
    accept('+33 (0)', '+33 (0)6 12 34 56 78', '+33612345678'),
    accept('+33 followed by the trunk 0', '+33 06 12 34 56 78', '+33612345678'),
    accept('0033', '0033 6 12 34 56 78', '+33612345678'),
    // overseas départements: national form (same plan as metropolitan France) or their own code
    accept('La Réunion, mobile, national', '0692 12 34 56', '+262692123456'),
    accept('La Réunion, fixed, national', '02 62 12 34 56', '+262262123456'),
    accept('La Réunion, +262', '+262 262 12 34 56', '+262262123456'),
    accept('La Réunion written with +33', '+33 6 92 12 34 56', '+262692123456'),
    accept('La Réunion written with +33, fixed', '+33 2 62 12 34 56', '+262262123456'),
    accept('Mayotte, mobile, national', '0639 01 23 45', '+262639012345'),
    accept('Martinique, fixed, national', '0596 30 12 34', '+596596301234'),
    accept('Martinique, +596', '+596 696 12 34 56', '+596696123456'),
    accept('Guyane, +594', '+594 694 12 34 56', '+594694123456'),
    accept('Guadeloupe, mobile, national', '06 90 12 34 56', '+590690123456'),
    accept('Guadeloupe, +590', '+590 590 12 34 56', '+590590123456'),
    accept('Saint-Barthélemy, fixed, national', '05 90 27 12 34', '+590590271234'),
    accept('Nouvelle-Calédonie, +687', '+687 28 12 34', '+687281234'),
    accept('Saint-Pierre-et-Miquelon, +508', '+508 41 12 34', '+508411234'),
    // international
    accept('United Kingdom, +44', '+44 20 7946 0958', '+442079460958'),
    accept('United Kingdom, 0044', '0044 20 7946 0958', '+442079460958'),
    accept('United States, separators', '+1 (202) 555-0143', '+12025550143'),
    accept('Switzerland, 0041', '0041 44 668 18 00', '+41446681800'),
    reject('too short', '12345', PHONE_ERROR),
    reject('French number with 11 digits', '01 23 45 67 890', PHONE_ERROR),
    reject('French number with 9 digits', '01 23 45 67 8', PHONE_ERROR),
    reject('French number starting 00', '00 12 34 56 78', PHONE_ERROR),
    reject('French range that does not exist', '00 33 0 12 34 56 78', PHONE_ERROR),
    reject('international with 7 digits', '+1234567', PHONE_ERROR),
    reject('international with 16 digits', '+1234567890123456', PHONE_ERROR),
    reject('UK number one digit short', '+44 20 7946 095', PHONE_ERROR),
    reject('unknown country code', '+999 123 456 789', PHONE_ERROR),
    reject('letters', '01 23 45 67 AB', PHONE_ERROR),
    reject('trailing letters', '06 12 34 56 78 a', PHONE_ERROR),
    reject('an extension', '+33 1 23 45 67 89 ext 12', PHONE_ERROR),
    reject('not text', { tel: '0612345678' }, PHONE_ERROR),
  ],
  integer_number: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('optional and empty', '', null),
    accept('digits', '42', 42),
    accept('negative, trimmed', ' -7 ', -7),
    accept('thousands separated by spaces', '1 000', 1000),
    accept('a number from the API', 12, 12),
    reject('a decimal', '1.5', INTEGER_ERROR),
    reject('a decimal with a comma', '1,0', INTEGER_ERROR),
    reject('a decimal number from the API', 1.5, INTEGER_ERROR),
    reject('letters', 'douze', INTEGER_ERROR),
    reject('too large', '99999999999999999999', 'Ce nombre est trop grand'),
    reject('below min', '2', 'La valeur doit être supérieure ou égale à 3', { options: { min: 3 } }),
    accept('equal to min', '3', 3, { options: { min: 3 } }),
    reject('above max', '11', 'La valeur doit être inférieure ou égale à 10', { options: { max: 10 } }),
    accept('equal to max', '10', 10, { options: { max: 10 } }),
    reject('negative when positive', '-1', 'La valeur doit être positive ou nulle', { options: { positive: true } }),
    accept('zero when positive', '0', 0, { options: { positive: true } }),
  ],
  decimal_number: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('comma', '3,14', 3.14),
    accept('dot', '3.14', 3.14),
    accept('negative', '-0,5', -0.5),
    accept('leading comma', ',5', 0.5),
    accept('thousands separated by spaces', '1 234,5', 1234.5),
    accept('a number from the API', 2.5, 2.5),
    reject('two commas', '3,1,4', DECIMAL_ERROR),
    reject('letters', 'trois', DECIMAL_ERROR),
    reject('exponent notation', '1e5', DECIMAL_ERROR),
    reject('NaN from the API', Number.NaN, DECIMAL_ERROR),
    reject('below min', '0,4', 'La valeur doit être supérieure ou égale à 0,5', { options: { min: 0.5 } }),
    reject('above max', '100,01', 'La valeur doit être inférieure ou égale à 100', { options: { max: 100 } }),
    reject('negative when positive', '-0,01', 'La valeur doit être positive ou nulle', { options: { positive: true } }),
  ],
  date: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('ISO', '2026-11-28', '2026-11-28'),
    accept('French', '28/11/2026', '2026-11-28'),
    accept('French without leading zeros', '1/2/2024', '2024-02-01'),
    accept('29 February of a leap year', '2024-02-29', '2024-02-29'),
    reject('29 February of another year', '2023-02-29', DATE_ERROR),
    reject('31 April', '31/04/2026', DATE_ERROR),
    reject('month 13', '2026-13-01', DATE_ERROR),
    reject('words', 'demain', DATE_ERROR),
    reject('a number', 20261128, DATE_ERROR),
    reject('after today when pastOnly', '2026-06-16', 'La date ne peut pas être dans le futur', {
      options: { pastOnly: true },
      ctx: { today: '2026-06-15' },
    }),
    accept('today when pastOnly', '15/06/2026', '2026-06-15', {
      options: { pastOnly: true },
      ctx: { today: '2026-06-15' },
    }),
    accept('pastOnly without a known today is not checked', '2099-01-01', '2099-01-01', {
      options: { pastOnly: true },
    }),
  ],
  datetime: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('ISO local', '2026-11-28T14:05', '2026-11-28T14:05'),
    accept('seconds dropped', '2026-11-28T14:05:59', '2026-11-28T14:05'),
    accept('space for T', '2026-11-28 09:30', '2026-11-28T09:30'),
    accept('French', '28/11/2026 14:05', '2026-11-28T14:05'),
    accept('French with « à » and h', '28/11/2026 à 14h05', '2026-11-28T14:05'),
    reject('a date without time', '2026-11-28', DATETIME_ERROR),
    reject('hour 24', '2026-11-28T24:00', DATETIME_ERROR),
    reject('30 February', '2026-02-30T10:00', DATETIME_ERROR),
    reject('with a time zone', '2026-11-28T14:05Z', DATETIME_ERROR),
    reject('after today when pastOnly', '2026-06-16T00:00', 'La date ne peut pas être dans le futur', {
      options: { pastOnly: true },
      ctx: { today: '2026-06-15' },
    }),
    accept('today when pastOnly', '2026-06-15T23:59', '2026-06-15T23:59', {
      options: { pastOnly: true },
      ctx: { today: '2026-06-15' },
    }),
  ],
  checkbox: [
    reject('mandatory and absent', undefined, CHECKBOX_REQUIRED, mandatory),
    reject('mandatory and false', false, CHECKBOX_REQUIRED, mandatory),
    accept('mandatory and checked', 'on', true, mandatory),
    accept('"on"', 'on', true),
    accept('"true"', 'true', true),
    accept('true', true, true),
    accept('absent', undefined, false),
    accept('empty string', '', false),
    accept('"false"', 'false', false),
    accept('hidden false input then the checkbox', ['false', 'on'], true),
    reject('anything else', 'peut-être', 'Valeur invalide pour une case à cocher'),
  ],
  yes_no: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('"true"', 'true', true),
    accept('"false"', 'false', false),
    accept('false', false, false),
    accept('"Oui"', 'Oui', true),
    accept('optional and absent', undefined, null),
    reject('anything else', 'peut-être', YES_NO_ERROR),
  ],
  civilite: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('M.', 'M.', 'M.'),
    accept('Mme', 'Mme', 'Mme'),
    accept('M without dot', 'M', 'M.'),
    accept('madame', 'madame', 'Mme'),
    reject('Mlle', 'Mlle', CIVILITE_ERROR),
  ],
  drop_down_list: [
    reject('mandatory and empty', '', REQUIRED, { ...mandatory, options: CITIES }),
    accept('a choice', 'Lyon', 'Lyon', { options: CITIES }),
    accept('a choice with spaces', ' Lyon ', 'Lyon', { options: CITIES }),
    accept('a choice in a one-element array', ['Lyon'], 'Lyon', { options: CITIES }),
    reject('not a choice', 'Lille', CHOICE_ERROR, { options: CITIES }),
    accept('free text when other', 'Lille', 'Lille', { options: { ...CITIES, other: true } }),
    accept('{ other } when other', { other: 'Lille' }, 'Lille', { options: { ...CITIES, other: true } }),
    reject('{ other } empty and mandatory', { other: ' ' }, REQUIRED, {
      ...mandatory,
      options: { ...CITIES, other: true },
    }),
    reject('{ other } without the option', { other: 'Lille' }, CHOICE_ERROR, { options: CITIES }),
    reject('"Autre" chosen without text, mandatory', '__other__', OTHER_EMPTY, {
      ...mandatory,
      options: { ...CITIES, other: true },
    }),
    accept('"Autre" chosen without text, optional', '__other__', null, { options: { ...CITIES, other: true } }),
    reject('"Autre" when not offered', '__other__', CHOICE_ERROR, { options: CITIES }),
  ],
  multiple_drop_down_list: [
    reject('mandatory and empty', [], REQUIRED, { ...mandatory, options: CITIES }),
    reject('mandatory and only blanks', ['', ' '], REQUIRED, { ...mandatory, options: CITIES }),
    accept('optional and empty', [], null, { options: CITIES }),
    accept('kept in the order of the choices', ['Lyon', 'Paris'], ['Paris', 'Lyon'], { options: CITIES }),
    accept('a single string', 'Lyon', ['Lyon'], { options: CITIES }),
    accept('duplicates and blanks removed', ['Lyon', 'Lyon', ''], ['Lyon'], { options: CITIES }),
    reject('one unknown', ['Lyon', 'Lille'], '« Lille » ne fait pas partie des options proposées', { options: CITIES }),
    reject('two unknown', ['Lille', 'Nice'], '« Lille », « Nice » ne font pas partie des options proposées', {
      options: CITIES,
    }),
    reject('not text', [{}], 'Choisissez des options de la liste', { options: CITIES }),
  ],
  linked_drop_down_list: [
    reject('mandatory and absent', undefined, REQUIRED, { ...mandatory, options: LINKED }),
    reject('mandatory and both empty', { primary: '', secondary: '' }, REQUIRED, { ...mandatory, options: LINKED }),
    accept('optional and both empty', { primary: '', secondary: '' }, null, { options: LINKED }),
    accept(
      'an object',
      { primary: 'France', secondary: 'Lyon' },
      { primary: 'France', secondary: 'Lyon' },
      { options: LINKED },
    ),
    accept('a pair', ['France', 'Paris'], { primary: 'France', secondary: 'Paris' }, { options: LINKED }),
    accept(
      'a primary without secondaries',
      { primary: 'Monaco' },
      { primary: 'Monaco', secondary: '' },
      { options: LINKED },
    ),
    reject('a secondary of another primary', { primary: 'France', secondary: 'Berlin' }, SECONDARY_ERROR, {
      options: LINKED,
    }),
    reject('the secondary missing', { primary: 'France' }, SECONDARY_ERROR, { options: LINKED }),
    reject('an unknown primary', { primary: 'Allemagne', secondary: 'Berlin' }, PRIMARY_ERROR, { options: LINKED }),
    reject('the primary missing', { primary: '', secondary: 'Lyon' }, PRIMARY_ERROR, { options: LINKED }),
    reject('a plain string', 'France', PRIMARY_ERROR, { options: LINKED }),
  ],
  piece_justificative: [
    reject('mandatory and no file', [], REQUIRED, mandatory),
    accept('optional and absent', undefined, null),
    accept('one file', [file(1)], [file(1)]),
    accept('one file not in an array', file(1), [file(1)]),
    accept('unknown keys dropped', [{ ...file(1), extra: 'x' }], [file(1)]),
    reject('two files by default', files(2), "Vous ne pouvez joindre qu'un seul fichier"),
    accept('three files when maxFiles is 3', files(3), files(3), { options: { maxFiles: 3 } }),
    reject('four files when maxFiles is 3', files(4), 'Vous pouvez joindre au plus 3 fichiers (4 joints)', {
      options: { maxFiles: 3 },
    }),
    reject('maxFiles is capped at 10', files(11), 'Vous pouvez joindre au plus 10 fichiers (11 joints)', {
      options: { maxFiles: 50 },
    }),
    reject('not a file reference', [{ name: 'x.pdf' }], FILES_ERROR),
  ],
  repetition: [
    reject('mandatory and no row', [], REQUIRED, { ...mandatory, ...rep }),
    accept('optional and no row', [], null, rep),
    accept('optional and absent', undefined, null, rep),
    accept(
      'children parsed, hidden children dropped',
      [
        { rowId: 'r1', values: { nom: ' Ana ', age: '30', detail: 'majeure', remarque: 'x' } },
        { rowId: 'r2', values: { nom: 'Bo', age: '10', detail: 'ignoré' } },
      ],
      [
        { rowId: 'r1', values: { nom: 'Ana', age: 30, detail: 'majeure' } },
        { rowId: 'r2', values: { nom: 'Bo', age: 10 } },
      ],
      rep,
    ),
    accept(
      'child condition on a root field',
      [{ rowId: 'r1', values: { nom: 'Ana', remarque: ' vu ' } }],
      [{ rowId: 'r1', values: { nom: 'Ana', age: null, remarque: 'vu' } }],
      { ...rep, ctx: { rootValueOf: (id) => (id === 'root-q' ? true : undefined) } },
    ),
    accept(
      'rows given as an object keyed by row id',
      { r1: { nom: 'Ana' } },
      [{ rowId: 'r1', values: { nom: 'Ana', age: null } }],
      rep,
    ),
    reject(
      'errors name the rows',
      [
        { rowId: 'r1', values: { nom: 'Ana', age: '30', detail: 'ok' } },
        { rowId: 'r2', values: { nom: '', age: 'abc' } },
        { rowId: 'r3', values: { nom: 'Cy', age: '40' } },
      ],
      `Ligne 2 : Nom : ${REQUIRED} ; Âge : ${INTEGER_ERROR}\nLigne 3 : Détail : ${REQUIRED}`,
      rep,
    ),
    reject(
      'a child option bound',
      [{ rowId: 'r1', values: { nom: 'Ana', age: '-1' } }],
      'Ligne 1 : Âge : La valeur doit être supérieure ou égale à 0',
      rep,
    ),
    reject(
      'duplicate row ids',
      [
        { rowId: 'r1', values: {} },
        { rowId: 'r1', values: {} },
      ],
      ROWS_ERROR,
      rep,
    ),
    reject('not rows', 'abc', ROWS_ERROR, rep),
  ],
  address: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('spaces and line breaks collapsed', '  12 rue de la Paix\n75002   Paris ', '12 rue de la Paix 75002 Paris'),
    accept('optional and empty', '', null),
    reject('an object', { street: 'x' }, 'Saisissez un texte'),
  ],
  iban: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('FR with spaces', 'FR76 3000 6000 0112 3456 7890 189', 'FR7630006000011234567890189'),
    accept('FR lower case', 'fr7630006000011234567890189', 'FR7630006000011234567890189'),
    accept('DE', 'DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'),
    accept('BE', 'BE68539007547034', 'BE68539007547034'),
    accept('ES', 'ES9121000418450200051332', 'ES9121000418450200051332'),
    accept('IT', 'IT60X0542811101000000123456', 'IT60X0542811101000000123456'),
    accept('LU', 'LU280019400644750000', 'LU280019400644750000'),
    accept('MC', 'MC5811222000010123456789030', 'MC5811222000010123456789030'),
    accept('NL', 'NL91ABNA0417164300', 'NL91ABNA0417164300'),
    accept('PT', 'PT50000201231234567890154', 'PT50000201231234567890154'),
    accept('CH', 'CH9300762011623852957', 'CH9300762011623852957'),
    accept('GB', 'GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819'),
    reject('wrong check digits', 'FR7630006000011234567890188', IBAN_CHECK_ERROR),
    reject('two digits swapped', 'DE89370400440532031000', IBAN_CHECK_ERROR),
    reject('one character short', 'FR763000600001123456789018', 'Un IBAN FR doit comporter 27 caractères (26 saisis)'),
    reject('unknown country', 'XX7630006000011234567890189', "Le code pays « XX » de cet IBAN n'est pas reconnu"),
    reject('no check digits', 'FRAB30006000011234567890189', IBAN_FORMAT_ERROR),
    reject('symbols', 'FR76#3000', IBAN_FORMAT_ERROR),
  ],
  siret: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('valid, with spaces', '732 829 320 00074', '73282932000074'),
    accept('valid', '55208131766522', '55208131766522'),
    reject('wrong key', '73282932000075', SIRET_CHECK_ERROR),
    reject('13 digits', '7328293200007', SIRET_LENGTH_ERROR),
    reject('15 digits', '732829320000740', SIRET_LENGTH_ERROR),
    reject('a letter', '7328293200007A', SIRET_LENGTH_ERROR),
    accept('La Poste: digits sum to a multiple of 5 (Luhn invalid)', '35600000049837', '35600000049837'),
    accept('La Poste establishment', '35600000000001', '35600000000001'),
    reject('La Poste: sum not a multiple of 5', '35600000000002', SIRET_CHECK_ERROR),
    accept('La Poste head office keeps Luhn', '35600000000048', '35600000000048'),
  ],
  dossier_link: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('digits', '123', 123),
    accept('with #', '#123', 123),
    accept('with n°', 'n° 123', 123),
    accept('a number', 45, 45),
    reject('zero', '0', DOSSIER_LINK_ERROR),
    reject('negative', '-5', DOSSIER_LINK_ERROR),
    reject('letters', 'abc', DOSSIER_LINK_ERROR),
    reject('a decimal', 1.5, DOSSIER_LINK_ERROR),
  ],
  formatted: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('no restriction', 'A-1 b', 'A-1 b'),
    accept('letters only: accents and spaces', 'Éloïse Martin', 'Éloïse Martin', { options: { letters: true } }),
    reject('letters only: a digit', 'Dupont2', 'Les chiffres ne sont pas autorisés dans ce champ', {
      options: { letters: true },
    }),
    reject('letters only: a dash', 'Jean-Pierre', 'Les caractères spéciaux ne sont pas autorisés dans ce champ', {
      options: { letters: true },
    }),
    accept('numbers, exact length', '75002', '75002', { options: { numbers: true, minLength: 5, maxLength: 5 } }),
    reject('numbers: a letter', 'AB123', 'Les lettres ne sont pas autorisées dans ce champ', {
      options: { numbers: true },
    }),
    reject('below minLength', '7500', 'Saisissez au moins 5 caractères (actuellement 4)', {
      options: { numbers: true, minLength: 5 },
    }),
    reject('above maxLength', '750021', 'Saisissez au plus 5 caractères (actuellement 6)', {
      options: { numbers: true, maxLength: 5 },
    }),
    accept('regex matched', 'AB1234', 'AB1234', {
      options: { regex: '[A-Z]{2}\\d{4}', regexError: 'Saisissez deux majuscules puis quatre chiffres' },
    }),
    reject('regex not matched: regexError', 'ab1234', 'Saisissez deux majuscules puis quatre chiffres', {
      options: { regex: '[A-Z]{2}\\d{4}', regexError: 'Saisissez deux majuscules puis quatre chiffres' },
    }),
    reject('regex must match the whole value', 'AB12345', 'Saisissez deux majuscules puis quatre chiffres', {
      options: { regex: '[A-Z]{2}\\d{4}', regexError: 'Saisissez deux majuscules puis quatre chiffres' },
    }),
    reject('regex without message: example', 'x', "Le format attendu n'est pas respecté, par exemple AB1234", {
      options: { regex: '[A-Z]{2}\\d{4}', regexExample: 'AB1234' },
    }),
    accept('regex only valid without the unicode flag', 'A-B', 'A-B', { options: { regex: '[A-Z\\-]+' } }),
    reject('regex that does not compile', 'x', FORMAT_CONFIG_ERROR, { options: { regex: '([' } }),
  ],
  communes: [
    reject('mandatory and empty', '', REQUIRED, refsMandatory),
    accept('optional and empty', '', null, refs),
    accept('name and code, as suggested', 'Lyon (69123)', LYON, refs),
    accept('the INSEE code alone', ' 69123 ', LYON, refs),
    accept(
      'a name borne by one commune, any case and accents',
      'saint etienne',
      { code: '42218', name: 'Saint-Étienne', departement: '42' },
      refs,
    ),
    reject(
      'homonyms: the usager is asked for the code, with the départements',
      'Saint-Marcel',
      'Plusieurs communes portent ce nom, ajoutez le code : Saint-Marcel (01371) – Ain, Saint-Marcel (71445) – Saône-et-Loire',
      refs,
    ),
    accept(
      'homonym with its code',
      'Saint-Marcel (71445)',
      { code: '71445', name: 'Saint-Marcel', departement: '71' },
      refs,
    ),
    reject(
      'a name that disagrees with the code',
      'Paris (69123)',
      'Choisissez une commune de la liste (nom ou code INSEE)',
      refs,
    ),
    reject('unknown', 'Atlantide', 'Choisissez une commune de la liste (nom ou code INSEE)', refs),
    reject('no reference list at hand', 'Lyon', REFERENTIAL_UNAVAILABLE),
  ],
  departements: [
    reject('mandatory and empty', '', REQUIRED, refsMandatory),
    accept('the code picked in the list', '69', { code: '69', name: 'Rhône' }, refs),
    accept('Corsica, lower case', '2a', { code: '2A', name: 'Corse-du-Sud' }, refs),
    accept('code and name', '69 – Rhône', { code: '69', name: 'Rhône' }, refs),
    accept('the name', 'rhone', { code: '69', name: 'Rhône' }, refs),
    reject('unknown code', '99', 'Choisissez un département de la liste', refs),
  ],
  regions: [
    reject('mandatory and empty', '', REQUIRED, refsMandatory),
    accept('the code', '84', { code: '84', name: 'Auvergne-Rhône-Alpes' }, refs),
    accept('the name', 'Ile-de-France', { code: '11', name: 'Île-de-France' }, refs),
    reject('unknown', 'Bourgogne', 'Choisissez une région de la liste', refs),
  ],
  epci: [
    reject('mandatory and empty', '', REQUIRED, refsMandatory),
    accept('name and SIREN', 'Métropole de Lyon (200046977)', { code: '200046977', name: 'Métropole de Lyon' }, refs),
    accept('the SIREN', '200046977', { code: '200046977', name: 'Métropole de Lyon' }, refs),
    reject('unknown', 'CC des Nuages', 'Choisissez un EPCI de la liste (nom ou numéro SIREN)', refs),
  ],
  pays: [
    reject('mandatory and empty', '', REQUIRED, refsMandatory),
    accept('the ISO code picked in the list', 'DE', { code: 'DE', name: 'Allemagne' }, refs),
    accept('the French name', 'france', { code: 'FR', name: 'France' }, refs),
    reject('unknown', 'Syldavie', 'Choisissez un pays de la liste', refs),
    reject('not text', true, 'Choisissez un pays de la liste', refs),
  ],
  rna: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('W and 9 digits', 'W751234567', 'W751234567'),
    accept('lower case and spaces', ' w 751 234 567 ', 'W751234567'),
    reject('8 digits', 'W75123456', RNA_ERROR),
    reject('no W', '751234567', RNA_ERROR),
  ],
  numero_fiscal: [
    reject('mandatory and empty', '', REQUIRED, mandatory),
    accept('13 digits with a good key', '3023217600053', '3023217600053'),
    accept('with spaces', '30 23 217 600 053', '3023217600053'),
    reject('wrong key', '3023217600054', NUMERO_FISCAL_CHECK_ERROR),
    reject('12 digits', '302321760005', NUMERO_FISCAL_LENGTH_ERROR),
    reject('starts with 9', '9701987765432', NUMERO_FISCAL_LENGTH_ERROR),
  ],
};

describe('parse tables', () => {
  for (const [type, rows] of Object.entries(PARSE_TABLES) as [FieldType, Row[]][]) {
    describe(type, () => {
      test('has at least 4 rows, with a mandatory-empty, a valid and an invalid one', () => {
        assert.ok(rows.length >= 4);
        assert.ok(
          rows.some(
            (r) => r.mandatory && !r.expect.ok && (r.expect.error === REQUIRED || r.expect.error === CHECKBOX_REQUIRED),
          ),
        );
        assert.ok(rows.some((r) => r.expect.ok && r.expect.value !== null));
        assert.ok(rows.some((r) => !r.expect.ok && !r.mandatory));
      });
      for (const row of rows) {
        test(row.name, () => {
          const def = fieldDef(type, row);
          const result = fieldTypes[type].parse(def, row.raw, row.ctx);
          assert.deepEqual(result, row.expect);
        });
      }
    });
  }
});

test('every fillable type has a parse table', () => {
  const fillable = FIELD_TYPES.filter((t) => fieldTypes[t].fillable);
  assert.deepEqual(Object.keys(PARSE_TABLES).sort(), [...fillable].sort());
});

describe('stored values parse to themselves (a stored value is a valid input)', () => {
  for (const [type, rows] of Object.entries(PARSE_TABLES) as [FieldType, Row[]][]) {
    test(type, () => {
      for (const row of rows) {
        if (!row.expect.ok || row.expect.value === null) continue;
        const def = fieldDef(type, row);
        assert.deepEqual(fieldTypes[type].parse(def, row.expect.value, row.ctx), row.expect, row.name);
      }
    });
  }
});

describe('non-fillable types', () => {
  for (const type of ['header_section', 'explication'] as const) {
    test(type, () => {
      const m = fieldTypes[type];
      assert.equal(m.fillable, false);
      assert.equal(m.columnKind, 'none');
      assert.deepEqual(m.filterOperators, []);
      assert.deepEqual(m.parse(fieldDef(type, mandatory), 'texte'), { ok: true, value: null });
      assert.deepEqual(m.parse(fieldDef(type), undefined), { ok: true, value: null });
      assert.equal(m.display(fieldDef(type), 'x'), '');
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Metadata

const TEXT = ['contains', 'eq', 'empty', 'not_empty'];
const NUMBER = ['eq', 'lt', 'gt', 'between', 'empty', 'not_empty'];
const DATE = ['on', 'before', 'after', 'between', 'this_week', 'this_month', 'this_year', 'empty', 'not_empty'];
const ENUM = ['in', 'empty', 'not_empty'];
const METADATA: [FieldType, string, string[]][] = [
  ['header_section', 'none', []],
  ['explication', 'none', []],
  ['text', 'text', TEXT],
  ['textarea', 'text', TEXT],
  ['email', 'text', TEXT],
  ['phone', 'text', TEXT],
  ['address', 'text', TEXT],
  ['iban', 'text', TEXT],
  ['siret', 'text', TEXT],
  ['formatted', 'text', TEXT],
  ['linked_drop_down_list', 'text', TEXT],
  ['integer_number', 'integer', NUMBER],
  ['decimal_number', 'decimal', NUMBER],
  ['date', 'date', DATE],
  ['datetime', 'datetime', DATE],
  ['checkbox', 'boolean', ['is_true', 'is_false']],
  ['yes_no', 'boolean', ['is_true', 'is_false', 'empty']],
  ['civilite', 'enum', ENUM],
  ['drop_down_list', 'enum', ENUM],
  ['multiple_drop_down_list', 'enums', ENUM],
  ['piece_justificative', 'none', ['empty', 'not_empty']],
  ['repetition', 'none', []],
  ['dossier_link', 'integer', ['eq', 'empty', 'not_empty']],
  ['communes', 'text', TEXT],
  ['departements', 'text', TEXT],
  ['regions', 'text', TEXT],
  ['epci', 'text', TEXT],
  ['pays', 'text', TEXT],
  ['rna', 'text', TEXT],
  ['numero_fiscal', 'text', TEXT],
];

describe('column kind and filter operators', () => {
  test('every type is listed once', () => {
    assert.deepEqual(METADATA.map(([t]) => t).sort(), [...FIELD_TYPES].sort());
  });
  for (const [type, kind, operators] of METADATA) {
    test(type, () => {
      const m = getFieldType(type);
      assert.equal(m.type, type);
      assert.equal(m.columnKind, kind);
      assert.deepEqual(m.filterOperators, operators);
      assert.ok(m.label.length > 0);
    });
  }
  test('getFieldType rejects an unknown type', () => {
    assert.throws(() => getFieldType('carte'), /Type de champ inconnu : carte/);
    assert.throws(() => getFieldType('toString'), /Type de champ inconnu/);
  });
});

// ---------------------------------------------------------------------------------------------
// Display, search text, emptiness

const REPETITION_VALUE: FieldValue = [
  { rowId: 'r1', values: { nom: 'Ana', age: 30, detail: 'majeure' } },
  { rowId: 'r2', values: { nom: 'Bo', age: null } },
];

const DISPLAY: [FieldType, Setup, FieldValue | null, string, string][] = [
  // type, setup, stored value, display, search text
  ['text', {}, 'Jean', 'Jean', 'Jean'],
  ['textarea', {}, 'a\nb', 'a\nb', 'a b'],
  ['textarea', {}, 'a  b', 'a  b', 'a b'],
  ['textarea', {}, 'un texte sans rien à réduire', 'un texte sans rien à réduire', 'un texte sans rien à réduire'],
  ['email', {}, 'nom@exemple.fr', 'nom@exemple.fr', 'nom@exemple.fr'],
  ['phone', {}, '+33123456789', '01 23 45 67 89', '01 23 45 67 89 0123456789 +33123456789'],
  ['phone', {}, '+262692123456', '0692 12 34 56', '0692 12 34 56 0692123456 +262692123456'],
  ['phone', {}, '+442079460958', '+44 20 7946 0958', '+44 20 7946 0958 442079460958 +442079460958'],
  ['phone', {}, '+687281234', '+687 28 12 34', '+687 28 12 34 687281234 +687281234'],
  // stored before E.164: shown and found the same way
  ['phone', {}, '01 23 45 67 89', '01 23 45 67 89', '01 23 45 67 89 0123456789 +33123456789'],
  ['phone', {}, '+1 202 555 0143', '+1 202 555 0143', '+1 202 555 0143 12025550143 +12025550143'],
  // unreadable: as stored
  ['phone', {}, 'inconnu', 'inconnu', 'inconnu'],
  ['integer_number', {}, 1000, '1000', '1000'],
  ['decimal_number', {}, 3.5, '3,5', '3.5 3,5'],
  ['decimal_number', {}, 4, '4', '4'],
  ['date', {}, '2026-11-28', '28/11/2026', '28/11/2026'],
  ['datetime', {}, '2026-11-28T14:05', '28/11/2026 à 14:05', '28/11/2026 à 14:05'],
  ['checkbox', {}, true, 'Oui', ''],
  ['checkbox', {}, false, 'Non', ''],
  ['yes_no', {}, false, 'Non', ''],
  ['civilite', {}, 'Mme', 'Mme', 'Mme'],
  ['drop_down_list', { options: CITIES }, 'Lyon', 'Lyon', 'Lyon'],
  ['multiple_drop_down_list', { options: CITIES }, ['Paris', 'Lyon'], 'Paris, Lyon', 'Paris, Lyon'],
  [
    'linked_drop_down_list',
    { options: LINKED },
    { primary: 'France', secondary: 'Lyon' },
    'France / Lyon',
    'France / Lyon',
  ],
  ['linked_drop_down_list', { options: LINKED }, { primary: 'Monaco', secondary: '' }, 'Monaco', 'Monaco'],
  ['piece_justificative', {}, files(2), 'piece-1.pdf, piece-2.pdf', 'piece-1.pdf piece-2.pdf'],
  [
    'repetition',
    rep,
    REPETITION_VALUE,
    'Ligne 1 : Nom : Ana, Âge : 30, Détail : majeure\nLigne 2 : Nom : Bo',
    'Ana 30 majeure Bo',
  ],
  ['address', {}, '12 rue de la Paix 75002 Paris', '12 rue de la Paix 75002 Paris', '12 rue de la Paix 75002 Paris'],
  ['iban', {}, 'FR7630006000011234567890189', 'FR76 3000 6000 0112 3456 7890 189', 'FR7630006000011234567890189'],
  ['siret', {}, '73282932000074', '732 829 320 00074', '73282932000074'],
  ['dossier_link', {}, 123, '123', '123'],
  ['formatted', {}, 'AB1234', 'AB1234', 'AB1234'],
  ['communes', {}, LYON, 'Lyon (69123)', 'Lyon 69123'],
  ['departements', {}, { code: '69', name: 'Rhône' }, '69 – Rhône', 'Rhône 69'],
  ['regions', {}, { code: '84', name: 'Auvergne-Rhône-Alpes' }, 'Auvergne-Rhône-Alpes', 'Auvergne-Rhône-Alpes 84'],
  [
    'epci',
    {},
    { code: '200046977', name: 'Métropole de Lyon' },
    'Métropole de Lyon (200046977)',
    'Métropole de Lyon 200046977',
  ],
  ['pays', {}, { code: 'FR', name: 'France' }, 'France', 'France FR'],
  ['rna', {}, 'W751234567', 'W751234567', 'W751234567'],
  ['numero_fiscal', {}, '3023217600053', '30 23 217 600 053', '3023217600053'],
];

describe('display and search text', () => {
  for (const [type, setup, value, shown, words] of DISPLAY) {
    test(`${type}: ${JSON.stringify(value)}`, () => {
      const def = fieldDef(type, setup);
      assert.equal(fieldTypes[type].display(def, value), shown);
      assert.equal(fieldTypes[type].searchText(def, value), words);
      assert.equal(displayValue(def, { value, updatedAt: '2026-01-01T00:00:00.000Z' }), shown);
      assert.equal(displayValue(def, value), shown);
    });
  }
  test('every type displays an empty value as an empty string', () => {
    for (const type of FIELD_TYPES) {
      for (const empty of [null, undefined]) {
        assert.equal(fieldTypes[type].display(fieldDef(type), empty), '', type);
        assert.equal(fieldTypes[type].searchText(fieldDef(type), empty), '', type);
        assert.equal(displayValue(fieldDef(type), empty), '', type);
      }
    }
  });
  test('formatIban groups by 4', () => {
    assert.equal(formatIban('BE68539007547034'), 'BE68 5390 0754 7034');
  });
});

describe('isEmpty', () => {
  test('null, undefined, empty string, whitespace and [] are empty for every type', () => {
    for (const type of FIELD_TYPES) {
      for (const empty of [null, undefined, '', '  ', []] as (FieldValue | null | undefined)[]) {
        assert.equal(fieldTypes[type].isEmpty(empty), true, `${type} ${JSON.stringify(empty)}`);
      }
    }
  });
  const FILLED: [FieldType, FieldValue][] = [
    ['text', 'a'],
    ['integer_number', 0],
    ['decimal_number', 0],
    ['checkbox', false],
    ['yes_no', false],
    ['multiple_drop_down_list', ['a']],
    ['piece_justificative', [file(1)]],
    ['repetition', REPETITION_VALUE],
    ['linked_drop_down_list', { primary: 'Monaco', secondary: '' }],
    ['date', '2026-01-01'],
  ];
  for (const [type, value] of FILLED) {
    test(`${type} ${JSON.stringify(value)} is not empty`, () => {
      assert.equal(fieldTypes[type].isEmpty(value), false);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Checksums

describe('checksums', () => {
  const SIRETS: [string, boolean][] = [
    ['73282932000074', true],
    ['55208131766522', true],
    ['44306184100047', true],
    ['73282932000075', false],
    ['12345678901234', false],
    ['35600000049837', true],
    ['35600000000001', true],
    ['35600000000002', false],
    ['35600000000048', true],
  ];
  for (const [siret, valid] of SIRETS) {
    test(`SIRET ${siret} ${valid ? 'valid' : 'invalid'}`, () => assert.equal(siretChecksumOk(siret), valid));
  }
  test('Luhn', () => {
    assert.equal(luhnOk('79927398713'), true);
    assert.equal(luhnOk('79927398710'), false);
    assert.equal(luhnOk('35600000049837'), false); // accepted only through the La Poste rule
  });
  test('IBAN mod 97', () => {
    assert.equal(ibanChecksumOk('FR7630006000011234567890189'), true);
    assert.equal(ibanChecksumOk('FR7630006000011234567890198'), false);
    assert.equal(ibanChecksumOk('GB82WEST12345698765432'), true);
  });
  const NUMEROS_FISCAUX: [string, boolean][] = [
    ['3023217600053', true],
    ['0000000000000', true],
    ['3023217600054', false],
    ['4023217600053', false],
    ['302321760005', false],
  ];
  for (const [numero, valid] of NUMEROS_FISCAUX) {
    test(`numéro fiscal ${numero} ${valid ? 'valid' : 'invalid'}`, () =>
      assert.equal(numeroFiscalKeyOk(numero), valid));
  }
});

// ---------------------------------------------------------------------------------------------
// The whole form

const NOW = '2026-06-15T10:00:00.000Z';
const EARLIER = '2026-06-01T08:00:00.000Z';

const FORM: FieldDef[] = [
  fieldDef('header_section', {}, 'titre', 'Identité'),
  fieldDef('yes_no', mandatory, 'q', 'Avez-vous un conjoint ?'),
  { ...fieldDef('text', mandatory, 'conjoint', 'Nom du conjoint'), condition: { op: 'eq', field: 'q', value: true } },
  fieldDef('integer_number', {}, 'age', 'Âge'),
  {
    ...fieldDef('checkbox', {}, 'majeur', 'Je certifie être majeur'),
    condition: { op: 'gte', field: 'age', value: 18 },
  },
  fieldDef('date', { options: { pastOnly: true } }, 'naissance', 'Date de naissance'),
  fieldDef(
    'repetition',
    {
      children: [
        fieldDef('text', mandatory, 'enfant', 'Prénom'),
        {
          ...fieldDef('text', {}, 'enfant-conjoint', 'Enfant du conjoint'),
          condition: { op: 'eq', field: 'q', value: true },
        },
      ],
    },
    'enfants',
    'Enfants',
  ),
];

describe('parseChamps', () => {
  test('validates visible fields, clears hidden ones, skips non-fillable ones', () => {
    const { champs, errors } = parseChamps(
      FORM,
      { q: 'false', conjoint: 'Alex', age: '30', majeur: 'on' },
      { now: NOW },
    );
    assert.deepEqual(errors, {});
    assert.deepEqual(champs, {
      q: { value: false, updatedAt: NOW },
      age: { value: 30, updatedAt: NOW },
      majeur: { value: true, updatedAt: NOW },
      naissance: { value: null, updatedAt: NOW },
      enfants: { value: null, updatedAt: NOW },
    });
  });

  test('a visible mandatory field is required', () => {
    const { champs, errors } = parseChamps(FORM, { q: 'true', conjoint: ' ' }, { now: NOW });
    assert.deepEqual(errors, { conjoint: REQUIRED });
    assert.equal(champs.conjoint, undefined);
    assert.deepEqual(champs.q, { value: true, updatedAt: NOW });
  });

  test('an invalid source counts as blank for conditions', () => {
    const { champs, errors } = parseChamps(
      FORM,
      { q: 'true', conjoint: 'Alex', age: 'trente', majeur: 'on' },
      { now: NOW },
    );
    assert.deepEqual(errors, { age: INTEGER_ERROR });
    assert.equal('majeur' in champs, false);
  });

  test('unchanged values keep their updatedAt, changed ones get now', () => {
    const previous: ChampsMap = {
      q: { value: true, updatedAt: EARLIER },
      conjoint: { value: 'Alex', updatedAt: EARLIER },
      age: { value: 30, updatedAt: EARLIER },
      enfants: { value: [{ rowId: 'r1', values: { enfant: 'Lou', 'enfant-conjoint': 'oui' } }], updatedAt: EARLIER },
    };
    const { champs } = parseChamps(
      FORM,
      {
        q: 'true',
        conjoint: ' Alex ',
        age: '31',
        enfants: [{ rowId: 'r1', values: { 'enfant-conjoint': 'oui', enfant: 'Lou' } }],
      },
      { now: NOW, previous },
    );
    assert.deepEqual(champs.q, { value: true, updatedAt: EARLIER });
    assert.deepEqual(champs.conjoint, { value: 'Alex', updatedAt: EARLIER });
    assert.deepEqual(champs.age, { value: 31, updatedAt: NOW });
    assert.equal(champs.enfants.updatedAt, EARLIER, 'same rows in another key order');
  });

  test('an invalid input keeps the previous stored champ and reports the error', () => {
    const previous: ChampsMap = { age: { value: 30, updatedAt: EARLIER } };
    const { champs, errors } = parseChamps(FORM, { q: 'false', age: '1,5' }, { now: NOW, previous });
    assert.deepEqual(champs.age, { value: 30, updatedAt: EARLIER });
    assert.equal(errors.age, INTEGER_ERROR);
  });

  test('a field that becomes hidden is cleared even if it had a value', () => {
    const previous: ChampsMap = {
      q: { value: true, updatedAt: EARLIER },
      conjoint: { value: 'Alex', updatedAt: EARLIER },
    };
    const { champs } = parseChamps(FORM, { q: 'false', conjoint: 'Alex' }, { now: NOW, previous });
    assert.equal('conjoint' in champs, false);
    assert.deepEqual(champs.q, { value: false, updatedAt: NOW });
  });

  test('repetition: child errors by row and by public id; child conditions read root values', () => {
    const { champs, errors } = parseChamps(
      FORM,
      {
        q: 'false',
        enfants: [
          { rowId: 'r1', values: { enfant: 'Lou', 'enfant-conjoint': 'x' } },
          { rowId: 'r2', values: { enfant: '' } },
        ],
      },
      { now: NOW },
    );
    assert.deepEqual(errors, { enfants: `Ligne 2 : Prénom : ${REQUIRED}`, 'enfant-r2': REQUIRED });
    assert.equal(champs.enfants, undefined);
    const second = parseChamps(
      FORM,
      {
        q: 'true',
        conjoint: 'Alex',
        enfants: [{ rowId: 'r1', values: { enfant: 'Lou', 'enfant-conjoint': 'x' } }],
      },
      { now: NOW },
    );
    assert.deepEqual(second.champs.enfants.value, [{ rowId: 'r1', values: { enfant: 'Lou', 'enfant-conjoint': 'x' } }]);
    const third = parseChamps(
      FORM,
      {
        q: 'false',
        enfants: [{ rowId: 'r1', values: { enfant: 'Lou', 'enfant-conjoint': 'x' } }],
      },
      { now: NOW },
    );
    assert.deepEqual(third.champs.enfants.value, [{ rowId: 'r1', values: { enfant: 'Lou' } }]);
  });

  test('pastOnly uses today, by default the date of now', () => {
    const late = parseChamps(FORM, { q: 'false', naissance: '2026-06-16' }, { now: NOW });
    assert.equal(late.errors.naissance, 'La date ne peut pas être dans le futur');
    const withToday = parseChamps(FORM, { q: 'false', naissance: '2026-06-16' }, { now: NOW, today: '2026-06-16' });
    assert.deepEqual(withToday.errors, {});
    assert.deepEqual(withToday.champs.naissance, { value: '2026-06-16', updatedAt: NOW });
  });
});

describe('form helpers', () => {
  test('searchTextOf joins the search text of filled champs', () => {
    const champs: ChampsMap = {
      q: { value: true, updatedAt: NOW },
      conjoint: { value: 'Alex Martin', updatedAt: NOW },
      age: { value: 42, updatedAt: NOW },
      naissance: { value: null, updatedAt: NOW },
      enfants: { value: [{ rowId: 'r1', values: { enfant: 'Lou' } }], updatedAt: NOW },
    };
    assert.equal(searchTextOf(FORM, champs), 'Alex Martin 42 Lou');
  });

  test('flattenFields lists root fields only', () => {
    assert.deepEqual(
      flattenFields(FORM).map((f) => f.stableId),
      ['titre', 'q', 'conjoint', 'age', 'majeur', 'naissance', 'enfants'],
    );
  });

  test('allFields lists children after their block, with their parent id', () => {
    assert.deepEqual(
      allFields(FORM).map((f) => [f.stableId, f.parentStableId]),
      [
        ['titre', null],
        ['q', null],
        ['conjoint', null],
        ['age', null],
        ['majeur', null],
        ['naissance', null],
        ['enfants', null],
        ['enfant', 'enfants'],
        ['enfant-conjoint', 'enfants'],
      ],
    );
  });
});
