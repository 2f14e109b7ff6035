// Content-Disposition header for downloads and previews, built by the `content-disposition` library
// (RFC 6266, with the RFC 8187 `filename*` parameter for names that are not plain ASCII).
import { create } from 'content-disposition';

// Characters that must never reach a header or a saved file name: C0/C1 controls and DEL, and the
// Unicode bidirectional controls (a name like "facture\u202Efdp.exe" displays as "factureexe.pdf").
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The file name as it will be proposed to the browser: unsafe characters removed, no path. */
export function safeFileName(name: string): string {
  const cleaned = name.normalize('NFC').replace(UNSAFE, '').replace(/[/\\]/g, '_').trim();
  return cleaned === '' ? 'fichier' : cleaned;
}

/** ASCII form of a name for the plain `filename` parameter of old clients: accents dropped, the rest '_'.
 *  A '%' followed by two hex digits is replaced too (some clients would decode it), which also makes
 *  the library add `filename*` with the exact name. */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/%(?=[0-9A-Fa-f]{2})/g, '_');
}

/** `attachment` (download) or `inline` (preview) with the file name; `filename*` carries the UTF-8 name. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const filename = safeFileName(name);
  return create(filename, { type: kind, fallback: asciiFallback(filename) });
}
