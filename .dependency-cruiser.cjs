// Layer rules of the source tree (docs/architecture in src/domain/README.md and the layout of src/):
// domain ← platform ← queries ← features ← jobs / web, with cli.ts and bootstrap.ts on top.
// Checked by `npm run lint` (depcruise src tools). Type-only imports count: swc reads every import
// declaration, `import type` included, so a cycle through types is still a cycle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not import each other, even through types: move the shared part to a lower module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports nothing of ours outside src/domain: only node: builtins and pure npm libraries.',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(?!domain/)|tools/|test/|bench/|scripts/)' },
    },
    {
      name: 'domain-no-io-packages',
      severity: 'error',
      comment: 'src/domain does no I/O: no database, queue, mail, web framework or file system.',
      from: { path: '^src/domain/' },
      to: {
        path: '(^|/)node_modules/(kysely|pg|pg-boss|pg-copy-streams|pg-cursor|@electric-sql|hono|@hono|nodemailer|pino|pdfkit|exceljs)/',
      },
    },
    {
      name: 'platform-below-features',
      severity: 'error',
      comment: 'src/platform may import src/domain, never features, queries, jobs, web, seed or the entry points.',
      from: { path: '^src/platform/' },
      to: { path: '^(src/(features|queries|jobs|web|api|seed)/|src/(cli|bootstrap)\\.ts$)' },
    },
    {
      name: 'queries-only-read',
      severity: 'error',
      comment: 'src/queries reads: it never imports commands, jobs or web.',
      from: { path: '^src/queries/' },
      to: { path: '^src/(features|jobs|web|seed)/|^src/(cli|bootstrap)\\.ts$' },
    },
    {
      name: 'views-read-no-data',
      severity: 'error',
      comment:
        'Views render what their route gives them and read no data: no database package, no platform module ' +
        '(but the constants of crypto.ts and the formatting of storage/upload.ts), not the reference lists ' +
        '(src/queries/referentials.ts: the route reads the options of a select and passes them). Views import ' +
        "other src/queries modules for their result types only (swc cannot tell `import type` apart).",
      from: { path: '^src/web/views/' },
      to: {
        path: [
          '^src/platform/(?!(crypto|storage/upload)\\.ts$)',
          '^src/queries/referentials\\.ts$',
          '(^|/)node_modules/(kysely|pg|pg-boss|pg-copy-streams|pg-cursor|@electric-sql)/',
        ],
      },
    },
    {
      name: 'features-not-web',
      severity: 'error',
      comment:
        'Commands never import the web layer. They may import a job definition (src/jobs/<job>.ts) to enqueue it; ' +
        'job handlers are loaded lazily by the job file.',
      from: { path: '^src/features/' },
      to: { path: '^src/web/|^src/(cli|bootstrap)\\.ts$' },
    },
    {
      name: 'features-only-job-definitions',
      severity: 'error',
      comment: 'A command may import a job definition file, not a module a job loads lazily (its handler).',
      from: { path: '^src/features/' },
      to: { path: '^src/jobs/.+/' },
    },
    {
      name: 'src-not-tools',
      severity: 'error',
      comment:
        'Product code never imports the load generator, tests or benches; only `guichet seed --dossiers` ' +
        '(src/cli.ts) loads tools/load, dynamically.',
      from: { path: '^src/', pathNot: '^src/cli\\.ts$' },
      to: { path: '^(tools|test|bench|scripts)/' },
    },
    {
      name: 'cli-loads-tools-lazily',
      severity: 'error',
      comment: 'src/cli.ts imports tools/load only through a dynamic import().',
      from: { path: '^src/cli\\.ts$' },
      to: { path: '^(tools|test|bench|scripts)/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'cli-only-tools-load',
      severity: 'error',
      comment: 'src/cli.ts may load tools/load, nothing else outside src.',
      from: { path: '^src/cli\\.ts$' },
      to: { path: '^(test|bench|scripts)/|^tools/(?!load/)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'Product code (src) uses runtime dependencies only.',
      from: { path: '^src/', pathNot: '\\.d\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: 'node_modules/@types/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    cache: false,
  },
};
