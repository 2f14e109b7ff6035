// Builds the client bundle (Turbo + Stimulus controllers) into public/build. Run by postinstall and start.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'public/build');
fs.mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(root, 'src/web/client/index.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outfile: path.join(out, 'client.js'),
  logLevel: 'warning',
});
fs.copyFileSync(path.join(root, 'src/web/client/app.css'), path.join(out, 'app.css'));
console.log('Bundle client construit dans public/build.');
