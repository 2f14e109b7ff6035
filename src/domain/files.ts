/**
 * Who may download a file of a dossier — composes the permission functions of permissions.ts with
 * the origin of the file. Usagers never see annotation or avis files; experts see the form, the
 * messagerie and the avis. No access at all → not found (no existence leak).
 */
import { notFound } from './errors.ts';
import { canInstruct, canReadAsExpert, canReadAsUsager, canSeeAnnotations, type Access, type DossierRef } from './permissions.ts';

export type FileOriginKind = 'champ' | 'annotation' | 'message' | 'avis' | 'justificatif' | 'attestation' | 'export';

const USAGER_ORIGINS: readonly FileOriginKind[] = ['champ', 'message', 'justificatif', 'attestation'];
const EXPERT_ORIGINS: readonly FileOriginKind[] = ['champ', 'message', 'avis'];

export function canDownloadFile(a: Access, d: DossierRef, origin: FileOriginKind): boolean {
  if (origin === 'export') return false;
  if (origin === 'annotation') return canSeeAnnotations(a, d);
  if (canInstruct(a, d)) return true;
  if (canReadAsUsager(a, d) && USAGER_ORIGINS.includes(origin)) return true;
  if (canReadAsExpert(a, d) && EXPERT_ORIGINS.includes(origin)) return true;
  return false;
}

export function assertDownloadFile(a: Access, d: DossierRef, origin: FileOriginKind): void {
  if (!canDownloadFile(a, d, origin)) throw notFound('Fichier introuvable.');
}

/** Types a browser may show inline (preview); anything else is always downloaded. */
export const INLINE_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export function isPreviewable(contentType: string): boolean {
  return INLINE_TYPES.includes(contentType);
}

export const FILE_ORIGIN_LABELS: Record<FileOriginKind, string> = {
  champ: 'Formulaire',
  annotation: 'Annotation privée',
  message: 'Messagerie',
  avis: 'Avis externe',
  justificatif: 'Justificatif de décision',
  attestation: 'Attestation',
  export: 'Export',
};
