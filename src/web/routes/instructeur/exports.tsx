// « Télécharger les dossiers » and « Mes téléchargements » (docs/interface.md §5): the request of an
// export (one command) — from a « modèle d'export » too —, my exports and the procedure's templates,
// the download of my own export's file from storage.
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import { exportFileName, FORMAT_LABELS } from '../../../domain/exports.ts';
import { notFound } from '../../../domain/errors.ts';
import { requestExport } from '../../../features/exports/request-export.ts';
import { FORMAT_MEDIA } from '../../../features/exports/produce-export.ts';
import { contentDisposition } from '../../../platform/http/content-disposition.ts';
import { listMyExports, loadOwnExport } from '../../../queries/exports.ts';
import { loadListContext } from '../../../queries/list-context.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { DownloadsPage } from '../../views/exports/downloads-page.tsx';
import { TemplatesSection } from '../../views/exports/export-templates.tsx';
import { listExportTemplates, resolveTemplate } from '../../../queries/export-templates.ts';
import { canEditExportTemplate } from '../../../domain/export-templates.ts';
import { listHref } from '../../views/work-list/links.ts';

export const exportsRoutes = new Hono<Env>();

const RequestForm = z.object({ format: field.text(), tab: field.text(), template: field.text() });

exportsRoutes.post('/procedures/:id/exports', async (c) => {
  const procedureId = c.req.param('id');
  const f = await readForm(c, RequestForm);
  const back = listHref(procedureId);
  const downloads = `/instructeur/procedures/${procedureId}/telechargements`;
  return runCommand(
    c,
    requestExport,
    {
      procedureId,
      format: f.template ? undefined : (f.format as 'csv'),
      tab: f.tab || undefined,
      templateId: f.template || undefined,
    },
    {
      back,
      done: (r) =>
        redirectWithFlash(c, downloads, {
          kind: 'success',
          message: r.reused
            ? 'Un export identique est déjà en préparation ou vient d\u2019être produit : il est repris ci-dessous.'
            : `Votre export (${f.template ? "à partir d'un modèle" : FORMAT_LABELS[f.format as 'csv']}) est en cours de préparation. Vous pouvez quitter cette page : un e-mail vous préviendra quand il sera prêt.`,
        }),
    },
  );
});

exportsRoutes.get('/telechargements', async (c) => {
  const app = c.get('app');
  const items = await listMyExports(app.db, c.get('user')!.id);
  return page(
    c,
    { title: 'Mes téléchargements', nav: 'procedures' },
    <DownloadsPage items={items} now={app.clock.now()} />,
  );
});

exportsRoutes.get('/procedures/:id/telechargements', async (c) => {
  const app = c.get('app');
  const user = c.get('user')!;
  const ctx = await loadListContext(app.db, user.id, c.req.param('id'));
  const items = (await listMyExports(app.db, user.id)).filter((e) => e.procedureId === ctx.procedure.id);
  const templates = (await listExportTemplates(app.db, ctx.procedure.id)).map((t) => ({
    template: t,
    missing: resolveTemplate(t, ctx.catalogue).missing,
    editable: canEditExportTemplate(t.authorId, user.id),
  }));
  return page(
    c,
    { title: `Mes téléchargements — ${ctx.procedure.title}`, nav: 'procedures' },
    <>
      <DownloadsPage
        items={items}
        now={app.clock.now()}
        procedure={{ id: ctx.procedure.id, title: ctx.procedure.title }}
      />
      <TemplatesSection procedureId={ctx.procedure.id} csrf={c.get('csrfToken')} items={templates} />
    </>,
  );
});

exportsRoutes.get('/telechargements/:exportId/fichier', async (c) => {
  const app = c.get('app');
  // only the author of an export downloads it (anything else: not found)
  const e = await loadOwnExport(app.db, c.get('user')!.id, c.req.param('exportId'));
  if (e?.state !== 'generated' || !e.fileKey) throw notFound('Export introuvable ou expiré.');
  const stream = app.storage.stream(e.fileKey);
  return new Response(Readable.toWeb(stream) as unknown as ReadableStream, {
    status: 200,
    headers: {
      'Content-Type': FORMAT_MEDIA[e.format],
      'Content-Disposition': contentDisposition('attachment', exportFileName(e.procedureId, e.createdAt, e.format)),
      ...(e.size !== null ? { 'Content-Length': String(e.size) } : {}),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
