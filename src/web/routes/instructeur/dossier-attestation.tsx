// The attestation of the dossier page: the stored one of an accepted dossier, and the preview shown
// before « Valider la décision » (rendered, not stored).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { attestationFileId } from '../../../features/attestations/ensure-attestation.ts';
import { attestationPdf, loadAttestationSource } from '../../../features/attestations/render-attestation.ts';
import { contentDisposition } from '../../../platform/http/content-disposition.ts';
import { loadDossierHeader } from '../../../queries/dossier-header.ts';
import type { Env } from '../../context.ts';
import { field, readForm } from '../../http/form.ts';
import { filePath } from '../../views/dossier/links.ts';
import { idOf } from './dossier-context.tsx';

export const dossierAttestationRoutes = new Hono<Env>();

async function attestationPreview(c: Context<Env>, motivation: string): Promise<Response> {
  const app = c.get('app');
  const id = idOf(c);
  const now = app.clock.now();
  const h = await loadDossierHeader(app.db, id, { userId: c.get('user')!.id }, { now });
  if (!h.attestationActive) throw notFound("Cette démarche n'a pas d'attestation à prévisualiser.");
  const src = await loadAttestationSource(app.db, id, { motivation: motivation.trim() || null, decisionDate: now });
  const pdf = await attestationPdf(src, { preview: true, now });
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition('inline', `apercu-attestation-dossier-${id}.pdf`),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The attestation of an accepted dossier (produced now if the job has not run yet). */
dossierAttestationRoutes.get('/dossiers/:id/attestation', async (c) => {
  const app = c.get('app');
  const h = await loadDossierHeader(app.db, idOf(c), { userId: c.get('user')!.id });
  const fileId = h.state === 'accepte' || h.hasAttestation ? await attestationFileId(app, h.id) : null;
  if (!fileId) throw notFound("Ce dossier n'a pas d'attestation.");
  return c.redirect(filePath(fileId), 302);
});

dossierAttestationRoutes.get('/dossiers/:id/attestation/apercu', (c) =>
  attestationPreview(c, (c.req.query('motivation') ?? '').slice(0, 5000)),
);

const PreviewForm = z.object({ motivation: field.text() });

dossierAttestationRoutes.post('/dossiers/:id/attestation/apercu', async (c) =>
  attestationPreview(c, (await readForm(c, PreviewForm)).motivation.slice(0, 5000)),
);
