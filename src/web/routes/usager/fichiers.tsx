// The permission-checked file route /fichiers/:fileId shared by every role (usager, instructeur,
// expert: domain canDownloadFile).
import { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { isPreviewable } from '../../../domain/files.ts';
import { loadFileForDownload } from '../../../features/files/download-file.ts';
import { contentDisposition } from '../../../platform/http/content-disposition.ts';
import type { Env } from '../../context.ts';

export const fichiersRoutes = new Hono<Env>();

fichiersRoutes.get('/fichiers/:fileId', async (c) => {
  const app = c.get('app');
  const file = await loadFileForDownload(app, c.req.param('fileId'), c.get('user')!.id);
  const inline = c.req.query('apercu') === '1' && isPreviewable(file.contentType);
  let bytes: Buffer;
  try {
    bytes = await app.storage.get(file.storageKey);
  } catch {
    throw notFound("Ce fichier n'est plus disponible.");
  }
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
