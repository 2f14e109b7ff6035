/**
 * Who may download a file of a dossier — composes the permission functions of permissions.ts with
 * the origin of the file. Usagers never see annotation or avis files; experts see the form, the
 * messagerie if the procedure allows it, and the avis they may read. No access at all → not found (no existence leak).
 */
import { notFound } from './errors.ts';
import {
  canInstruct,
  canReadAsExpert,
  canReadAsUsager,
  canSeeAnnotations,
  type Access,
  type DossierRef,
} from './permissions.ts';

export type FileOriginKind = 'champ' | 'annotation' | 'message' | 'avis' | 'justificatif' | 'attestation' | 'export';

const USAGER_ORIGINS: readonly FileOriginKind[] = ['champ', 'message', 'justificatif', 'attestation'];

/** What the file's origin says, for experts: the avis it belongs to, whether experts may use the messagerie. */
export interface FileContext {
  avis?: { expertId: string; claimantId: string | null; confidentiel: boolean } | null;
  allowExpertMessaging?: boolean;
}

/**
 * Experts (docs/domain.md §6): the form; the messagerie when the procedure lets experts use it; an avis
 * file when the avis is theirs, was requested by them, or is not confidential. Unknown → refused.
 */
function expertMayDownload(a: Access, origin: FileOriginKind, ctx: FileContext): boolean {
  if (origin === 'champ') return true;
  if (origin === 'message') return ctx.allowExpertMessaging === true;
  if (origin === 'avis') {
    const av = ctx.avis;
    return !!av && (av.expertId === a.userId || av.claimantId === a.userId || !av.confidentiel);
  }
  return false;
}

export function canDownloadFile(a: Access, d: DossierRef, origin: FileOriginKind, ctx: FileContext = {}): boolean {
  if (origin === 'export') return false;
  if (origin === 'annotation') return canSeeAnnotations(a, d);
  if (canInstruct(a, d)) return true;
  if (canReadAsUsager(a, d) && USAGER_ORIGINS.includes(origin)) return true;
  if (canReadAsExpert(a, d)) return expertMayDownload(a, origin, ctx);
  return false;
}

export function assertDownloadFile(a: Access, d: DossierRef, origin: FileOriginKind, ctx: FileContext = {}): void {
  if (!canDownloadFile(a, d, origin, ctx)) throw notFound('Fichier introuvable.');
}

/** Types a browser may show inline (preview); anything else is always downloaded. */
export const INLINE_TYPES: readonly string[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
];

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
