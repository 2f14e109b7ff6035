// The command line of `guichet` (src/cli.ts), read with node:util parseArgs: the command, its options,
// the French help, and a clear error (exit code 2) for anything unknown.
import { parseArgs } from 'node:util';

export type CommandName = 'start' | 'worker' | 'migrate' | 'seed' | 'recount' | 'procedures' | 'export';

export type CommandLine =
  | { kind: 'run'; command: Exclude<CommandName, 'seed' | 'start' | 'procedures' | 'export'> }
  | { kind: 'run'; command: 'start'; workers?: number }
  | { kind: 'run'; command: 'seed'; dossiers?: number; procedureDossiers?: number }
  | { kind: 'run'; command: 'procedures'; json: boolean }
  | {
      kind: 'run';
      command: 'export';
      procedure: string;
      format: 'csv' | 'xlsx' | 'ods' | 'zip';
      template?: string;
      out: string;
    }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

export type RunCommand = Extract<CommandLine, { kind: 'run' }>;

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** shown in the help after the option name, for string options */
  value?: string;
  help: string;
}

interface CommandSpec {
  help: string;
  options: Record<string, OptionSpec>;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'affiche cette aide' };

const COMMANDS: Record<CommandName, CommandSpec> = {
  start: {
    help: 'démarre le serveur web (et les tâches avec la base embarquée) ; commande par défaut',
    options: {
      workers: {
        type: 'string',
        value: 'N',
        help: 'N processus web sur le même port (PostgreSQL ; les tâches dans un processus à part)',
      },
    },
  },
  worker: { help: 'démarre le worker des tâches seul (PostgreSQL, avec RUN_WORKER=false côté web)', options: {} },
  migrate: { help: 'applique les migrations de la base', options: {} },
  seed: {
    help: 'crée les données de démonstration dans une base vide, ou un jeu de charge avec --dossiers',
    options: {
      dossiers: { type: 'string', value: 'N', help: 'jeu de charge de N dossiers (voir docs/load-seed.md)' },
      'procedure-dossiers': {
        type: 'string',
        value: 'M',
        help: 'dont M sur la démarche principale (par défaut N, au plus 100 000)',
      },
    },
  },
  recount: { help: 'recompte les totaux des onglets des listes de dossiers et corrige les écarts', options: {} },
  procedures: {
    help: 'liste les démarches (numéro, titre, nombre de dossiers)',
    options: { json: { type: 'boolean', help: 'en JSON : [{"number", "title", "dossiers"}]' } },
  },
  export: {
    help: "exporte les dossiers d'une démarche (tous les groupes, « au total ») dans un fichier",
    options: {
      procedure: { type: 'string', value: 'N', help: 'numéro de la démarche' },
      format: { type: 'string', value: 'F', help: 'csv, xlsx, ods ou zip' },
      template: { type: 'string', value: 'ID', help: "modèle d'export (facultatif)" },
      out: { type: 'string', value: 'FICHIER', help: 'fichier à écrire' },
    },
  },
};

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

function optionLabel(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : long;
}

/** The help of every command, or of one. */
export function helpText(command?: CommandName): string {
  const names = command ? [command] : (Object.keys(COMMANDS) as CommandName[]);
  const lines = [command ? `Usage : guichet ${command} [options]` : 'Usage : guichet [commande] [options]', ''];
  if (!command) lines.push('Commandes :');
  for (const name of names) {
    const spec = COMMANDS[name];
    lines.push(`  ${name.padEnd(10)} ${spec.help}`);
    for (const [opt, o] of Object.entries(spec.options))
      lines.push(`      ${optionLabel(opt, o).padEnd(26)} ${o.help}`);
  }
  lines.push('', 'Options :', `  ${optionLabel('help', HELP_OPTION).padEnd(30)} ${HELP_OPTION.help}`);
  if (!command) lines.push('', 'Exemple : npm run guichet -- seed --dossiers 10000');
  return lines.join('\n');
}

function positiveInteger(option: string, raw: string | undefined): number | string {
  if (raw !== undefined && /^[1-9]\d*$/.test(raw)) return Number(raw);
  return `--${option} : un nombre entier positif est attendu${raw === undefined ? '' : ` (reçu « ${raw} »)`}`;
}

/** Reads the arguments after the script name (process.argv.slice(2)). */
export function parseCommandLine(argv: string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'run', command: 'start' };
  if (first === 'help' || first === '--help' || first === '-h') {
    const about = rest[0];
    return { kind: 'help', text: helpText(about && isCommand(about) ? about : undefined) };
  }
  // options without a command: those of the default command
  const command = first.startsWith('-') ? 'start' : first;
  const args = first.startsWith('-') ? argv : rest;
  if (!isCommand(command)) {
    return { kind: 'error', message: `Commande inconnue : « ${command} ».\n\n${helpText()}` };
  }
  const spec = COMMANDS[command];
  const usage = `\n\n${helpText(command)}`;
  const options = { ...spec.options, help: HELP_OPTION };
  // strict: false so that every problem is reported below in French, from the tokens
  const { tokens } = parseArgs({
    args,
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  for (const token of tokens) {
    if (token.kind === 'positional') {
      return { kind: 'error', message: `Argument inattendu pour « ${command} » : « ${token.value} ».${usage}` };
    }
    if (token.kind === 'option-terminator') continue;
    const o: OptionSpec | undefined = Object.hasOwn(options, token.name)
      ? options[token.name as keyof typeof options]
      : undefined;
    if (!o) return { kind: 'error', message: `Option inconnue pour « ${command} » : ${token.rawName}.${usage}` };
    if (o.type === 'boolean' && token.value !== undefined) {
      return { kind: 'error', message: `L'option ${token.rawName} ne prend pas de valeur.${usage}` };
    }
    if (
      o.type === 'string' &&
      (token.value === undefined || (token.inlineValue !== true && token.value.startsWith('-')))
    ) {
      return { kind: 'error', message: `L'option ${token.rawName} attend une valeur (${o.value}).${usage}` };
    }
    values[token.name] = token.value ?? true;
  }
  if (values.help) return { kind: 'help', text: helpText(command) };
  if (command === 'start') {
    if (values.workers === undefined) return { kind: 'run', command };
    const workers = positiveInteger('workers', values.workers as string);
    if (typeof workers === 'string') return { kind: 'error', message: `${workers}.${usage}` };
    return { kind: 'run', command, workers };
  }
  if (command === 'procedures') return { kind: 'run', command, json: values.json === true };
  if (command === 'export') return exportCommand(values, usage);
  if (command !== 'seed') return { kind: 'run', command };

  const dossiersRaw = values.dossiers as string | undefined;
  const procedureRaw = values['procedure-dossiers'] as string | undefined;
  if (dossiersRaw === undefined) {
    if (procedureRaw !== undefined) {
      return { kind: 'error', message: `--procedure-dossiers s'utilise avec --dossiers N.${usage}` };
    }
    return { kind: 'run', command };
  }
  const dossiers = positiveInteger('dossiers', dossiersRaw);
  if (typeof dossiers === 'string') return { kind: 'error', message: `${dossiers}.${usage}` };
  if (procedureRaw === undefined) return { kind: 'run', command, dossiers };
  const procedureDossiers = positiveInteger('procedure-dossiers', procedureRaw);
  if (typeof procedureDossiers === 'string') return { kind: 'error', message: `${procedureDossiers}.${usage}` };
  return { kind: 'run', command, dossiers, procedureDossiers };
}

const EXPORT_FORMATS = ['csv', 'xlsx', 'ods', 'zip'] as const;

function exportCommand(values: Record<string, string | boolean>, usage: string): CommandLine {
  const procedure = values.procedure as string | undefined;
  const format = values.format as string | undefined;
  const out = values.out as string | undefined;
  const template = values.template as string | undefined;
  if (!procedure || !/^[1-9]\d{0,17}$/.test(procedure))
    return { kind: 'error', message: `--procedure : le numéro de la démarche est attendu.${usage}` };
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format))
    return { kind: 'error', message: `--format : csv, xlsx, ods ou zip est attendu.${usage}` };
  if (!out) return { kind: 'error', message: `--out : le fichier à écrire est attendu.${usage}` };
  if (template !== undefined && !/^[1-9]\d{0,17}$/.test(template))
    return { kind: 'error', message: `--template : le numéro du modèle est attendu.${usage}` };
  return {
    kind: 'run',
    command: 'export',
    procedure,
    format: format as (typeof EXPORT_FORMATS)[number],
    out,
    ...(template ? { template } : {}),
  };
}
