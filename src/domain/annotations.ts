/**
 * Mandatory private annotations (docs/domain.md §12): a decision needs every visible mandatory
 * annotation filled (§2.2); the decision page names the empty ones before anything is typed.
 */
import { visibleFields } from './conditions.ts';
import { getFieldType } from './fields/index.ts';
import type { ChampsMap, FieldDef } from './fields/types.ts';

/** The visible mandatory annotations still empty, in form order. */
export function emptyMandatoryAnnotations(defs: FieldDef[], values: ChampsMap): FieldDef[] {
  return visibleFields(defs, values).filter(
    (def) =>
      def.mandatory && getFieldType(def.type).fillable && getFieldType(def.type).isEmpty(values[def.stableId]?.value),
  );
}
