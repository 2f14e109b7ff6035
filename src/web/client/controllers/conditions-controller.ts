// Conditional fields shown and hidden as one types (docs/interface.md §7): the form's values are read
// as the server reads them and the conditions evaluated by the same code (src/web/forms/
// live-conditions.ts over the domain's conditions), for the root fields and for each repetition
// row's children. The server renders the same visibility on every page load, so the form is right
// without JavaScript too; nothing is saved here.
import { Controller } from '@hotwired/stimulus';
import type { FieldDef } from '../../../domain/fields/types.ts';
import { fieldName, readRawValue, rowKey, visibilityOf, type FormReader } from '../../forms/live-conditions.ts';

export default class extends Controller<HTMLFormElement> {
  static values = { defs: Array };
  declare defsValue: FieldDef[];

  connect(): void {
    this.update();
  }

  update(): void {
    const data = new FormData(this.element);
    const texts = (name: string) => data.getAll(name).filter((v): v is string => typeof v === 'string');
    const reader: FormReader = { one: (name) => texts(name)[0] ?? '', all: texts };
    const values: Record<string, unknown> = {};
    for (const def of this.defsValue) values[def.stableId] = readRawValue(def, reader, fieldName(def.stableId));
    const vis = visibilityOf(this.defsValue, values);
    for (const el of this.element.querySelectorAll<HTMLElement>('[data-condition-key]')) {
      const [field, row, child] = (el.dataset.conditionKey ?? '').split('/');
      const shown = child === undefined ? vis.root.has(field) : vis.rows.get(rowKey(field, row))?.has(child) !== false;
      if (el.hidden === shown) el.hidden = !shown;
    }
  }
}
