// URLs of the browser assets built by scripts/build-client.mjs: content-hashed names from
// public/build/manifest.json (served as immutable), or the plain names when no build ran yet.
import fs from 'node:fs';
import path from 'node:path';

export const BUILD_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../public/build');

export type AssetName = 'client.js' | 'app.css' | 'dsfr.css' | 'dsfr.js' | 'icons.css';

function readManifest(): Partial<Record<AssetName | 'dsfrVersion', string>> {
  try {
    return JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'manifest.json'), 'utf8'));
  } catch {
    return {};
  }
}

let manifest: ReturnType<typeof readManifest> | null = null;

/** The URL of a built asset (the manifest is read once, at the first page). */
export function assetUrl(name: AssetName): string {
  manifest ??= readManifest();
  return `/assets/${manifest[name] ?? name}`;
}

/** A content-hashed asset name (`client.3f9a1c2b7d.js`): its content never changes. */
export const HASHED_ASSET = /\.[0-9a-f]{10}\.(?:js|css)$/;
