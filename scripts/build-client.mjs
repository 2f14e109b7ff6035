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

/**
 * Every `fr-…` class name the pages may carry: those written in the server's and the client's
 * sources, and those DSFR's own script sets (written whole or composed of its words). A name written as the start of a template
 * (`fr-badge--${colour}`) stands for every class it begins.
 */
function classesInUse(dsfrScript) {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(tsx?|css)$/.test(entry.name))
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/fr-[a-zA-Z0-9_-]+/g)) names.add(m[0]);
    }
  };
  walk(path.join(root, 'src'));
  for (const m of dsfrScript.matchAll(/fr-[a-zA-Z0-9_-]+/g)) names.add(m[0]);
  const prefixes = [...names].filter((n) => n.endsWith('-'));
  // the script composes most of its classes from words (`ns.selector('collapse')`, a state's
  // `id: 'expanded'` → fr-collapse--expanded): a class made only of its words is kept
  const words = new Set([...dsfrScript.matchAll(/["'`]([a-z][a-z0-9_-]*)["'`]/g)].map((m) => m[1]));
  const composed = (name) =>
    name
      .slice(3)
      .split('--')
      .every((w) => words.has(w));
  return (name) => names.has(name) || prefixes.some((p) => name.startsWith(p)) || composed(name);
}

/** The end of the block opened at `open` (the index of its `{`), strings and nesting respected. */
function blockEnd(css, open) {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      i = css.indexOf(c, i + 1);
      if (i < 0) return css.length;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return css.length;
}

/** The selectors of a list, split at the commas outside parentheses. */
function splitSelectors(list) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

/**
 * DSFR's stylesheet without the selectors that name a `fr-` class no page uses (classes inside
 * parentheses — `:not(…)`, `:is(…)` — are not judged: those selectors stay). A rule left with no
 * selector goes; `@media` and `@supports` blocks are pruned inside; other at-rules stay whole.
 */
function withoutUnusedClasses(css, used) {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    const semi = css.indexOf(';', i);
    if (open < 0) {
      out += css.slice(i);
      break;
    }
    if (semi >= 0 && semi < open) {
      out += css.slice(i, semi + 1);
      i = semi + 1;
      continue;
    }
    const prelude = css.slice(i, open).trim();
    const end = blockEnd(css, open);
    const body = css.slice(open + 1, end);
    i = end + 1;
    if (prelude.startsWith('@media') || prelude.startsWith('@supports')) {
      const inner = withoutUnusedClasses(body, used);
      if (inner.trim()) out += `${prelude}{${inner}}`;
    } else if (prelude.startsWith('@')) {
      out += `${prelude}{${body}}`;
    } else {
      const kept = splitSelectors(prelude).filter((selector) => {
        const outside = selector.replace(/\([^()]*\)/g, '');
        return [...outside.matchAll(/\.(fr-[a-zA-Z0-9_-]+)/g)].every((m) => used(m[1]));
      });
      if (kept.length > 0) out += `${kept.join(',')}{${body}}`;
    }
  }
  return out;
}

const dsfrScript = fs.readFileSync(path.join(dsfrDist, 'dsfr.module.min.js'), 'utf8');
const files = {
  'client.js': bundle.outputFiles[0].contents,
  'app.css': fs.readFileSync(path.join(root, 'src/web/client/app.css')),
  'dsfr.css': absoluteUrls(
    withoutUnusedClasses(
      withoutItalicFaces(fs.readFileSync(path.join(dsfrDist, 'dsfr.main.min.css'), 'utf8')),
      classesInUse(dsfrScript),
    ),
    '.',
  ),
  'dsfr.js': dsfrScript,
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
