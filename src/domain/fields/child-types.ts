// The field types a repetition's rows may use: every type but the repetition itself (repetitions
// do not nest). The catalogue (index.ts) adds the repetition to these.
import type { FieldType, FieldTypeModule } from './types.ts';
import { address } from './address.ts';
import { checkbox } from './checkbox.ts';
import { civilite } from './civilite.ts';
import { date } from './date.ts';
import { datetime } from './datetime.ts';
import { decimalNumber } from './decimal-number.ts';
import { dossierLink } from './dossier-link.ts';
import { dropDownList } from './drop-down-list.ts';
import { email } from './email.ts';
import { explication } from './explication.ts';
import { formatted } from './formatted.ts';
import { headerSection } from './header-section.ts';
import { iban } from './iban.ts';
import { integerNumber } from './integer-number.ts';
import { linkedDropDownList } from './linked-drop-down-list.ts';
import { multipleDropDownList } from './multiple-drop-down-list.ts';
import { pieceJustificative } from './piece-justificative.ts';
import { phone } from './phone.ts';
import { siret } from './siret.ts';
import { text } from './text.ts';
import { textarea } from './textarea.ts';
import { yesNo } from './yes-no.ts';
import { commune } from './commune.ts';
import { departement } from './departement.ts';
import { region } from './region.ts';
import { epci } from './epci.ts';
import { pays } from './pays.ts';
import { rna } from './rna.ts';
import { numeroFiscal } from './numero-fiscal.ts';

export const CHILD_TYPES: Record<Exclude<FieldType, 'repetition'>, FieldTypeModule> = {
  header_section: headerSection,
  explication,
  text,
  textarea,
  email,
  phone,
  integer_number: integerNumber,
  decimal_number: decimalNumber,
  date,
  datetime,
  checkbox,
  yes_no: yesNo,
  civilite,
  drop_down_list: dropDownList,
  multiple_drop_down_list: multipleDropDownList,
  linked_drop_down_list: linkedDropDownList,
  piece_justificative: pieceJustificative,
  address,
  iban,
  siret,
  dossier_link: dossierLink,
  formatted,
  communes: commune,
  departements: departement,
  regions: region,
  epci,
  pays,
  rna,
  numero_fiscal: numeroFiscal,
};
