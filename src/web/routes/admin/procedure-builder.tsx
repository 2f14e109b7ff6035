// The form builder of a procedure's draft: champs (/champs) and annotations privées (/annotations),
// one command per action (docs/interface.md §A). Every action is a plain form; the field order may
// also be sent as JSON by drag and drop. A stale page is answered with the conflict message.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { DomainError } from '../../../domain/errors.ts';
import { notFound } from '../../../domain/errors.ts';
import type { FieldDef } from '../../../domain/fields/types.ts';
import {
  conditionCandidates,
  findField,
  formErrors,
  inputFromField,
  type FieldInput,
} from '../../../domain/procedure-builder.ts';
import { addField } from '../../../features/procedures/add-field.ts';
import { duplicateField } from '../../../features/procedures/duplicate-field.ts';
import { moveField } from '../../../features/procedures/move-field.ts';
import { removeField } from '../../../features/procedures/remove-field.ts';
import { updateField } from '../../../features/procedures/update-field.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { BuilderView, CONDITION_ROWS, FieldEditorView, SEGMENT, type BuilderList } from '../../views/admin/builder.tsx';
import { adminHref } from '../../views/admin/procedure.tsx';
import { adminProcedure } from './procedure-dashboard.tsx';

export const adminProcedureBuilderRoutes = new Hono<Env>();

const LISTS: [string, BuilderList][] = [
  ['champs', 'fields'],
  ['annotations', 'annotations'],
];

async function draftOf(c: Context<Env>, id: string, list: BuilderList) {
  const p = await adminProcedure(c, id);
  const defs = list === 'fields' ? p.draft_fields : p.draft_annotations;
  return { p, defs, lockVersion: p.draft_lock_version ?? 0 };
}

const EMPTY: FieldInput = {
  type: 'text',
  label: '',
  description: '',
  mandatory: true,
  choices: '',
  other: false,
  min: '',
  max: '',
  positive: false,
  pastOnly: false,
  characterLimit: '',
  maxFiles: '',
  level: '',
  collapsible: false,
  regex: '',
  regexExample: '',
  regexError: '',
  minLength: '',
  maxLength: '',
  letters: true,
  numbers: true,
  specialChars: true,
  logic: 'and',
  conditions: [],
};

const conditionFields = Object.fromEntries(
  Array.from({ length: CONDITION_ROWS }, (_, i) => [
    [`cond_field_${i}`, field.text()],
    [`cond_op_${i}`, field.text()],
    [`cond_value_${i}`, field.text()],
  ]).flat(),
) as Record<string, ReturnType<typeof field.text>>;

const FieldForm = z.object({
  type: field.text(),
  label: field.text(),
  description: field.text(),
  mandatory: field.flag(),
  choices: field.text(),
  other: field.flag(),
  min: field.text(),
  max: field.text(),
  positive: field.flag(),
  pastOnly: field.flag(),
  characterLimit: field.text(),
  maxFiles: field.text(),
  level: field.text(),
  collapsible: field.flag(),
  regex: field.text(),
  regexExample: field.text(),
  regexError: field.text(),
  minLength: field.text(),
  maxLength: field.text(),
  letters: field.flag(),
  numbers: field.flag(),
  specialChars: field.flag(),
  logic: field.oneOf(['and', 'or'], 'and'),
  parentId: field.text(),
  lockVersion: field.lockVersion(),
  ...conditionFields,
});

function inputOf(f: z.output<typeof FieldForm>): FieldInput {
  const raw = f as unknown as Record<string, string>;
  const conditions = Array.from({ length: CONDITION_ROWS }, (_, i) => ({
    field: raw[`cond_field_${i}`] ?? '',
    op: raw[`cond_op_${i}`] ?? '',
    value: raw[`cond_value_${i}`] ?? '',
  })).filter((r) => r.field !== '');
  const { parentId: _p, lockVersion: _l, ...rest } = f;
  for (let i = 0; i < CONDITION_ROWS; i++)
    for (const k of [`cond_field_${i}`, `cond_op_${i}`, `cond_value_${i}`]) delete (rest as Record<string, unknown>)[k];
  return { ...(rest as unknown as FieldInput), conditions };
}

for (const [segment, list] of LISTS) {
  const path = `/procedures/:id{[0-9]+}/${segment}`;
  const back = (id: string) => adminHref(id, segment);

  const listPage = async (c: Context<Env>, id: string) => {
    const { p, defs, lockVersion } = await draftOf(c, id, list);
    return page(
      c,
      { title: `${list === 'fields' ? 'Formulaire' : 'Annotations privées'} — ${p.title}`, nav: 'admin' },
      <BuilderView
        p={p}
        list={list}
        defs={defs}
        lockVersion={lockVersion}
        errors={formErrors(defs, list === 'fields' ? 'formulaire' : 'annotations')}
        csrf={c.get('csrfToken')}
      />,
    );
  };

  const editorPage = async (
    c: Context<Env>,
    id: string,
    stableId: string | null,
    parentId: string | null,
    input?: FieldInput,
    error?: DomainError,
  ) => {
    const { p, defs, lockVersion } = await draftOf(c, id, list);
    const found = stableId ? findField(defs, stableId) : null;
    if (stableId && !found) throw notFound('Champ introuvable.');
    const parentKey = found ? found.parentId : parentId;
    const parent: FieldDef | null = parentKey ? (findField(defs, parentKey)?.def ?? null) : null;
    if (parentKey && parent?.type !== 'repetition') throw notFound('Bloc répétable introuvable.');
    let shown = input ?? (found ? inputFromField(found.def) : { ...EMPTY });
    const type = c.req.query('type');
    if (!input && type) shown = { ...shown, type };
    const errors = error ? (error.code === 'conflict' || !error.fields ? { _: error.message } : error.fields) : null;
    return page(
      c,
      { title: `${stableId ? 'Modifier' : 'Ajouter'} un champ — ${p.title}`, nav: 'admin' },
      <FieldEditorView
        p={p}
        list={list}
        stableId={stableId}
        parent={parent}
        input={shown}
        candidates={conditionCandidates(defs, stableId, parent?.stableId ?? null)}
        errors={errors}
        lockVersion={error?.code === 'conflict' ? lockVersion : lockVersion}
        csrf={c.get('csrfToken')}
      />,
      error ? (error.code === 'conflict' ? 409 : 422) : 200,
    );
  };

  adminProcedureBuilderRoutes.get(path, (c) => listPage(c, c.req.param('id')!));

  adminProcedureBuilderRoutes.get(`${path}/nouveau`, (c) =>
    editorPage(c, c.req.param('id')!, null, c.req.query('parent') || null),
  );

  adminProcedureBuilderRoutes.get(`${path}/:sid{[A-Za-z0-9_-]{1,40}}`, (c) =>
    editorPage(c, c.req.param('id')!, c.req.param('sid')!, null),
  );

  adminProcedureBuilderRoutes.post(path, async (c) => {
    const id = c.req.param('id')!;
    await adminProcedure(c, id);
    const f = await readForm(c, FieldForm);
    const input = inputOf(f);
    return runCommand(
      c,
      addField,
      { procedureId: id, list, parentId: f.parentId || null, field: input, lockVersion: f.lockVersion },
      {
        refused: (e) => editorPage(c, id, null, f.parentId || null, input, e),
        done: (r) =>
          redirectWithFlash(c, `${back(id)}#champ-${r.stableId}`, {
            kind: 'success',
            message: `Le champ « ${input.label.trim()} » a été ajouté.`,
          }),
      },
    );
  });

  adminProcedureBuilderRoutes.post(`${path}/ordre`, async (c) => {
    const id = c.req.param('id')!;
    await adminProcedure(c, id);
    const body = (await c.req.json().catch(() => null)) as { order?: unknown; lockVersion?: unknown } | null;
    const order = Array.isArray(body?.order) ? body.order.map(String) : [];
    const lockVersion = typeof body?.lockVersion === 'number' ? body.lockVersion : undefined;
    return runCommand(
      c,
      moveField,
      { procedureId: id, list, parentId: null, order, lockVersion },
      {
        done: (r) => c.json({ ok: true, message: 'Ordre des champs enregistré.', lockVersion: r.lockVersion }),
        refused: (e) => c.json({ ok: false, message: e.message }, e.code === 'conflict' ? 409 : 422),
      },
    );
  });

  adminProcedureBuilderRoutes.post(`${path}/:sid{[A-Za-z0-9_-]{1,40}}`, async (c) => {
    const id = c.req.param('id')!;
    const stableId = c.req.param('sid')!;
    await adminProcedure(c, id);
    const f = await readForm(c, FieldForm);
    const input = inputOf(f);
    // the editor's autosave asks for JSON: the draft's new version, or the French refusal (409 for a
    // colleague's change in between, docs/interface.md §A)
    const json = (c.req.header('accept') ?? '').includes('application/json');
    return runCommand(
      c,
      updateField,
      { procedureId: id, list, stableId, field: input, lockVersion: f.lockVersion },
      {
        refused: (e) =>
          json
            ? c.json({ ok: false, message: e.message, errors: e.fields ?? {} }, e.code === 'conflict' ? 409 : 422)
            : editorPage(c, id, stableId, null, input, e),
        done: (r) =>
          json
            ? c.json({ ok: true, message: 'Enregistré.', lockVersion: r.lockVersion })
            : redirectWithFlash(c, `${back(id)}#champ-${stableId}`, {
                kind: 'success',
                message: `Le champ « ${input.label.trim()} » est enregistré.`,
              }),
      },
    );
  });

  const LockForm = z.object({ lockVersion: field.lockVersion() });
  const simple = {
    dupliquer: ['Le champ a été dupliqué.'],
    supprimer: ['Le champ a été supprimé.'],
    monter: ['Le champ a été monté.'],
    descendre: ['Le champ a été descendu.'],
  } as const;
  for (const action of Object.keys(simple) as (keyof typeof simple)[]) {
    adminProcedureBuilderRoutes.post(`${path}/:sid{[A-Za-z0-9_-]{1,40}}/${action}`, async (c) => {
      const id = c.req.param('id')!;
      const stableId = c.req.param('sid')!;
      await adminProcedure(c, id);
      const { lockVersion } = await readForm(c, LockForm);
      const common = { procedureId: id, list, stableId, lockVersion };
      const outcomes = {
        back: back(id),
        done: () =>
          redirectWithFlash(c, `${back(id)}${action === 'supprimer' ? '' : `#champ-${stableId}`}`, {
            kind: 'success' as const,
            message: simple[action][0],
          }),
      };
      if (action === 'dupliquer') return runCommand(c, duplicateField, common, outcomes);
      if (action === 'supprimer') return runCommand(c, removeField, common, outcomes);
      return runCommand(c, moveField, { ...common, direction: action === 'monter' ? 'up' : 'down' }, outcomes);
    });
  }
}

export { SEGMENT };
