// The DSFR form groups of src/web/views/form.tsx: label, hint, control and error message wired for
// assistive technologies (the error state on the group and the control, aria-describedby naming the
// hint and the message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsx } from 'hono/jsx';
import { Input, Select, Upload } from '../../src/web/views/form.tsx';

const html = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
const describedBy = (s: string, tag: string) => s.match(new RegExp(`<${tag}[^>]*aria-describedby="([^"]*)"`))?.[1];

const cases: {
  name: string;
  render: (error?: string) => unknown;
  group: string;
  control: string;
  controlError: string | null;
}[] = [
  {
    name: 'Input',
    render: (error) =>
      jsx(Input, { name: 'emails', id: 'x', label: 'Adresses', hint: 'Séparées par des virgules.', error }),
    group: 'fr-input-group',
    control: 'input',
    controlError: 'fr-input--error',
  },
  {
    name: 'Input (textarea)',
    render: (error) => jsx(Input, { name: 'corps', id: 'x', label: 'Corps', hint: 'Texte.', error, textarea: true }),
    group: 'fr-input-group',
    control: 'textarea',
    controlError: 'fr-input--error',
  },
  {
    name: 'Select',
    render: (error) =>
      jsx(
        Select,
        { name: 'op', id: 'x', label: 'Opérateur', hint: 'Choisissez.', error },
        jsx('option', { value: 'eq' }, 'est égal à'),
      ),
    group: 'fr-select-group',
    control: 'select',
    controlError: 'fr-select--error',
  },
  {
    name: 'Upload',
    render: (error) => jsx(Upload, { name: 'logo', id: 'x', label: 'Logo', hint: 'PNG, 500 Ko au plus.', error }),
    group: 'fr-upload-group',
    control: 'input',
    controlError: null,
  },
];

for (const c of cases) {
  test(`${c.name}: without an error, the control is described by its hint only`, async () => {
    const s = await html(c.render());
    assert.match(s, new RegExp(`^<div class="${c.group}">`));
    assert.match(s, /<label class="fr-label" for="x">/);
    assert.match(s, /<span class="fr-hint-text" id="x-hint">/);
    assert.equal(describedBy(s, c.control), 'x-hint');
    assert.doesNotMatch(s, /--error|fr-error-text|aria-invalid/);
  });

  test(`${c.name}: with an error, the group is in error and the control is described by the message`, async () => {
    const s = await html(c.render('Ce champ est mal rempli.'));
    assert.match(s, new RegExp(`^<div class="${c.group} ${c.group}--error">`));
    assert.match(s, /<p class="fr-error-text" id="x-error">Ce champ est mal rempli\.<\/p>/);
    assert.equal(describedBy(s, c.control), 'x-hint x-error');
    assert.match(s, new RegExp(`<${c.control}[^>]*aria-invalid="true"`));
    if (c.controlError) assert.match(s, new RegExp(`<${c.control}[^>]*class="[^"]*${c.controlError}`));
  });
}

test('the extra classes of a group follow the DSFR one (a grid column, a fieldset element)', async () => {
  const s = await html(jsx(Select, { name: 'op', label: 'Opérateur', class: 'fr-col-12 fr-col-md-3' }));
  assert.match(s, /^<div class="fr-select-group fr-col-12 fr-col-md-3">/);
  assert.match(s, /<select class="fr-select" id="input-op" name="op">/);
});
