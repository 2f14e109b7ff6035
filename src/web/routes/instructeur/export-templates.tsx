// « Modèles d'export » (docs/interface.md §5): the form of a new or edited template (one command each:
// create, update, delete) — a tabular template's columns from the list's catalogue, a zip template's
// names and parts; the form comes back with what was typed and the errors next to the fields.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { chooseColumns, DEFAULT_ZIP_LAYOUT, type TemplateKind } from '../../../domain/export-templates.ts';
import { forbidden, notFound, type DomainError } from '../../../domain/errors.ts';
import { canEditExportTemplate } from '../../../domain/export-templates.ts';
import { createExportTemplate } from '../../../features/exports/create-export-template.ts';
import { deleteExportTemplate } from '../../../features/exports/delete-export-template.ts';
import { updateExportTemplate } from '../../../features/exports/update-export-template.ts';
import { COLUMN_GROUP_LABELS } from '../../../queries/columns.ts';
import { exportableColumns } from '../../../queries/export-source.ts';
import {
  attachmentFields,
  loadExportTemplate,
  resolveTemplate,
  type ExportTemplate,
} from '../../../queries/export-templates.ts';
import { loadListContext, type ListContext } from '../../../queries/list-context.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { TemplateFormPage, type ColumnRow, type TemplateFormState } from '../../views/exports/export-templates.tsx';

export const exportTemplatesRoutes = new Hono<Env>();

type C = Context<Env>;

const downloadsHref = (procedureId: string) => `/instructeur/procedures/${procedureId}/telechargements`;

/** The chooser's rows: the template's columns first, in its order, then the rest of the catalogue. */
function columnRows(ctx: ListContext, chosen: { id: string; header: string }[]): ColumnRow[] {
  const catalogue = exportableColumns(ctx.catalogue);
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const row = (id: string, included: boolean, position: string, header: string): ColumnRow => {
    const c = byId.get(id)!;
    return { id, label: c.label, group: COLUMN_GROUP_LABELS[c.group], included, position, header };
  };
  const present = chosen.filter((c) => byId.has(c.id));
  const taken = new Set(present.map((c) => c.id));
  return [
    ...present.map((c, i) => row(c.id, true, String(i + 1), c.header === byId.get(c.id)!.label ? '' : c.header)),
    ...catalogue.filter((c) => !taken.has(c.id)).map((c) => row(c.id, false, '', '')),
  ];
}

function initialState(ctx: ListContext, kind: TemplateKind, t: ExportTemplate | null): TemplateFormState {
  return {
    kind,
    name: t?.name ?? '',
    format: t?.format ?? 'xlsx',
    columns: columnRows(ctx, t?.columns ?? []),
    zip: t?.zip ?? DEFAULT_ZIP_LAYOUT,
    attachments: attachmentFields(ctx.catalogue),
    missing: t ? resolveTemplate(t, ctx.catalogue).missing : [],
  };
}

async function formPage(c: C, ctx: ListContext, templateId: string | null, state: TemplateFormState, status = 200) {
  return page(
    c,
    { title: `Modèle d'export — ${ctx.procedure.title}`, nav: 'procedures' },
    <TemplateFormPage
      procedure={{ id: ctx.procedure.id, title: ctx.procedure.title }}
      csrf={c.get('csrfToken')}
      templateId={templateId}
      state={state}
    />,
    status as 200,
  );
}

async function ownTemplate(c: C, ctx: ListContext): Promise<ExportTemplate> {
  const t = await loadExportTemplate(c.get('app').db, c.req.param('templateId') ?? '', ctx.procedure.id);
  if (!t) throw notFound('Modèle introuvable.');
  if (!canEditExportTemplate(t.authorId, c.get('user')!.id))
    throw forbidden("Seul l'auteur de ce modèle peut le modifier.");
  return t;
}

exportTemplatesRoutes.get('/procedures/:id/modeles-export', (c) => c.redirect(downloadsHref(c.req.param('id'))));

exportTemplatesRoutes.get('/procedures/:id/modeles-export/nouveau', async (c) => {
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, c.req.param('id'));
  const kind: TemplateKind = c.req.query('type') === 'zip' ? 'zip' : 'tabular';
  return formPage(c, ctx, null, initialState(ctx, kind, null));
});

exportTemplatesRoutes.get('/procedures/:id/modeles-export/:templateId', async (c) => {
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, c.req.param('id'));
  const t = await ownTemplate(c, ctx);
  return formPage(c, ctx, t.id, initialState(ctx, t.kind, t));
});

const TemplateForm = z.object({
  kind: field.oneOf(['tabular', 'zip'], 'tabular'),
  name: field.text(),
  format: field.text(),
  colonne: field.texts(),
  inclure: field.texts(),
  position: field.texts(),
  titre: field.texts(),
  folderPattern: field.text(),
  pdf: field.flag(),
  avis: field.flag(),
  messages: field.flag(),
  justificatifs: field.flag(),
  attestation: field.flag(),
  champ: field.texts(),
  motif: field.texts(),
});
type TemplateFormData = z.output<typeof TemplateForm>;

/** The form as the command takes it, and as the page shows it again after a refusal. */
function fromForm(ctx: ListContext, f: TemplateFormData) {
  const included = new Set(f.inclure);
  const labels = new Map(exportableColumns(ctx.catalogue).map((c) => [c.id, c]));
  // position and header are read at the row's own index (every row sends them), then stale ids dropped
  const rows: ColumnRow[] = f.colonne.flatMap((id, i) => {
    const col = labels.get(id);
    if (!col) return [];
    return [
      {
        id,
        label: col.label,
        group: COLUMN_GROUP_LABELS[col.group],
        included: included.has(id),
        position: f.position[i] ?? '',
        header: f.titre[i] ?? '',
      },
    ];
  });
  const columns = chooseColumns(
    rows.map((r) => {
      const n = Number(r.position);
      return {
        id: r.id,
        included: r.included,
        position: r.position.trim() && Number.isFinite(n) ? n : null,
        header: r.header,
        label: r.label,
      };
    }),
  );
  const filePatterns: Record<string, string> = {};
  f.champ.forEach((id, i) => {
    filePatterns[id] = f.motif[i] ?? '';
  });
  const zip = {
    folderPattern: f.folderPattern,
    pdf: f.pdf,
    avis: f.avis,
    messages: f.messages,
    justificatifs: f.justificatifs,
    attestation: f.attestation,
    filePatterns,
  };
  const input = { name: f.name, kind: f.kind, format: f.format, columns, zip: f.kind === 'zip' ? zip : undefined };
  const again = (e: DomainError, missing: string[]): TemplateFormState => ({
    kind: f.kind,
    name: f.name,
    format: f.format,
    columns: rows,
    zip,
    attachments: attachmentFields(ctx.catalogue),
    missing,
    errors: e.fields ?? { _: e.message },
  });
  return { input, again };
}

exportTemplatesRoutes.post('/procedures/:id/modeles-export', async (c) => {
  const procedureId = c.req.param('id');
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, procedureId);
  const { input, again } = fromForm(ctx, await readForm(c, TemplateForm));
  return runCommand(
    c,
    createExportTemplate,
    { procedureId, ...input },
    {
      done: () =>
        redirectWithFlash(c, downloadsHref(procedureId), {
          kind: 'success',
          message: `Le modèle « ${input.name.trim()} » a été créé. Lancez-le depuis « Télécharger les dossiers ».`,
        }),
      refused: (e) => formPage(c, ctx, null, again(e, []), 422),
    },
  );
});

exportTemplatesRoutes.post('/procedures/:id/modeles-export/:templateId', async (c) => {
  const procedureId = c.req.param('id');
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, procedureId);
  const templateId = c.req.param('templateId');
  const current = await loadExportTemplate(c.get('app').db, templateId, ctx.procedure.id);
  const { input, again } = fromForm(ctx, await readForm(c, TemplateForm));
  return runCommand(
    c,
    updateExportTemplate,
    { procedureId, templateId, ...input, kind: current?.kind ?? input.kind },
    {
      done: () =>
        redirectWithFlash(c, downloadsHref(procedureId), {
          kind: 'success',
          message: `Le modèle « ${input.name.trim()} » a été enregistré.`,
        }),
      refused: (e) =>
        formPage(c, ctx, templateId, again(e, current ? resolveTemplate(current, ctx.catalogue).missing : []), 422),
    },
  );
});

exportTemplatesRoutes.post('/procedures/:id/modeles-export/:templateId/supprimer', async (c) => {
  const procedureId = c.req.param('id');
  return runCommand(
    c,
    deleteExportTemplate,
    { procedureId, templateId: c.req.param('templateId') },
    {
      back: downloadsHref(procedureId),
      done: (r) =>
        redirectWithFlash(c, downloadsHref(procedureId), {
          kind: 'success',
          message: `Le modèle « ${r.name} » a été supprimé.`,
        }),
    },
  );
});
