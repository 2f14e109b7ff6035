// « Télécharger le dossier (PDF) » of the dossier page, streamed.
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { contentDisposition } from '../../../platform/http/content-disposition.ts';
import { renderDossierPdf } from '../../../platform/documents/dossier-pdf.ts';
import { loadDossierPdfSource } from '../../../queries/dossier-export.ts';
import type { Env } from '../../context.ts';
import { idOf } from './dossier-context.tsx';

export const dossierPdfRoutes = new Hono<Env>();

dossierPdfRoutes.get('/dossiers/:id/pdf', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const src = await loadDossierPdfSource(app.db, id, c.get('user')!.id, app.clock.now());
  const doc = renderDossierPdf(src);
  return new Response(Readable.toWeb(doc as unknown as Readable) as unknown as ReadableStream, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition('attachment', `dossier-${id}.pdf`),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
