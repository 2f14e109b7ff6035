// Runs dependency-cruiser (the layer rules of .dependency-cruiser.cjs) with its swc parser.
// dependency-cruiser reads TypeScript through the `typescript` package only up to version 6, and the
// project compiles with TypeScript 7 (no JavaScript API), so it parses with @swc/core instead. Its swc
// reader parses every file as .ts; .tsx files (JSX) need swc's `tsx` flag, set here by file name.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const parseFileSync = swc.parseFileSync;
swc.parseFileSync = (path, options) => parseFileSync(path, { ...options, tsx: String(path).endsWith('.tsx') });

process.argv = [process.argv[0], 'depcruise', ...process.argv.slice(2)];
// The package exports only its API; the command line sits next to it.
await import(new URL('../../bin/dependency-cruise.mjs', import.meta.resolve('dependency-cruiser')).href);
