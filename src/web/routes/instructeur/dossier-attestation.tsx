// The attestation of the dossier page: the stored one of an accepted or refused dossier, and the
// preview shown before « Valider la décision » (rendered, not stored), from the template of the
// decision being taken: acceptance (/apercu) or refusal (/apercu-refus).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { attestationPdf, loadAttestationSource } from '../../../features/attestations/render-attestation.ts';
import { requestAttestation } from '../../../features/attestations/request-attestation.ts';
import { contentDisposition } from '../../../platform/http/content-disposition.ts';
import { loadDossierHeader } from '../../../queries/dossier-header.ts';
import type { Env } from '../../context.ts';
import { field, readForm } from '../../http/form.ts';
import { actorOf } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { AttestationPending } from '../../views/dossier/attestation-pending.tsx';
import { dossierPath, filePath } from '../../views/dossier/links.ts';
import { idOf } from './dossier-context.tsx';

export const dossierAttestationRoutes = new Hono<Env>();

async function attestationPreview(
  c: Context<Env>,
  motivation: string,
  kind: 'acceptation' | 'refus' = 'acceptation',
): Promise<Response> {
  const app = c.get('app');
  const id = idOf(c);
  const now = app.clock.now();
  const h = await loadDossierHeader(app.db, id, { userId: c.get('user')!.id }, { now });
  if (!(kind === 'refus' ? h.refusalAttestationActive : h.attestationActive))
    throw notFound("Cette démarche n'a pas d'attestation à prévisualiser.");
  const src = await loadAttestationSource(app.db, id, {
    motivation: motivation.trim() || null,
    decisionDate: now,
    kind,
  });
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

/** The attestation of an accepted dossier, or « en cours de génération » until its job produced it. */
dossierAttestationRoutes.get('/dossiers/:id/attestation', async (c) => {
  const app = c.get('app');
  const h = await loadDossierHeader(app.db, idOf(c), { userId: c.get('user')!.id });
  const r = await requestAttestation(app, actorOf(c), { dossierId: h.id });
  if (r.fileId) return c.redirect(filePath(r.fileId), 302);
  if (!r.pending) throw notFound("Ce dossier n'a pas d'attestation.");
  return page(
    c,
    { title: `Attestation du dossier nº ${h.id}`, nav: 'procedures' },
    <AttestationPending dossierId={h.id} url={dossierPath(h.id, 'attestation')} back={dossierPath(h.id)} />,
  );
});

dossierAttestationRoutes.get('/dossiers/:id/attestation/apercu', (c) =>
  attestationPreview(c, (c.req.query('motivation') ?? '').slice(0, 5000)),
);

const PreviewForm = z.object({ motivation: field.text() });

dossierAttestationRoutes.post('/dossiers/:id/attestation/apercu', async (c) =>
  attestationPreview(c, (await readForm(c, PreviewForm)).motivation.slice(0, 5000)),
);

dossierAttestationRoutes.get('/dossiers/:id/attestation/apercu-refus', (c) =>
  attestationPreview(c, (c.req.query('motivation') ?? '').slice(0, 5000), 'refus'),
);

dossierAttestationRoutes.post('/dossiers/:id/attestation/apercu-refus', async (c) =>
  attestationPreview(c, (await readForm(c, PreviewForm)).motivation.slice(0, 5000), 'refus'),
);
