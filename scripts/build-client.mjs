// Builds the browser assets into public/build (run by postinstall and start):
// - the client bundle (Turbo + Stimulus controllers) and app.css;
// - DSFR's stylesheet for current browsers (dsfr.main: without the legacy fallbacks; the italic font
//   faces left out) and its module script, font and icon URLs pointed at the versioned DSFR directory
//   (/dsfr/<version>/…);
// - the DSFR icon classes the pages use (every `fr-icon-…` name found in src/web), instead of all of them.
// Each file gets a content-hashed name (client.3f9a1c2b.js) and .br / .gz twins; manifest.json maps
// the plain names to them (read by src/web/assets.ts). Hashed names are served as immutable.
import { build } from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'public/build');
const dsfrPackage = path.dirname(require.resolve('@gouvfr/dsfr/package.json'));
const dsfrDist = path.join(dsfrPackage, 'dist');
const dsfrVersion = JSON.parse(fs.readFileSync(path.join(dsfrPackage, 'package.json'), 'utf8')).version;
const dsfrBase = `/dsfr/${dsfrVersion}/`;
fs.mkdirSync(out, { recursive: true });

const bundle = await build({
  entryPoints: [path.join(root, 'src/web/client/index.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  write: false,
  logLevel: 'warning',
});

/** Every `fr-icon-…` class named in the server's sources. */
function iconsInUse() {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(tsx?|css)$/.test(entry.name))
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/fr-icon-[a-z0-9-]+/g)) names.add(m[0]);
    }
  };
  walk(path.join(root, 'src'));
  return names;
}

/** The rules of DSFR's icon stylesheet whose selectors name an icon in use. */
function iconSubset(css, used) {
  const kept = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selector = m[1].trim();
    const names = [...selector.matchAll(/\.(fr-icon-[a-z0-9-]+)/g)].map((x) => x[1]);
    if (names.some((n) => used.has(n))) kept.push(`${selector}{${m[2]}}`);
  }
  return kept.join('');
}

/** Relative url(…) of a DSFR stylesheet at `fromDir` (inside dist) → absolute versioned URL. */
function absoluteUrls(css, fromDir) {
  return css.replace(/url\((['"]?)(?!data:|\/|https?:)([^'")]+)\1\)/g, (_, q, rel) => {
    const target = path.posix.normalize(path.posix.join(fromDir, rel));
    return `url(${q}${dsfrBase}${target}${q})`;
  });
}

/**
 * Without the italic Marianne faces: the browser slants the upright ones instead. A first visit
 * otherwise downloads a fourth font (59 kB) only for the italic placeholder of the search field.
 */
function withoutItalicFaces(css) {
  return css.replace(/@font-face\{[^}]*font-style:italic[^}]*\}/g, '');
}

const files = {
  'client.js': bundle.outputFiles[0].contents,
  'app.css': fs.readFileSync(path.join(root, 'src/web/client/app.css')),
  'dsfr.css': absoluteUrls(withoutItalicFaces(fs.readFileSync(path.join(dsfrDist, 'dsfr.main.min.css'), 'utf8')), '.'),
  'dsfr.js': fs.readFileSync(path.join(dsfrDist, 'dsfr.module.min.js')),
  'icons.css': absoluteUrls(
    iconSubset(fs.readFileSync(path.join(dsfrDist, 'utility/icons/icons.min.css'), 'utf8'), iconsInUse()),
    'utility/icons',
  ),
};

// Remove the previous build's hashed files, then write the new ones with their compressed twins.
for (const f of fs.readdirSync(out)) if (/\.[0-9a-f]{10}\.(js|css)(\.br|\.gz)?$/.test(f)) fs.rmSync(path.join(out, f));
const manifest = { dsfrVersion };
for (const [name, content] of Object.entries(files)) {
  const bytes = Buffer.from(content);
  const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const ext = path.extname(name);
  const hashed = `${path.basename(name, ext)}.${hash}${ext}`;
  for (const target of [name, hashed]) {
    fs.writeFileSync(path.join(out, target), bytes);
    fs.writeFileSync(
      path.join(out, `${target}.br`),
      zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    );
    fs.writeFileSync(path.join(out, `${target}.gz`), zlib.gzipSync(bytes, { level: 9 }));
  }
  manifest[name] = hashed;
}
fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log('Bundle client construit dans public/build.');
