// Upload checks, before anything is stored: size, content sniffed from the bytes (not the name or
// the browser's claim), allowed types, sanitised name.
import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../domain/errors.ts';
import { cleanName } from '../../domain/text.ts';

export const ALLOWED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/tiff': 'TIFF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.oasis.opendocument.text': 'OpenDocument texte',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument tableur',
  'application/zip': 'ZIP',
  'text/plain': 'texte',
  'text/csv': 'CSV',
};

export interface CheckedUpload {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  bytes: Buffer;
}

export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'fichier';
  const cleaned = cleanName(base)
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return (cleaned || 'fichier').slice(0, 200);
}

function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) return false;
  return !/\uFFFD/.test(sample.toString('utf8'));
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} Mo`;
  if (n >= 1024) return `${Math.round(n / 1024)} Ko`;
  return `${n} octets`;
}

/** The size limit must also be enforced while reading the request body (see web/body-limit). */
export async function checkUpload(
  file: { name: string; bytes: Buffer },
  opts: { maxBytes: number; field?: string },
): Promise<CheckedUpload> {
  const name = sanitizeFileName(file.name);
  const fail = (msg: string) => {
    throw new DomainError('invalid_input', msg, opts.field ? { [opts.field]: msg } : undefined);
  };
  if (file.bytes.length === 0) fail(`Le fichier « ${name} » est vide.`);
  if (file.bytes.length > opts.maxBytes)
    fail(`Le fichier « ${name} » dépasse la taille maximale autorisée (${formatBytes(opts.maxBytes)}).`);
  const sniffed = await fileTypeFromBuffer(file.bytes);
  let contentType = sniffed?.mime as string | undefined;
  if (!contentType && looksLikeText(file.bytes))
    contentType = name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
  if (!contentType || !ALLOWED_TYPES[contentType]) {
    fail(
      `Le fichier « ${name} » n'est pas d'un type accepté. Formats acceptés : PDF, images (JPEG, PNG…), documents bureautiques, texte.`,
    );
  }
  return {
    name,
    contentType: contentType!,
    size: file.bytes.length,
    sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
    bytes: file.bytes,
  };
}
