import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { helpText, parseCommandLine, type CommandLine } from '../../src/cli-args.ts';

test('commands and options', () => {
  const rows: [string[], CommandLine][] = [
    [[], { kind: 'run', command: 'start' }],
    [['start'], { kind: 'run', command: 'start' }],
    [['start', '--workers', '4'], { kind: 'run', command: 'start', workers: 4 }],
    [['--workers=2'], { kind: 'run', command: 'start', workers: 2 }],
    [['worker'], { kind: 'run', command: 'worker' }],
    [['migrate'], { kind: 'run', command: 'migrate' }],
    [['recount'], { kind: 'run', command: 'recount' }],
    [['seed'], { kind: 'run', command: 'seed' }],
    [['seed', '--dossiers', '1000'], { kind: 'run', command: 'seed', dossiers: 1000 }],
    [['seed', '--dossiers=1000'], { kind: 'run', command: 'seed', dossiers: 1000 }],
    [
      ['seed', '--dossiers', '1000000', '--procedure-dossiers', '100000'],
      { kind: 'run', command: 'seed', dossiers: 1_000_000, procedureDossiers: 100_000 },
    ],
    [
      ['seed', '--procedure-dossiers=5', '--dossiers', '20'],
      { kind: 'run', command: 'seed', dossiers: 20, procedureDossiers: 5 },
    ],
    [['seed', '--', '--dossiers'], { kind: 'error', message: '' }],
    [['procedures', '--json'], { kind: 'run', command: 'procedures', json: true }],
    [['procedures'], { kind: 'run', command: 'procedures', json: false }],
    [
      ['export', '--procedure', '12', '--format', 'xlsx', '--out', 'a.xlsx'],
      { kind: 'run', command: 'export', procedure: '12', format: 'xlsx', out: 'a.xlsx' },
    ],
    [
      ['export', '--procedure=3', '--format=zip', '--template', '7', '--out', '/tmp/x.zip'],
      { kind: 'run', command: 'export', procedure: '3', format: 'zip', template: '7', out: '/tmp/x.zip' },
    ],
    [['export', '--procedure', '12', '--format', 'pdf', '--out', 'a'], { kind: 'error', message: '' }],
    [['export', '--procedure', 'abc', '--format', 'csv', '--out', 'a'], { kind: 'error', message: '' }],
    [['export', '--procedure', '12', '--format', 'csv'], { kind: 'error', message: '' }],
  ];
  for (const [argv, expected] of rows) {
    const got = parseCommandLine(argv);
    if (expected.kind === 'error') assert.equal(got.kind, 'error', argv.join(' '));
    else assert.deepEqual(got, expected, argv.join(' '));
  }
});

test('help, in French, for all commands or one', () => {
  for (const argv of [['--help'], ['-h'], ['help']]) {
    const got = parseCommandLine(argv);
    assert.equal(got.kind, 'help');
    if (got.kind !== 'help') continue;
    assert.equal(got.text, helpText());
    for (const c of ['start', 'worker', 'migrate', 'seed', 'recount', '--dossiers N', '--procedure-dossiers M']) {
      assert.ok(got.text.includes(c), c);
    }
    assert.match(got.text, /^Usage : guichet/);
  }
  for (const argv of [
    ['seed', '--help'],
    ['seed', '-h'],
    ['help', 'seed'],
    ['seed', '--dossiers', '5', '--help'],
  ]) {
    assert.deepEqual(parseCommandLine(argv), { kind: 'help', text: helpText('seed') }, argv.join(' '));
  }
  assert.ok(!helpText('recount').includes('--dossiers'));
});

test('anything unknown or malformed is a clear French error', () => {
  const rows: [string[], RegExp][] = [
    [['bogus'], /^Commande inconnue : « bogus »/],
    [['seed', '--foo'], /^Option inconnue pour « seed » : --foo\./],
    [['start', '--port', '3000'], /^Option inconnue pour « start » : --port\./],
    [['--verbose'], /^Option inconnue pour « start » : --verbose\./],
    [['recount', '-x'], /^Option inconnue pour « recount » : -x\./],
    [['migrate', '--dossiers', '5'], /^Option inconnue pour « migrate » : --dossiers\./],
    [['seed', 'extra'], /^Argument inattendu pour « seed » : « extra »/],
    [['seed', '--dossiers'], /^L'option --dossiers attend une valeur \(N\)/],
    [['seed', '--dossiers', '--procedure-dossiers', '5'], /^L'option --dossiers attend une valeur \(N\)/],
    [['seed', '--dossiers', 'abc'], /^--dossiers : un nombre entier positif est attendu \(reçu « abc »\)/],
    [['seed', '--dossiers', '0'], /^--dossiers : un nombre entier positif est attendu/],
    [['seed', '--dossiers', '1.5'], /^--dossiers : un nombre entier positif est attendu/],
    [['seed', '--dossiers', '-3'], /^L'option --dossiers attend une valeur/],
    [['seed', '--dossiers', '10', '--procedure-dossiers', 'x'], /^--procedure-dossiers : un nombre entier positif/],
    [['seed', '--procedure-dossiers', '3'], /^--procedure-dossiers s'utilise avec --dossiers N/],
    [['seed', '--help=oui'], /^L'option --help ne prend pas de valeur/],
    [['start', '--workers', 'deux'], /^--workers : un nombre entier positif est attendu \(reçu « deux »\)/],
    [['start', '--workers'], /^L'option --workers attend une valeur \(N\)/],
    [['worker', '--workers', '2'], /^Option inconnue pour « worker » : --workers\./],
  ];
  for (const [argv, message] of rows) {
    const got = parseCommandLine(argv);
    assert.equal(got.kind, 'error', argv.join(' '));
    if (got.kind === 'error') {
      assert.match(got.message, message, argv.join(' '));
      assert.match(got.message, /Usage : guichet/, 'the usage follows the error');
    }
  }
});

test('the guichet command exits with code 2 on an unknown option, before opening any database', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'seed', '--dossier', '10'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
  });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /Option inconnue pour « seed » : --dossier\./);
  assert.equal(r.stdout, '');
  const help = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.equal(help.stdout.trim(), helpText());
});
