// One batch of the load (`guichet seed --dossiers N`): the same rows whether it is generated in the
// seed's own thread (PGlite) or in a worker thread (PostgreSQL, tools/load/load-worker.ts). Everything
// here is a pure function of the load's setup, the batch's first index and the ids reserved for it.
import {
  addMonthsUTC,
  buildDossier,
  DAY_MS,
  IdPool,
  type Person,
  type ProcedureCtx,
  Rng,
  RowBuffer,
  sharedSampleBlobs,
  subventionForm,
  type Universe,
} from './shared.ts';
import { ByteWriter } from './byte-writer.ts';
import { loadPhone } from './phones.ts';

export interface StoredGroup {
  id: string;
  weight: number;
  regions: string[];
  instructors: Person[];
}
export interface StoredProcedure {
  id: string;
  revisionId: string;
  groups: StoredGroup[];
  labelIds: string[];
}
/** What a load needs to generate (and resume): kept as JSON in app_settings. */
export interface LoadSetup {
  version: 1;
  dossiers: number;
  procedureDossiers: number;
  now: string;
  expert: Person;
  usagers: Person[];
  bench: StoredProcedure;
  fillers: StoredProcedure[];
}
/** Ids reserved from the sequences for one batch: dossier numbers (increasing), messages and rendez-vous (upper bounds per dossier). */
export interface BatchIds {
  dossiers: number[];
  messages: string[];
  rendez_vous: string[];
}

/** Labels of every load procedure (name, colour), in this order: the setup keeps their ids only. */
export const LABELS: [string, string][] = [
  ['À examiner', 'purple_glycine'],
  ['À relancer', 'yellow_tournesol'],
  ['Complet', 'green_bourgeon'],
  ['Urgent', 'pink_macaron'],
];
const RENDEZ_VOUS_PLACE = 'Direction de la vie associative, 1 place de la République, 75011 Paris (bureau 204)';
export const SEED = 0x5eed10ad;

/**
 * The load's form: subventionForm() with its phone field drawn by loadPhone — the same draws and
 * numbers as its hint's randomPhone, without libphonenumber (tools/load/phones.ts).
 */
export function loadForm(): ReturnType<typeof subventionForm> {
  const form = subventionForm();
  return { ...form, hints: { ...form.hints, c08: ({ rng }) => (rng.chance(0.8) ? loadPhone(rng) : null) } };
}

/** Builds batches of a load. */
export class BatchGenerator {
  /** what every batch shares; each gets its own ids */
  private readonly universe: Omit<Universe, 'ids'>;
  private readonly from: number;
  private readonly span: number;
  private readonly bench: ProcedureCtx;
  private readonly fillers: ProcedureCtx[];
  /** the jsonb texts of the last batch generated, as bytes (RowBuffer): reused from one batch to the next */
  private readonly arena = new ByteWriter(1 << 22);

  constructor(private readonly setup: LoadSetup) {
    const now = new Date(setup.now);
    this.universe = { now, usagers: setup.usagers, expert: setup.expert, filePolicy: sharedSampleBlobs() };
    const form = loadForm();
    this.from = addMonthsUTC(now, -14).getTime() + DAY_MS;
    this.span = now.getTime() - 3_600_000 - this.from;
    const toCtx = (p: StoredProcedure, rendezVousPlace: string | null): ProcedureCtx => ({
      id: p.id,
      revisionId: p.revisionId,
      form,
      retentionMonths: 12,
      expiresWhenTermine: true,
      publishedAt: addMonthsUTC(now, -14),
      closedAt: null,
      groups: p.groups,
      labels: p.labelIds.map((id, k) => ({ id, name: LABELS[k][0] })),
      contactEmail: 'vie-associative@guichet.test',
      rendezVousPlace,
    });
    this.bench = toCtx(setup.bench, RENDEZ_VOUS_PLACE);
    this.fillers = setup.fillers.map((f) => toCtx(f, null));
  }

  /** The dossier of index i goes to the big procedure for exactly its share, else to the fillers in turn. */
  private procedureOf(i: number): ProcedureCtx {
    const { dossiers: n, procedureDossiers: m } = this.setup;
    const before = Math.floor((i * m) / n);
    if (Math.floor(((i + 1) * m) / n) > before) return this.bench;
    return this.fillers[(i - before) % this.fillers.length];
  }

  /**
   * The rows of dossiers start … start + ids.dossiers.length - 1 (the ids of messages and rendez-vous
   * it does not use are left as gaps). Its jsonb values are valid until the next call (the arena).
   */
  generate(start: number, ids: BatchIds): RowBuffer {
    const n = this.setup.dossiers;
    const universe: Universe = {
      ...this.universe,
      ids: { messages: new IdPool(ids.messages), rendezVous: new IdPool(ids.rendez_vous) },
    };
    const rng = new Rng((SEED ^ Math.imul(start + 1, 0x9e3779b1)) >>> 0);
    this.arena.length = 0;
    const buf = new RowBuffer(this.arena);
    for (let k = 0; k < ids.dossiers.length; k++) {
      const i = start + k;
      const created = this.from + ((i + 0.05 + rng.next() * 0.9) / n) * this.span;
      buildDossier(buf, rng, ids.dossiers[k], created, this.procedureOf(i), universe);
    }
    return buf;
  }
}
