// What the demo seed (demo.ts) and the load seed (tools/load/load.ts) share: a deterministic PRNG, French
// word banks, the procedure forms, value generators valid for each field type, the dossier
// lifecycle generator (one dossier → its row and its events, follows, messages, corrections, avis,
// labels, rendez-vous, notifications and files, all consistent with docs/domain.md §2–§5 and with the
// events the features record), and a multi-row INSERT …
// SELECT FROM unnest(…) writer (one parameter per column, whatever the number of rows).
import crypto from 'node:crypto';
import type { Executor } from '../platform/db/index.ts';
import { executeRaw } from '../platform/db/index.ts';
import { evaluateCondition } from '../domain/conditions.ts';
import type { DossierState } from '../domain/dossier-state.ts';
import type { ChampsMap, Condition, FieldDef, FieldValue, FileRef, RepetitionRow } from '../domain/fields/types.ts';
import { DEPOSE_NOTIFICATION_DELAY_DAYS } from '../domain/notifications.ts';
import { parisLocalToUtc, type RdvMode } from '../domain/rendez-vous.ts';
import { addDaysUTC, addMonthsUTC, computeExpiresAt, WARNING_DAYS } from '../domain/retention.ts';
import { normalizePhone } from '../domain/fields/phone.ts';
import { searchPartsOfDossier } from '../queries/search-terms.ts';
import { type SearchVectors, tsvectorLiteral } from './search-vectors.ts';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a small, fast, seeded PRNG (same seed → same demo, every time). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
  /** exponential duration with this mean */
  expo(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
  /** k distinct items, in their original order */
  subset<T>(items: readonly T[], k: number): T[] {
    const idx = items.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx
      .slice(0, k)
      .sort((a, b) => a - b)
      .map((i) => items[i]);
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n)
      s += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, n);
  }
}

// ---------------------------------------------------------------------------------------------
// Time helpers

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const at = (ms: number): Date => new Date(ms);
const pad2 = (n: number) => String(n).padStart(2, '0');
const P2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const P3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();
function dayPrefix(day: number): string {
  let s = dayPrefixes.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, s);
  }
  return s;
}
/** Date.prototype.toISOString of an instant (ms), 8× faster: the load formats millions of them. */
export function isoOf(ms: number): string {
  const t = Math.floor(ms);
  const day = Math.floor(t / DAY_MS);
  let rem = t - day * DAY_MS;
  const h = (rem / HOUR_MS) | 0;
  rem -= h * HOUR_MS;
  const mi = (rem / 60_000) | 0;
  rem -= mi * 60_000;
  const sec = (rem / 1000) | 0;
  return `${dayPrefix(day)}${P2[h]}:${P2[mi]}:${P2[sec]}.${P3[rem - sec * 1000]}Z`;
}
/** 'YYYY-MM-DD' of an instant, in UTC. */
export const ymd = (d: Date): string => dayPrefix(Math.floor(d.getTime() / DAY_MS)).slice(0, 10);
/** A time between a and b (ms). */
function between(rng: Rng, a: number, b: number): number {
  return b <= a ? a : a + rng.next() * (b - a);
}

// ---------------------------------------------------------------------------------------------
// Word banks

export const PRENOMS_F = [
  'Marie',
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Sarah',
  'Julie',
  'Emma',
  'Louise',
  'Anne',
  'Sophie',
  'Nathalie',
  'Isabelle',
  'Céline',
  'Aurélie',
  'Émilie',
  'Hélène',
  'Claire',
  'Lucie',
  'Margaux',
  'Zoé',
  'Amina',
  'Fatima',
  'Yasmine',
  'Nadia',
  'Christine',
  'Martine',
  'Françoise',
  'Élodie',
  'Mathilde',
  'Agathe',
  'Bérénice',
  'Solène',
  'Gaëlle',
  'Maëlys',
] as const;
export const PRENOMS_M = [
  'Jean',
  'Pierre',
  'Louis',
  'Lucas',
  'Hugo',
  'Thomas',
  'Nicolas',
  'Julien',
  'Antoine',
  'Maxime',
  'Alexandre',
  'Mehdi',
  'Karim',
  'Yanis',
  'Mohamed',
  'Philippe',
  'François',
  'Michel',
  'Patrick',
  'Stéphane',
  'Olivier',
  'Sébastien',
  'Benoît',
  'Jérôme',
  'Cédric',
  'Grégoire',
  'Théo',
  'Raphaël',
  'Gabriel',
  'Noël',
  'Hervé',
  'Loïc',
  'Joël',
  'Aurélien',
  'Mathéo',
  'Bastien',
] as const;
export const NOMS = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefèvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Müller',
  'Lefebvre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Gautier',
  'Masson',
  'Marchand',
  'Duval',
  'Denis',
  'Dumont',
  'Marie',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Meunier',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Lucas',
  'Brunet',
  'Gaillard',
  'Barbier',
  'Arnaud',
  'Martínez',
  'Gérard',
  'Roche',
  'Renard',
  'Schmitt',
  'Roy',
  'Leroux',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Roger',
  'Fabre',
  'Aubert',
  'Lemoine',
  'Renaud',
  'Dumas',
  'Lacroix',
  'Olivier',
  'Philippe',
  'Bourgeois',
  'Pierre',
  'Benoît',
  'Rey',
  'Leclerc',
  'Payet',
  'Rolland',
  'Leclercq',
  'Guillaume',
  'Lecomte',
  'Lopez',
  'Jean',
  'Dupuy',
  'Guillot',
  'Hubert',
  'Berger',
  'Carpentier',
  'Sánchez',
  'Dupuis',
  'Moulin',
  'Louis',
  'Deschamps',
  'Huet',
  'Vasseur',
  'Perez',
  'Boucher',
  'Fleury',
  'Royer',
  'Klein',
  'Jacquet',
  'Adam',
  'Paris',
  'Poirier',
  'Marty',
  'Aubry',
  'Guyot',
  'Carré',
  'Charles',
  'Renault',
  'Charpentier',
  'Ménard',
  'Maillard',
  'Baron',
  'Bertin',
  'Bailly',
  'Hervé',
  'Schneider',
  'Fernandez',
  'Le Gall',
  'Collet',
  'Léger',
  'Bouvier',
  'Julien',
  'Prévost',
  'Millet',
  'Perrot',
  'Daniel',
  'Le Roux',
  'Cousin',
  'Germain',
  'Breton',
  'Besson',
  'Langlois',
  'Rémy',
  'Le Goff',
  'Pelletier',
  'Lévêque',
  'Perrier',
  'Leblanc',
  'Barré',
  'Lebrun',
  'Marchal',
  'Weber',
  'Mallet',
  'Hamon',
  'Boulanger',
  'Jacob',
  'Monnier',
  'Michaud',
  'Rodriguez',
  'Guichard',
  'Gillet',
  'Étienne',
  'Grondin',
  'Poulain',
  'Tessier',
  'Chevallier',
  'Collin',
  'Chauvin',
  'Da Silva',
  'Bouchet',
  'Gay',
  'Lemaître',
  'Bénard',
  'Maréchal',
  'Humbert',
  'Reynaud',
  'Antoine',
  'Hoarau',
  'Perret',
  'Barthélemy',
  'Cordier',
  'Pichon',
  'Lejeune',
  'Gilbert',
  'Lamy',
  'Delaunay',
  'Pasquier',
  'Carlier',
  'Laporte',
  'Ben Ali',
  'Nguyen',
  'Diallo',
  'Traoré',
  'Haddad',
  'Benali',
  'Mendy',
  'Kaya',
] as const;

interface Commune {
  name: string;
  cp: string;
}
interface Departement {
  code: string;
  name: string;
  communes: Commune[];
}
interface Region {
  name: string;
  zone: 'nord' | 'sud';
  departements: Departement[];
}

const c = (name: string, cp: string): Commune => ({ name, cp });
export const REGIONS: Region[] = [
  {
    name: 'Hauts-de-France',
    zone: 'nord',
    departements: [
      {
        code: '59',
        name: 'Nord',
        communes: [
          c('Lille', '59000'),
          c('Roubaix', '59100'),
          c('Tourcoing', '59200'),
          c('Dunkerque', '59140'),
          c('Valenciennes', '59300'),
        ],
      },
      {
        code: '62',
        name: 'Pas-de-Calais',
        communes: [c('Arras', '62000'), c('Calais', '62100'), c('Lens', '62300'), c('Boulogne-sur-Mer', '62200')],
      },
      { code: '80', name: 'Somme', communes: [c('Amiens', '80000'), c('Abbeville', '80100')] },
    ],
  },
  {
    name: 'Normandie',
    zone: 'nord',
    departements: [
      {
        code: '76',
        name: 'Seine-Maritime',
        communes: [c('Rouen', '76000'), c('Le Havre', '76600'), c('Dieppe', '76200')],
      },
      { code: '14', name: 'Calvados', communes: [c('Caen', '14000'), c('Bayeux', '14400'), c('Lisieux', '14100')] },
    ],
  },
  {
    name: 'Île-de-France',
    zone: 'nord',
    departements: [
      {
        code: '75',
        name: 'Paris',
        communes: [c('Paris 11e', '75011'), c('Paris 18e', '75018'), c('Paris 20e', '75020')],
      },
      {
        code: '93',
        name: 'Seine-Saint-Denis',
        communes: [c('Saint-Denis', '93200'), c('Montreuil', '93100'), c('Bobigny', '93000')],
      },
      {
        code: '94',
        name: 'Val-de-Marne',
        communes: [c('Créteil', '94000'), c('Vitry-sur-Seine', '94400'), c('Ivry-sur-Seine', '94200')],
      },
    ],
  },
  {
    name: 'Grand Est',
    zone: 'nord',
    departements: [
      {
        code: '67',
        name: 'Bas-Rhin',
        communes: [c('Strasbourg', '67000'), c('Haguenau', '67500'), c('Sélestat', '67600')],
      },
      { code: '57', name: 'Moselle', communes: [c('Metz', '57000'), c('Thionville', '57100'), c('Forbach', '57600')] },
    ],
  },
  {
    name: "Provence-Alpes-Côte d'Azur",
    zone: 'sud',
    departements: [
      {
        code: '13',
        name: 'Bouches-du-Rhône',
        communes: [c('Marseille', '13001'), c('Aix-en-Provence', '13100'), c('Arles', '13200')],
      },
      { code: '83', name: 'Var', communes: [c('Toulon', '83000'), c('Hyères', '83400'), c('Fréjus', '83600')] },
      {
        code: '06',
        name: 'Alpes-Maritimes',
        communes: [c('Nice', '06000'), c('Cannes', '06400'), c('Antibes', '06600')],
      },
    ],
  },
  {
    name: 'Occitanie',
    zone: 'sud',
    departements: [
      {
        code: '31',
        name: 'Haute-Garonne',
        communes: [c('Toulouse', '31000'), c('Colomiers', '31770'), c('Muret', '31600')],
      },
      { code: '34', name: 'Hérault', communes: [c('Montpellier', '34000'), c('Béziers', '34500'), c('Sète', '34200')] },
    ],
  },
  {
    name: 'Nouvelle-Aquitaine',
    zone: 'sud',
    departements: [
      { code: '33', name: 'Gironde', communes: [c('Bordeaux', '33000'), c('Mérignac', '33700'), c('Pessac', '33600')] },
      {
        code: '64',
        name: 'Pyrénées-Atlantiques',
        communes: [c('Pau', '64000'), c('Bayonne', '64100'), c('Biarritz', '64200')],
      },
    ],
  },
  {
    name: 'Auvergne-Rhône-Alpes',
    zone: 'sud',
    departements: [
      {
        code: '69',
        name: 'Rhône',
        communes: [c('Lyon 3e', '69003'), c('Villeurbanne', '69100'), c('Vénissieux', '69200')],
      },
      { code: '38', name: 'Isère', communes: [c('Grenoble', '38000'), c('Vienne', '38200'), c('Voiron', '38500')] },
    ],
  },
];
export const NORD_REGIONS = REGIONS.filter((r) => r.zone === 'nord').map((r) => r.name);
export const SUD_REGIONS = REGIONS.filter((r) => r.zone === 'sud').map((r) => r.name);
const departementLabel = (d: Departement) => `${d.code} – ${d.name}`;

/** Routing rule of a group: the project's region is one of these (field c15 of the subvention form). */
export function regionRoutingRule(regions: string[]): Condition {
  return { op: 'or', terms: regions.map((value) => ({ op: 'eq' as const, field: 'c15', value })) };
}

const VOIES = [
  'rue de la République',
  'rue Victor-Hugo',
  'avenue Jean-Jaurès',
  'rue Pasteur',
  'boulevard Gambetta',
  'place de la Mairie',
  'rue du Général-de-Gaulle',
  'chemin des Vignes',
  'allée des Tilleuls',
  'rue Jules-Ferry',
  'impasse des Lilas',
  'rue de la Gare',
  'avenue de la Libération',
  'quai des Bateliers',
  "rue de l'Église",
  'rue Émile-Zola',
  'rue des Écoles',
  'cours Mirabeau',
];
const DOMAINES = ['Culture', 'Sport', 'Social', 'Environnement', 'Éducation', 'Santé', 'Jeunesse'] as const;
const DOMAINES_AUTRES = ['Patrimoine', 'Solidarité internationale', 'Numérique', 'Tourisme'];
const PUBLICS = ['Enfants', 'Adolescents', 'Adultes', 'Seniors', 'Personnes en situation de handicap', 'Familles'];
const ASSO_MODELES: Record<string, string[]> = {
  Culture: [
    'Les Amis du théâtre de {c}',
    'Festival des arts de {c}',
    'Chorale La Clé des chants',
    'Compagnie Les Tréteaux',
    'Ciné-club de {c}',
  ],
  Sport: [
    'Association sportive de {c}',
    'Union cycliste de {c}',
    'Judo club {c}',
    'Les Foulées de {c}',
    'Tennis de table {c}',
  ],
  Social: [
    'Restos du cœur – antenne de {c}',
    'Entraide et partage {c}',
    'Secours solidaire de {c}',
    'Épicerie sociale Le Panier',
  ],
  Environnement: ['Les Jardins partagés de {c}', 'Nature et rivières {c}', 'Zéro déchet {c}', 'Les Amis de la forêt'],
  Éducation: [
    'Soutien scolaire {c}',
    'Lire et faire lire {c}',
    'Les Petits Débrouillards de {c}',
    'Parents d’élèves de {c}',
  ],
  Santé: ['Vivre avec le diabète {c}', 'Don du sang bénévole de {c}', 'Écoute et soutien {c}'],
  Jeunesse: [
    'Maison des jeunes de {c}',
    'Scouts et guides de {c}',
    'Conseil des jeunes de {c}',
    'Animation jeunesse {c}',
  ],
};
const PROJETS: Record<string, string[]> = {
  Culture: [
    'Festival d’été {y}',
    'Création d’un spectacle itinérant',
    'Résidence d’artistes au quartier',
    'Exposition photographique',
  ],
  Sport: [
    'Achat de vélos pour l’école de cyclisme',
    'Tournoi régional des jeunes',
    'Sport santé pour les seniors',
    'Section handisport',
  ],
  Social: [
    'Distribution alimentaire hivernale',
    'Permanence d’accès aux droits',
    'Ateliers cuisine et budget',
    'Accueil de jour',
  ],
  Environnement: [
    'Plantation d’un verger partagé',
    'Nettoyage des berges',
    'Compostage collectif',
    'Sentier pédagogique',
  ],
  Éducation: [
    'Aide aux devoirs',
    'Ateliers scientifiques du mercredi',
    'Club lecture en bibliothèque',
    'Initiation au code',
  ],
  Santé: ['Journée de prévention', 'Groupes de parole', 'Campagne de dépistage'],
  Jeunesse: ['Séjour découverte', 'Chantier de jeunes bénévoles', 'Studio de musique', 'Fête de quartier'],
};
const PHRASES = [
  'Le projet s’adresse en priorité aux habitants du quartier.',
  'Il mobilise une vingtaine de bénévoles tout au long de l’année.',
  'Les activités se déroulent dans une salle mise à disposition par la commune.',
  'Nous souhaitons pérenniser une action lancée avec succès l’an dernier.',
  'Un partenariat est engagé avec les écoles et le centre social.',
  'La subvention permettra d’acheter le matériel nécessaire et de rémunérer un intervenant.',
  'Le bilan de l’édition précédente a montré une forte participation des familles.',
  'Le budget prévisionnel est équilibré grâce aux cotisations et à l’autofinancement.',
  'Une attention particulière est portée à l’accessibilité des personnes handicapées.',
  'Les résultats seront présentés lors de l’assemblée générale.',
  'Le calendrier prévoit trois temps forts entre le printemps et l’automne.',
  'L’association a déjà obtenu le soutien du département pour une partie du projet.',
];
const POSTES = [
  'Location de salle',
  'Achat de matériel',
  'Communication',
  'Transport',
  'Rémunération des intervenants',
  'Assurance',
  'Restauration',
  'Frais administratifs',
];
const QUESTIONS_USAGER = [
  'Bonjour, pouvez-vous me dire où en est l’instruction de mon dossier ? Merci.',
  'Bonjour, je vous transmets une précision : le budget a été revu légèrement à la baisse.',
  'Bonjour, faut-il fournir le dernier rapport d’activité ? Cordialement.',
  'Merci pour votre retour, je reste à votre disposition.',
];
const REPONSES_INSTRUCTEUR = [
  'Bonjour, votre dossier est en cours d’examen ; une réponse vous sera apportée prochainement.',
  'Bonjour, merci pour ces précisions, elles ont bien été prises en compte.',
  'Bonjour, le rapport d’activité n’est pas obligatoire mais il est utile à l’instruction.',
];
const CORRECTIONS = [
  'Bonjour, le SIRET indiqué ne correspond pas à votre association : merci de le corriger.',
  'Bonjour, les statuts joints ne sont pas signés : merci de fournir une version signée.',
  'Bonjour, le budget prévisionnel est incomplet : merci de détailler les dépenses.',
];
const MOTIVATIONS: Record<'accepte' | 'refuse' | 'sans_suite', string[]> = {
  accepte: ['Projet conforme aux critères du dispositif.', 'Avis favorable de la commission.'],
  refuse: [
    'Le projet ne relève pas du champ du dispositif.',
    'Les crédits de l’exercice sont épuisés.',
    'Le dossier ne comporte pas les pièces demandées malgré nos relances.',
    'L’association ne remplit pas la condition d’ancienneté d’un an.',
  ],
  sans_suite: [
    'Demande retirée par l’association.',
    'Doublon avec un autre dossier déposé par l’association.',
    'Projet abandonné par le porteur.',
  ],
};
const AVIS_REPONSES = [
  'Avis favorable : le projet est cohérent et le budget réaliste.',
  'Avis réservé : le plan de financement repose trop sur la subvention.',
  'Avis favorable sous réserve de la signature d’une convention.',
  'Avis défavorable : l’action est déjà financée par ailleurs.',
];

const slugs = new Map<string, string>();
/** Names, associations and labels come from small banks: each is slugged once. */
export function slug(s: string): string {
  let out = slugs.get(s);
  if (out === undefined) {
    out = s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (slugs.size < 100_000) slugs.set(s, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Valid identifiers

function luhnKey(digits: string): number {
  for (let k = 0; k <= 9; k++) {
    const s = digits + k;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let d = Number(s[s.length - 1 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return k;
  }
  return 0;
}
function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}
/** A SIRET with a valid key (SIREN Luhn-valid, whole SIRET Luhn-valid, never La Poste's 356000000). */
export function randomSiret(rng: Rng): string {
  let siren8 = String(rng.int(1, 9)) + digits(rng, 7);
  if (siren8.startsWith('35600000')) siren8 = '44' + siren8.slice(2);
  const siren = siren8 + luhnKey(siren8);
  const body = siren + '000' + String(rng.int(1, 9));
  return body + luhnKey(body);
}
function mod97(numeric: string): number {
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return r;
}
/** A French IBAN with valid RIB key and IBAN check digits, compact upper case. */
export function randomIban(rng: Rng): string {
  const bank = rng.pick(['30004', '30002', '30003', '10278', '20041', '17515', '16958', '12506']);
  const guichet = digits(rng, 5);
  const account = digits(rng, 11);
  const ribKey = 97 - ((89 * Number(bank) + 15 * Number(guichet) + 3 * Number(account)) % 97);
  const bban = bank + guichet + account + String(ribKey).padStart(2, '0');
  const check = 98 - mod97(bban + '152700'); // F=15 R=27 then '00'
  return `FR${String(check).padStart(2, '0')}${bban}`;
}
export function randomPhone(rng: Rng): string {
  const first = rng.weighted([
    ['6', 5],
    ['7', 2],
    ['1', 1],
    ['2', 1],
    ['3', 1],
    ['4', 1],
    ['5', 1],
    ['9', 1],
  ] as const);
  // E.164, as the phone field stores it; a draw in an unallocated or overseas range becomes a 061… mobile
  // (no extra draw, so the rest of the seed is unchanged)
  const rest = digits(rng, 8);
  const drawn = `+33${first}${rest}`;
  return normalizePhone(drawn) === drawn ? drawn : `+3361${rest.slice(1)}`;
}
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID-shaped id (time prefix + randomness), for repetition rows. */
export function ulidLike(rng: Rng, ms: number): string {
  let time = '';
  let t = Math.floor(ms);
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[rng.int(0, 31)];
  return time + rand;
}

// ---------------------------------------------------------------------------------------------
// Persona and files

export interface Persona {
  civilite: 'M.' | 'Mme';
  prenom: string;
  nom: string;
  domaine: string;
  region: Region;
  departement: Departement;
  commune: Commune;
  association: string;
}

export function makePersona(rng: Rng, regions: readonly string[]): Persona {
  const civilite = rng.chance(0.52) ? 'Mme' : 'M.';
  const prenom = rng.pick(civilite === 'Mme' ? PRENOMS_F : PRENOMS_M);
  const nom = rng.pick(NOMS);
  const regionName = rng.pick(regions);
  const region = REGIONS.find((r) => r.name === regionName) ?? REGIONS[0];
  const departement = rng.pick(region.departements);
  const commune = rng.pick(departement.communes);
  const domaine = rng.pick(DOMAINES);
  const association = rng.pick(ASSO_MODELES[domaine]).replace('{c}', commune.name);
  return { civilite, prenom, nom, domaine, region, departement, commune, association };
}

/** A small, valid one-page PDF whose text is `title` (ASCII only: the built-in font is WinAnsi). */
export function samplePdf(title: string): Buffer {
  const text = title
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[()\\]/g, '');
  const stream = `BT /F1 16 Tf 72 770 Td (${text}) Tj 0 -28 Td /F1 11 Tf (Document de demonstration Guichet) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** How files of generated champs are stored: one blob per file (demo) or shared sample blobs (load). */
export interface FilePolicy {
  /** storage key and bytes of a new file; `put` is called by the caller for each returned blob */
  blobFor(fileId: string, name: string): { key: string; size: number; sha256: string; bytes?: Buffer };
}
export function perFileBlobs(): FilePolicy {
  return {
    blobFor(fileId, name) {
      const bytes = samplePdf(name);
      return { key: `seed/${fileId}`, size: bytes.length, sha256: sha256(bytes), bytes };
    },
  };
}
export const SHARED_SAMPLE_KEYS = ['seed/echantillon-1', 'seed/echantillon-2', 'seed/echantillon-3'];
export function sharedSampleBlobs(): FilePolicy & { samples: { key: string; bytes: Buffer }[] } {
  const samples = SHARED_SAMPLE_KEYS.map((key, i) => ({
    key,
    bytes: samplePdf(`Piece justificative echantillon ${i + 1}`),
  }));
  const meta = samples.map((s) => ({ key: s.key, size: s.bytes.length, sha256: sha256(s.bytes) }));
  let n = 0;
  return { samples, blobFor: () => meta[n++ % meta.length] };
}
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

// ---------------------------------------------------------------------------------------------
// Forms

const f = (stableId: string, type: FieldDef['type'], label: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  stableId,
  type,
  label,
  mandatory: type !== 'header_section' && type !== 'explication',
  private: false,
  ...extra,
});
const annotation = (
  stableId: string,
  type: FieldDef['type'],
  label: string,
  extra: Partial<FieldDef> = {},
): FieldDef => ({
  ...f(stableId, type, label, { mandatory: false, ...extra }),
  private: true,
});

/** Context of one dossier's values: who files it, when, which number. */
export interface ValueContext {
  rng: Rng;
  persona: Persona;
  dossierId: number;
  /** values are typed between these instants (ms) */
  from: number;
  to: number;
  /** today's date for `pastOnly` */
  today: string;
  state: DossierState;
  /** files created for piece_justificative values (caller inserts them) */
  files: {
    fileId: string;
    name: string;
    size: number;
    contentType: string;
    key: string;
    sha256: string;
    originRef: string;
    bytes?: Buffer;
    at: number;
  }[];
  filePolicy: FilePolicy;
}
type Hint = (ctx: ValueContext, def: FieldDef) => FieldValue | null;

export interface FormSpec {
  fields: FieldDef[];
  annotations: FieldDef[];
  /** realistic values for some fields; the others get generic values of their type */
  hints: Record<string, Hint>;
  /** annotation values, by state */
  annotationHints: Record<string, Hint>;
}

const DEPARTEMENTS_LINKED = REGIONS.flatMap((r) => r.departements).map((d) => ({
  primary: departementLabel(d),
  secondaries: d.communes.map((x) => x.name),
}));

/** « Demande de subvention pour association »: every field type, a condition, a repetition block. */
export function subventionForm(): FormSpec {
  const hasPrevious: Condition = { op: 'eq', field: 'c20', value: true };
  const fields: FieldDef[] = [
    f('c01', 'header_section', "L'association", { options: { level: 1 } }),
    f('c02', 'explication', 'À propos de cette démarche', {
      description:
        "Renseignez les informations de votre association telles qu'elles figurent au répertoire national des associations (RNA). Les champs marqués d'un astérisque sont obligatoires.",
      options: { collapsible: true },
    }),
    f('c03', 'text', "Nom de l'association"),
    f('c04', 'siret', "SIRET de l'association"),
    f('c05', 'formatted', 'Numéro RNA', {
      mandatory: false,
      description: 'La lettre W suivie de 9 chiffres.',
      options: {
        regex: 'W\\d{9}',
        regexExample: 'W751234567',
        regexError: 'Le numéro RNA commence par W suivi de 9 chiffres',
      },
    }),
    f('c06', 'address', 'Adresse du siège social'),
    f('c07', 'email', "Adresse électronique de l'association"),
    f('c08', 'phone', 'Téléphone', { mandatory: false }),
    f('c09', 'date', "Date de création de l'association", { options: { pastOnly: true } }),
    f('c10', 'drop_down_list', "Domaine d'activité", { options: { choices: [...DOMAINES], other: true } }),
    f('c11', 'integer_number', "Nombre d'adhérents", { options: { positive: true, max: 100000 } }),
    f('c12', 'header_section', 'Le projet', { options: { level: 1 } }),
    f('c13', 'text', 'Intitulé du projet'),
    f('c14', 'textarea', 'Description du projet', {
      description: 'Objectifs, publics, calendrier (2 000 caractères au plus).',
      options: { characterLimit: 2000 },
    }),
    f('c15', 'drop_down_list', 'Région du projet', { options: { choices: REGIONS.map((r) => r.name) } }),
    f('c16', 'linked_drop_down_list', 'Département et commune du projet', { options: { linked: DEPARTEMENTS_LINKED } }),
    f('c17', 'multiple_drop_down_list', 'Publics visés', { options: { choices: PUBLICS } }),
    f('c18', 'datetime', "Date et heure de l'événement principal", { mandatory: false }),
    f('c19', 'decimal_number', 'Montant demandé (€)', { options: { min: 500, max: 50000 } }),
    f('c20', 'yes_no', "L'association a-t-elle déjà reçu une subvention de ce dispositif ?"),
    f('c21', 'decimal_number', 'Montant de la subvention précédente (€)', {
      condition: hasPrevious,
      options: { positive: true },
    }),
    f('c22', 'dossier_link', 'Numéro du dossier précédent', { mandatory: false, condition: hasPrevious }),
    f('c23', 'repetition', 'Budget prévisionnel', {
      description: 'Une ligne par poste de dépense.',
      children: [
        f('r01', 'text', 'Poste de dépense'),
        f('r02', 'decimal_number', 'Montant (€)', { options: { positive: true } }),
        f('r03', 'drop_down_list', 'Nature', { options: { choices: ['Fonctionnement', 'Investissement'] } }),
      ],
    }),
    f('c24', 'header_section', 'Représentant légal et pièces', { options: { level: 1 } }),
    f('c25', 'civilite', 'Civilité du représentant légal'),
    f('c26', 'piece_justificative', "Statuts de l'association", { options: { maxFiles: 2 } }),
    f('c27', 'iban', "IBAN du compte de l'association"),
    f('c28', 'checkbox', "J'atteste sur l'honneur l'exactitude des informations fournies"),
  ];
  const annotations: FieldDef[] = [
    annotation('a01', 'text', 'Référence interne'),
    annotation('a02', 'yes_no', 'Dossier complet ?', { mandatory: true }),
    annotation('a03', 'date', 'Date de passage en commission'),
    annotation('a04', 'drop_down_list', 'Avis du service', {
      options: { choices: ['Favorable', 'Réservé', 'Défavorable'] },
    }),
  ];
  const hints: Record<string, Hint> = {
    c03: ({ persona }) => persona.association,
    c05: ({ rng }) => (rng.chance(0.7) ? `W${digits(rng, 9)}` : null),
    c06: ({ rng, persona }) => `${rng.int(1, 180)} ${rng.pick(VOIES)} ${persona.commune.cp} ${persona.commune.name}`,
    c07: ({ rng, persona }) =>
      rng.chance(0.5)
        ? `contact@${slug(persona.association).slice(0, 30).replace(/-+$/, '')}.fr`
        : `${slug(persona.prenom)}.${slug(persona.nom)}@${rng.pick(['exemple.fr', 'exemple.org', 'example.com', 'courriel-exemple.fr'])}`,
    c08: ({ rng }) => (rng.chance(0.8) ? randomPhone(rng) : null),
    c09: ({ rng, from }) => ymd(at(from - rng.int(400, 365 * 60) * DAY_MS)),
    c10: ({ rng, persona }) => (rng.chance(0.05) ? rng.pick(DOMAINES_AUTRES) : persona.domaine),
    c11: ({ rng }) => Math.round(rng.expo(80)) + 7,
    c13: ({ rng, persona, to }) => rng.pick(PROJETS[persona.domaine]).replace('{y}', String(at(to).getUTCFullYear())),
    c14: ({ rng }) => rng.subset(PHRASES, rng.int(2, 5)).join(' '),
    c15: ({ persona }) => persona.region.name,
    c16: ({ persona }) => ({ primary: departementLabel(persona.departement), secondary: persona.commune.name }),
    c17: ({ rng }) => rng.subset(PUBLICS, rng.int(1, 3)),
    c18: ({ rng, to }) => (rng.chance(0.6) ? localDateTime(to + rng.int(10, 200) * DAY_MS, rng) : null),
    c19: ({ rng }) => Math.round(rng.float(500, 15000) / 50) * 50,
    c20: ({ rng }) => rng.chance(0.35),
    c21: ({ rng }) => Math.round(rng.float(300, 8000) / 10) * 10,
    c22: ({ rng, dossierId }) =>
      dossierId > 1 && rng.chance(0.5) ? Math.max(1, dossierId - rng.int(1, Math.min(dossierId - 1, 400))) : null,
    c23: (ctx) => budgetRows(ctx),
    c25: ({ rng }) => (rng.chance(0.5) ? 'Mme' : 'M.'),
    c26: (ctx) =>
      fileRefs(ctx, 'c26', [
        `statuts-${slug(ctx.persona.association).slice(0, 40)}.pdf`,
        ...(ctx.rng.chance(0.3) ? ['recepisse-prefecture.pdf'] : []),
      ]),
    c27: ({ rng }) => randomIban(rng),
    c28: () => true,
  };
  const annotationHints: Record<string, Hint> = {
    a01: ({ rng, dossierId, to }) =>
      rng.chance(0.7) ? `SUB-${at(to).getUTCFullYear()}-${String(dossierId).padStart(5, '0')}` : null,
    a02: ({ rng, state }) =>
      state === 'accepte'
        ? true
        : state === 'refuse' || state === 'sans_suite'
          ? rng.chance(0.6)
          : rng.chance(0.5)
            ? rng.chance(0.7)
            : null,
    a03: ({ rng, from, to }) => (rng.chance(0.6) ? ymd(at(between(rng, from, to))) : null),
    a04: ({ rng, state }) =>
      state === 'accepte'
        ? rng.weighted([
            ['Favorable', 9],
            ['Réservé', 1],
          ] as const)
        : state === 'refuse'
          ? rng.weighted([
              ['Défavorable', 8],
              ['Réservé', 2],
            ] as const)
          : rng.chance(0.4)
            ? rng.pick(['Favorable', 'Réservé', 'Défavorable'])
            : null,
  };
  return { fields, annotations, hints, annotationHints };
}

/** « Carte de stationnement résident » (draft, in test). */
export function stationnementForm(): FormSpec {
  return {
    fields: [
      f('c01', 'header_section', 'Votre domicile', { options: { level: 1 } }),
      f('c02', 'address', 'Adresse du domicile'),
      f('c03', 'piece_justificative', 'Justificatif de domicile de moins de 3 mois'),
      f('c04', 'header_section', 'Votre véhicule', { options: { level: 1 } }),
      f('c05', 'formatted', "Numéro d'immatriculation", {
        options: { regex: '[A-Z]{2}-\\d{3}-[A-Z]{2}', regexExample: 'AB-123-CD' },
      }),
      f('c06', 'piece_justificative', "Certificat d'immatriculation"),
      f('c07', 'yes_no', 'Véhicule électrique ?'),
      f('c08', 'date', 'Date de début souhaitée'),
    ],
    annotations: [annotation('a01', 'yes_no', 'Justificatifs vérifiés', { mandatory: true })],
    hints: {},
    annotationHints: {},
  };
}

/** « Aide exceptionnelle 2025 » (closed). */
export function aideExceptionnelleForm(): FormSpec {
  return {
    fields: [
      f('c01', 'header_section', 'Votre situation', { options: { level: 1 } }),
      f('c02', 'drop_down_list', 'Situation professionnelle', {
        options: { choices: ['Salarié', 'Indépendant', "Demandeur d'emploi", 'Retraité', 'Étudiant'] },
      }),
      f('c03', 'integer_number', 'Nombre de personnes au foyer', { options: { min: 1, max: 12 } }),
      f('c04', 'decimal_number', 'Revenus mensuels du foyer (€)', { options: { positive: true } }),
      f('c05', 'textarea', 'Motif de la demande', { options: { characterLimit: 1000 } }),
      f('c06', 'decimal_number', 'Montant sollicité (€)', { options: { min: 100, max: 1500 } }),
      f('c07', 'address', 'Adresse du foyer'),
      f('c08', 'phone', 'Téléphone', { mandatory: false }),
      f('c09', 'iban', 'IBAN'),
      f('c10', 'piece_justificative', 'Justificatifs de ressources', { options: { maxFiles: 3 } }),
      f('c11', 'checkbox', "J'atteste sur l'honneur l'exactitude des informations fournies"),
    ],
    annotations: [
      annotation('a01', 'yes_no', 'Éligible', { mandatory: true }),
      annotation('a02', 'decimal_number', 'Montant accordé (€)', { options: { positive: true } }),
    ],
    hints: {
      c03: ({ rng }) => rng.int(1, 6),
      c04: ({ rng }) => Math.round(rng.float(600, 2600)),
      c05: ({ rng }) =>
        rng.pick([
          'Perte d’emploi et difficultés à payer le loyer.',
          'Facture d’énergie imprévue cet hiver.',
          'Réparation indispensable du véhicule pour aller travailler.',
          'Frais médicaux non remboursés.',
        ]),
      c06: ({ rng }) => Math.round(rng.float(100, 1500) / 10) * 10,
      c07: ({ rng, persona }) => `${rng.int(1, 180)} ${rng.pick(VOIES)} ${persona.commune.cp} ${persona.commune.name}`,
      c10: (ctx) =>
        fileRefs(ctx, 'c10', ['avis-imposition.pdf', ...(ctx.rng.chance(0.5) ? ['bulletins-salaire.pdf'] : [])]),
    },
    annotationHints: {
      a01: ({ state, rng }) =>
        state === 'accepte' ? true : state === 'refuse' ? false : rng.chance(0.5) ? rng.chance(0.7) : null,
      a02: ({ state, rng }) => (state === 'accepte' ? Math.round(rng.float(100, 1500) / 10) * 10 : null),
    },
  };
}

function localDateTime(ms: number, rng: Rng): string {
  const d = at(ms);
  return `${ymd(d)}T${pad2(rng.int(8, 20))}:${pad2(rng.pick([0, 15, 30, 45]))}`;
}

function budgetRows(ctx: ValueContext): RepetitionRow[] {
  const { rng } = ctx;
  return rng.subset(POSTES, rng.int(1, 4)).map((poste) => ({
    rowId: ulidLike(rng, ctx.from),
    values: {
      r01: poste,
      r02: Math.round(rng.float(100, 6000) * 100) / 100,
      r03: poste === 'Achat de matériel' ? 'Investissement' : 'Fonctionnement',
    },
  }));
}

function fileRefs(ctx: ValueContext, originRef: string, names: string[]): FileRef[] {
  return names.map((name) => {
    const fileId = `${ctx.dossierId}-${originRef}-${ctx.rng.hex(16)}`;
    const blob = ctx.filePolicy.blobFor(fileId, name);
    ctx.files.push({
      fileId,
      name,
      size: blob.size,
      contentType: 'application/pdf',
      key: blob.key,
      sha256: blob.sha256,
      originRef,
      bytes: blob.bytes,
      at: between(ctx.rng, ctx.from, ctx.to),
    });
    return { fileId, name, size: blob.size, contentType: 'application/pdf' };
  });
}

/** A value of the field's type when no hint is given. */
function genericValue(ctx: ValueContext, def: FieldDef): FieldValue | null {
  const { rng } = ctx;
  const o = def.options ?? {};
  switch (def.type) {
    case 'text':
      return rng
        .pick(PHRASES)
        .slice(0, 60)
        .replace(/[ .]+$/, '');
    case 'textarea':
      return rng.subset(PHRASES, rng.int(1, 3)).join(' ');
    case 'email':
      return `${slug(ctx.persona.prenom)}.${slug(ctx.persona.nom)}@exemple.fr`;
    case 'phone':
      return randomPhone(rng);
    case 'integer_number':
      return rng.int(o.min ?? 0, o.max ?? 500);
    case 'decimal_number':
      return Math.round(rng.float(o.min ?? 0, o.max ?? 5000) * 100) / 100;
    case 'date':
      return ymd(at(between(rng, ctx.from - 365 * DAY_MS, ctx.from)));
    case 'datetime':
      return localDateTime(between(rng, ctx.from - 30 * DAY_MS, ctx.from), rng);
    case 'checkbox':
      return def.mandatory ? true : rng.chance(0.5);
    case 'yes_no':
      return rng.chance(0.5);
    case 'civilite':
      return ctx.persona.civilite;
    case 'drop_down_list':
      return rng.pick(o.choices ?? ['Oui']);
    case 'multiple_drop_down_list':
      return rng.subset(o.choices ?? ['Oui'], rng.int(1, Math.min(2, (o.choices ?? ['Oui']).length)));
    case 'linked_drop_down_list': {
      const l = rng.pick(o.linked ?? [{ primary: 'A', secondaries: [] }]);
      return { primary: l.primary, secondary: l.secondaries.length ? rng.pick(l.secondaries) : '' };
    }
    case 'piece_justificative':
      return fileRefs(ctx, def.stableId, [`${slug(def.label).slice(0, 40)}.pdf`]);
    case 'address':
      return `${rng.int(1, 180)} ${rng.pick(VOIES)} ${ctx.persona.commune.cp} ${ctx.persona.commune.name}`;
    case 'iban':
      return randomIban(rng);
    case 'siret':
      return randomSiret(rng);
    case 'dossier_link':
      return ctx.dossierId > 1 ? ctx.dossierId - 1 : null;
    case 'formatted':
      return o.regex === '[A-Z]{2}-\\d{3}-[A-Z]{2}' ? 'AB-123-CD' : rng.pick(PHRASES).slice(0, 20).trim();
    case 'repetition':
      return null;
    default:
      return null;
  }
}

/**
 * Champs of one dossier. Conditions are evaluated in order over the generated values (hidden fields
 * are not stored). `partial` (brouillons) leaves about a third of the fields unanswered.
 */
export function generateValues(
  ctx: ValueContext,
  defs: FieldDef[],
  hints: Record<string, Hint>,
  opts: { partial?: boolean; fillRate?: number } = {},
): ChampsMap {
  // A dictionary from the start (no prototype, so no inherited keys either): champs are added for a
  // random subset of the fields, and an ordinary object takes a new hidden class for each subset,
  // which V8 then looks up and builds at every addition (a profile put 65 % of this function on that
  // line; with it and the textarea change, the load's generation stage went 94 → 63 µs per dossier).
  const out = Object.create(null) as ChampsMap;
  const lookup = (id: string) => out[id]?.value;
  const fill = opts.fillRate ?? 1;
  for (const def of defs) {
    if (def.type === 'header_section' || def.type === 'explication') continue;
    if (def.condition && !evaluateCondition(def.condition, lookup)) continue;
    if (opts.partial && ctx.rng.chance(0.35)) continue;
    if (!def.mandatory && fill < 1 && !ctx.rng.chance(fill)) continue;
    if (def.private && fill < 1 && !ctx.rng.chance(fill)) continue;
    const hint = hints[def.stableId];
    const value = hint ? hint(ctx, def) : genericValue(ctx, def);
    if (value === null || value === undefined) continue;
    out[def.stableId] = { value, updatedAt: isoOf(between(ctx.rng, ctx.from, ctx.to)) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The universe a dossier lives in

export interface Person {
  id: string;
  email: string;
}
export interface GroupCtx {
  id: string;
  /** share of the procedure's dossiers routed here */
  weight: number;
  /** regions routed to this group (subvention form) */
  regions: string[];
  instructors: Person[];
}
export interface ProcedureCtx {
  id: string;
  revisionId: string;
  form: FormSpec;
  retentionMonths: number;
  expiresWhenTermine: boolean;
  /** dossiers are created after this */
  publishedAt: Date;
  /** closed procedure: no deposit after, en_construction passed en instruction automatically at this time */
  closedAt: Date | null;
  groups: GroupCtx[];
  labels: { id: string; name: string }[];
  contactEmail: string;
  /** where rendez-vous « sur place » happen; null when the procedure does not offer rendez-vous */
  rendezVousPlace: string | null;
}
export interface Universe {
  now: Date;
  usagers: Person[];
  /** relative weight of each usager as owner */
  usagerWeights?: number[];
  expert: Person;
  filePolicy: FilePolicy;
  /** ids of the rows that events point to, chosen before the INSERT */
  ids: { messages: IdSource; rendezVous: IdSource };
}

/** Identity values handed out in TypeScript (rows written with OVERRIDING SYSTEM VALUE). */
export interface IdSource {
  take(): string;
}
/** Consecutive ids from a start (the demo: one transaction on an empty database). */
export class IdCounter implements IdSource {
  constructor(private next: number) {}
  take(): string {
    return String(this.next++);
  }
  /** the last id handed out (start - 1 when none) */
  get last(): number {
    return this.next - 1;
  }
}
/** Ids reserved from the table's sequence for one batch (the load: other writers may take ids meanwhile). */
export class IdPool implements IdSource {
  private next = 0;
  constructor(private readonly ids: string[]) {}
  take(): string {
    if (this.next >= this.ids.length) throw new Error('IdPool: réserve épuisée');
    return this.ids[this.next++];
  }
}
/** Upper bounds per dossier, for reserving ids before generating (see buildDossier). */
export const MAX_PER_DOSSIER = { messages: 4, rendezVous: 1 } as const;

// ---------------------------------------------------------------------------------------------
// Row buffers and the unnest writer

export interface ColumnSpec {
  name: string;
  type: string;
  /** the selected expression (default u.<name>) */
  expr?: string;
  /** written only when the table has it (columns added by later migrations) */
  optional?: boolean;
}
export interface TableSpec {
  table: string;
  columns: ColumnSpec[];
  /** the identity column is written (ids from an IdSource) */
  overriding?: boolean;
}

const col = (name: string, type: string, expr?: string, optional?: boolean): ColumnSpec => ({
  name,
  type,
  expr,
  optional,
});
/** Instants travel as epoch milliseconds (float8): cheaper to write and to read than ISO text. */
const ts = (name: string): ColumnSpec => ({ name, type: 'float8', expr: `to_timestamp(u.${name} / 1000)` });
export const TABLES = {
  dossiers: {
    table: 'dossiers',
    columns: [
      col('id', 'bigint'),
      col('procedure_id', 'bigint'),
      col('revision_id', 'bigint'),
      col('groupe_id', 'bigint'),
      col('user_id', 'bigint'),
      col('user_email', 'text'),
      col('state', 'text'),
      col('civilite', 'text'),
      col('nom', 'text'),
      col('prenom', 'text'),
      col('champs', 'jsonb'),
      col('annotations', 'jsonb'),
      ts('created_at'),
      ts('updated_at'),
      ts('depose_at'),
      ts('en_construction_at'),
      ts('en_instruction_at'),
      ts('processed_at'),
      ts('last_champ_updated_at'),
      ts('last_annotation_updated_at'),
      ts('last_message_at'),
      col('motivation', 'text'),
      col('archived', 'boolean'),
      ts('archived_at'),
      ts('hidden_by_administration_at'),
      ts('expires_at'),
      ts('expiry_notice_sent_at'),
      col('pending_correction', 'boolean'),
      ts('declarative_triggered_at'),
      // active followers, denormalised by migration 0002 (its trigger on follows then finds nothing to change)
      col('follower_ids', 'text', 'u.follower_ids::bigint[]', true),
      // the generator puts the text's parts here; resolveSearchVectors turns them into vectors (binary form)
      col('search_terms', 'tsvector'),
    ],
  },
  files: {
    table: 'files',
    columns: [
      col('id', 'text'),
      col('dossier_id', 'bigint'),
      col('origin', 'text'),
      col('origin_ref', 'text'),
      col('name', 'text'),
      col('content_type', 'text'),
      col('size', 'bigint'),
      col('sha256', 'text'),
      col('storage_key', 'text'),
      col('uploaded_by', 'bigint'),
      ts('created_at'),
    ],
  },
  dossier_events: {
    table: 'dossier_events',
    columns: [
      col('dossier_id', 'bigint'),
      col('type', 'text'),
      col('actor_id', 'bigint'),
      col('actor_email', 'text'),
      col('data', 'jsonb'),
      ts('created_at'),
    ],
  },
  follows: {
    table: 'follows',
    columns: [
      col('dossier_id', 'bigint'),
      col('user_id', 'bigint'),
      ts('created_at'),
      ts('unfollowed_at'),
      ts('demande_seen_at'),
      ts('annotations_seen_at'),
      ts('avis_seen_at'),
      ts('messagerie_seen_at'),
    ],
  },
  messages: {
    table: 'messages',
    overriding: true,
    columns: [
      col('id', 'bigint'),
      col('dossier_id', 'bigint'),
      col('author_kind', 'text'),
      col('author_id', 'bigint'),
      col('author_email', 'text'),
      col('body', 'text'),
      ts('created_at'),
      ts('seen_by_recipient_at'),
    ],
  },
  corrections: {
    table: 'corrections',
    columns: [col('dossier_id', 'bigint'), col('message_id', 'bigint'), col('reason', 'text'), ts('created_at')],
  },
  rendez_vous: {
    table: 'rendez_vous',
    overriding: true,
    columns: [
      col('id', 'bigint'),
      col('dossier_id', 'bigint'),
      ts('starts_at'),
      col('duration_minutes', 'integer'),
      col('mode', 'text'),
      col('place', 'text'),
      col('created_by', 'bigint'),
      ts('created_at'),
      ts('cancelled_at'),
    ],
  },
  avis: {
    table: 'avis',
    columns: [
      col('dossier_id', 'bigint'),
      col('expert_id', 'bigint'),
      col('claimant_id', 'bigint'),
      col('introduction', 'text'),
      col('question_label', 'text'),
      col('question_answer', 'boolean'),
      col('answer', 'text'),
      col('confidentiel', 'boolean'),
      ts('created_at'),
      ts('answered_at'),
    ],
  },
  dossier_labels: { table: 'dossier_labels', columns: [col('dossier_id', 'bigint'), col('label_id', 'bigint')] },
  notifications: {
    table: 'notifications',
    columns: [
      col('dossier_id', 'bigint'),
      col('user_id', 'bigint'),
      col('kind', 'text'),
      ts('display_at'),
      ts('created_at'),
    ],
  },
} satisfies Record<string, TableSpec>;
export type TableName = keyof typeof TABLES;
/** Insert order (foreign keys). */
export const TABLE_ORDER: TableName[] = [
  'dossiers',
  'files',
  'dossier_events',
  'follows',
  'messages',
  'corrections',
  'rendez_vous',
  'avis',
  'dossier_labels',
  'notifications',
];

/** Column-major buffers, one per table; values in the order of TABLES[t].columns. */
export class RowBuffer {
  readonly columns = new Map<TableName, unknown[][]>();
  readonly counts = new Map<TableName, number>();
  /** blobs to write to storage (demo: one per file) */
  readonly blobs: { key: string; bytes: Buffer }[] = [];
  add(table: TableName, row: unknown[]): void {
    let cols = this.columns.get(table);
    if (!cols) {
      cols = TABLES[table].columns.map(() => []);
      this.columns.set(table, cols);
    }
    for (let i = 0; i < cols.length; i++) cols[i].push(row[i] ?? null);
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }
  count(table: TableName): number {
    return this.counts.get(table) ?? 0;
  }
}

/**
 * One INSERT … SELECT FROM ROWS FROM (unnest($1::t1[]), …) per table, `chunk` rows per statement:
 * one parameter per column, whatever the number of rows. jsonb columns travel as one JSON array
 * text expanded by json_array_elements, each element then cast to jsonb (escaping JSON inside a
 * PostgreSQL array literal costs more than generating it; parsing the whole array as jsonb first
 * costs a third more); their values must be JSON texts, never null.
 */
export async function flushRows(
  ex: Executor,
  buffer: RowBuffer,
  opts: { chunk?: number; schema: SchemaColumns },
): Promise<void> {
  const chunk = opts.chunk ?? 5000;
  for (const table of TABLE_ORDER) {
    const cols = buffer.columns.get(table);
    if (!cols || cols[0].length === 0) continue;
    const spec: TableSpec = TABLES[table];
    const present = opts.schema.get(spec.table);
    const used = spec.columns.map((c, i) => [c, i] as const).filter(([c]) => !c.optional || present?.has(c.name));
    const names = used.map(([c]) => c.name);
    const sources = used
      .map(([c], k) => (c.type === 'jsonb' ? `json_array_elements($${k + 1}::json)` : `unnest($${k + 1}::${c.type}[])`))
      .join(', ');
    const select = used.map(([c]) => c.expr ?? (c.type === 'jsonb' ? `u.${c.name}::jsonb` : `u.${c.name}`)).join(', ');
    const text =
      `INSERT INTO ${spec.table} (${names.join(', ')}) ${spec.overriding ? 'OVERRIDING SYSTEM VALUE ' : ''}` +
      `SELECT ${select} FROM ROWS FROM (${sources}) AS u(${names.join(', ')})`;
    const total = cols[0].length;
    for (let start = 0; start < total; start += chunk) {
      const values = used.map(([c, i]) => {
        const part = start === 0 && total <= chunk ? cols[i] : cols[i].slice(start, start + chunk);
        if (c.type === 'jsonb') return `[${part.join(',')}]`;
        return arrayLiteral(
          c.type === 'tsvector' ? part.map((v) => (v === null ? null : tsvectorLiteral(v as Uint8Array))) : part,
        );
      });
      await executeRaw(ex, text, values);
    }
  }
}

const ARRAY_ESCAPE = /[\\"]/;
/** A PostgreSQL array literal (what pg would send, built without its per-element recursion). */
export function arrayLiteral(values: unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = String(v);
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else {
      const text = String(v);
      parts[i] = ARRAY_ESCAPE.test(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/** Turns the buffered dossiers' search parts into their vectors (before flushRows or encodeCopy). */
export async function resolveSearchVectors(ex: Executor, buffer: RowBuffer, vectors: SearchVectors): Promise<void> {
  const cols = buffer.columns.get('dossiers');
  if (!cols) return;
  const k = TABLES.dossiers.columns.findIndex((c) => c.name === 'search_terms');
  cols[k] = await vectors.vectors(ex, cols[k] as string[][]);
}

/** Columns of the seeded tables, as the migrations left them, with their type names (enums: 'enum'). */
export type SchemaColumns = Map<string, Map<string, string>>;
export async function schemaColumns(ex: Executor): Promise<SchemaColumns> {
  const tables = TABLE_ORDER.map((t) => TABLES[t].table);
  const r = await executeRaw(
    ex,
    `SELECT c.relname AS table_name, a.attname AS column_name,
      CASE WHEN t.typtype = 'e' THEN 'enum' ELSE t.typname END AS type_name
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY ($1::text[]) AND a.attnum > 0 AND NOT a.attisdropped`,
    [tables],
  );
  const out: SchemaColumns = new Map();
  for (const row of r.rows) {
    const columns = out.get(row.table_name) ?? new Map<string, string>();
    columns.set(row.column_name, row.type_name);
    out.set(row.table_name, columns);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One dossier and everything around it

export interface StateMix {
  /** share of recent slots (< 80 days) left as brouillon */
  abandon: number;
  /** mean days between deposit and passage en instruction */
  constructionDays: number;
  /** mean days of instruction */
  instructionDays: number;
  outcome: readonly (readonly ['accepte' | 'refuse' | 'sans_suite', number])[];
}
export const DEFAULT_MIX: StateMix = {
  abandon: 0.3,
  constructionDays: 45,
  instructionDays: 80,
  outcome: [
    ['accepte', 62],
    ['refuse', 24],
    ['sans_suite', 14],
  ],
};

/** Proportions of the lifecycle extras (docs/domain.md §2–§7). */
const P = {
  followEnConstruction: 0.25,
  followEnInstruction: 0.4,
  unfollowedEnInstruction: 0.2,
  followTermine: 0.35,
  pendingCorrection: 0.1,
  modifiedFollowed: 0.4,
  messages: 0.3,
  avisEnInstruction: 0.1,
  avisTermine: 0.05,
  labels: 0.2,
  rendezVousEnConstruction: 0.03,
  rendezVousEnInstruction: 0.12,
  rendezVousTermine: 0.06,
  rendezVousCancelled: 0.1,
  archive: 0.35,
  corbeille: 0.015,
};

const iso = (t: number | null | undefined): string | null => (t === null || t === undefined ? null : isoOf(t));
/** An instant for a row buffer: epoch milliseconds, whole (see ts()). */
const ms = (t: number | null | undefined): number | null => (t === null || t === undefined ? null : Math.trunc(t));

function pickGroup(rng: Rng, groups: GroupCtx[]): GroupCtx {
  return groups.length === 1 ? groups[0] : rng.weighted(groups.map((g) => [g, g.weight] as const));
}

type EventSink = (type: string, actor: Person | null, data: object, t: number) => void;
const parisSlots = new Map<string, number>();
/** The instant of a Paris wall-clock time on a UTC day (Intl is slow: a few hundred distinct slots). */
function parisSlot(day: number, time: string): number {
  const key = `${day} ${time}`;
  let t = parisSlots.get(key);
  if (t === undefined) {
    t = parisLocalToUtc(ymd(at(day * DAY_MS)), time)!.getTime();
    parisSlots.set(key, t);
  }
  return t;
}
const RDV_TIMES = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30', '16:00'];
const RDV_DURATIONS = [15, 30, 30, 45, 60];

/**
 * A rendez-vous proposed by the instructor between `from` and `until` (ms), as propose-rendez-vous
 * writes it: a weekday slot in Paris time 1 to 20 days ahead (before the decision when `held`),
 * sometimes cancelled before it starts; with its history events.
 */
function addRendezVous(
  buf: RowBuffer,
  rng: Rng,
  dossierId: number,
  w: { from: number; until: number; held: boolean; now: number },
  instr: Person,
  address: string,
  u: Universe,
  ev: EventSink,
): void {
  const latest = w.held ? w.until - 3 * DAY_MS : w.until - HOUR_MS;
  if (latest <= w.from) return;
  const proposed = between(rng, w.from, latest);
  const maxDays = w.held ? Math.min(20, Math.floor((w.until - proposed) / DAY_MS)) : 20;
  let day = Math.floor(proposed / DAY_MS) + rng.int(1, maxDays);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) day -= weekday === 0 ? 2 : 1; // the Friday before
  const startsAt = parisSlot(day, rng.pick(RDV_TIMES));
  if (startsAt <= proposed || (w.held && startsAt >= w.until)) return;
  const mode: RdvMode = rng.weighted([
    ['sur_place', 6],
    ['telephone', 3],
    ['visio', 1],
  ] as const);
  const place =
    mode === 'sur_place'
      ? address
      : mode === 'telephone'
        ? `Nous vous appellerons au ${randomPhone(rng)}.`
        : `Lien de la visioconférence : https://visio.guichet.test/rdv-${rng.hex(12)}`;
  const lastCancel = Math.min(startsAt, w.now);
  const cancelled =
    rng.chance(P.rendezVousCancelled) && lastCancel - proposed > HOUR_MS
      ? between(rng, proposed + HOUR_MS, lastCancel)
      : null;
  const rendezVousId = u.ids.rendezVous.take();
  const duration = rng.pick(RDV_DURATIONS);
  buf.add('rendez_vous', [
    rendezVousId,
    dossierId,
    ms(startsAt),
    duration,
    mode,
    place,
    instr.id,
    ms(proposed),
    ms(cancelled),
  ]);
  const slot = { starts_at: isoOf(startsAt), duration_minutes: duration, mode, place };
  ev('rendez_vous_propose', instr, { rendez_vous_id: rendezVousId, sequence: 0, ...slot }, proposed);
  if (cancelled !== null)
    ev('rendez_vous_annule', instr, { rendez_vous_id: rendezVousId, sequence: 1, ...slot }, cancelled);
}

/**
 * Generate dossier `id`, created at `createdMs`, with its rows into `buf`. The lifecycle runs
 * forward from the creation: deposit, passage en instruction, decision, each after a random delay;
 * the state is where that timeline stands at `now` (so ids follow creation order).
 */
export function buildDossier(
  buf: RowBuffer,
  rng: Rng,
  id: number,
  createdMs: number,
  proc: ProcedureCtx,
  u: Universe,
  mix: StateMix = DEFAULT_MIX,
): DossierState {
  const now = u.now.getTime();
  const closed = proc.closedAt?.getTime() ?? null;
  const group = pickGroup(rng, proc.groups);
  const instr = rng.pick(group.instructors);
  const owner = u.usagerWeights
    ? rng.weighted(u.usagers.map((p, i) => [p, u.usagerWeights![i]] as const))
    : rng.pick(u.usagers);
  const persona = makePersona(rng, group.regions.length ? group.regions : REGIONS.map((r) => r.name));

  // --- timeline
  let state: DossierState;
  const ageDays = (now - createdMs) / DAY_MS;
  let depose: number | null = createdMs + Math.min(rng.expo(1.5 * DAY_MS), 20 * DAY_MS) + 10 * 60_000;
  if (closed !== null && depose > closed) depose = between(rng, createdMs, closed);
  let enInstr: number | null = null;
  let processed: number | null = null;
  let automatic = false;
  if (depose > now || (closed === null && ageDays < 80 && rng.chance(mix.abandon))) {
    state = 'brouillon';
    depose = null;
  } else {
    enInstr = depose + Math.max(2 * HOUR_MS, rng.expo(mix.constructionDays * DAY_MS));
    if (closed !== null && enInstr > closed) {
      enInstr = closed;
      automatic = true;
    }
    if (enInstr > now) {
      state = 'en_construction';
      enInstr = null;
    } else {
      processed = enInstr + Math.max(HOUR_MS, rng.expo(mix.instructionDays * DAY_MS));
      if (processed > now) {
        state = 'en_instruction';
        processed = null;
      } else {
        state = rng.weighted(mix.outcome);
      }
    }
  }
  const termine = state === 'accepte' || state === 'refuse' || state === 'sans_suite';
  const end = processed ?? now; // last instant something may happen while en cours
  const brouillonUpdated =
    state === 'brouillon' ? between(rng, createdMs, Math.min(now, createdMs + 5 * DAY_MS)) : null;

  // --- values
  const files: ValueContext['files'] = [];
  const valueCtx: ValueContext = {
    rng,
    persona,
    dossierId: id,
    from: createdMs,
    to: depose ?? brouillonUpdated ?? createdMs,
    today: ymd(u.now),
    state,
    files,
    filePolicy: u.filePolicy,
  };
  const champs = generateValues(valueCtx, proc.form.fields, proc.form.hints, {
    partial: state === 'brouillon',
    fillRate: 0.85,
  });
  let annotations: ChampsMap = {};
  let lastAnnotation: number | null = null;
  if (enInstr !== null && (termine || rng.chance(0.6))) {
    const annCtx: ValueContext = { ...valueCtx, from: enInstr, to: Math.min(end, enInstr + 20 * DAY_MS), files: [] };
    annotations = generateValues(annCtx, proc.form.annotations, proc.form.annotationHints, {
      fillRate: termine ? 0.9 : 0.6,
    });
    // a decision needs the mandatory annotations
    for (const def of proc.form.annotations) {
      if (termine && def.mandatory && !annotations[def.stableId]) {
        const value =
          proc.form.annotationHints[def.stableId]?.({ ...annCtx, state: 'accepte' }, def) ?? genericValue(annCtx, def);
        if (value !== null)
          annotations[def.stableId] = { value, updatedAt: iso(between(rng, annCtx.from, annCtx.to))! };
      }
    }
    for (const a of Object.values(annotations)) lastAnnotation = Math.max(lastAnnotation ?? 0, Date.parse(a.updatedAt));
  }

  // --- extras: follows, corrections, modifications, messages, avis
  const events: [string, string | null, string | null, object, number][] = [];
  const ev = (type: string, actor: Person | null, data: object, t: number) =>
    events.push([type, actor?.id ?? null, actor?.email ?? (actor === null ? 'systeme' : null), data, t]);
  const notifs = new Map<string, [string, string, number, number]>(); // key kind|user → row
  const notify = (kind: string, userId: string, displayAt: number, createdAt: number) => {
    notifs.set(`${kind}|${userId}`, [userId, kind, displayAt, createdAt]);
  };
  interface Follow {
    user: Person;
    created: number;
    unfollowed: number | null;
    demandeSeen: number;
    annotationsSeen: number;
    avisSeen: number;
    messagerieSeen: number;
  }
  let follow: Follow | null = null;
  const startFollow = (t: number): Follow =>
    (follow ??= {
      user: instr,
      created: t,
      unfollowed: null,
      demandeSeen: t,
      annotationsSeen: t,
      avisSeen: t,
      messagerieSeen: t,
    });

  if (depose !== null) ev('depose', owner, { from: 'brouillon', to: 'en_construction' }, depose);
  let pendingCorrection = false;
  let correctionAt: number | null = null;
  let modifiedAt: number | null = null;
  if (state === 'en_construction') {
    if (depose! < now - 2 * DAY_MS && rng.chance(P.pendingCorrection)) {
      pendingCorrection = true;
      const f0 = startFollow(between(rng, depose!, now - DAY_MS));
      correctionAt = between(rng, f0.created, now);
    } else if (rng.chance(P.followEnConstruction)) {
      const f0 = startFollow(between(rng, depose!, now));
      if (f0.created < now - HOUR_MS && rng.chance(P.modifiedFollowed)) modifiedAt = between(rng, f0.created, now);
    }
  } else if (state === 'en_instruction') {
    if (rng.chance(P.followEnInstruction)) startFollow(enInstr!);
    else if (!automatic && rng.chance(P.unfollowedEnInstruction)) {
      const f0 = startFollow(enInstr!);
      f0.unfollowed = between(rng, enInstr!, now);
    }
  } else if (termine && !automatic && rng.chance(P.followTermine)) {
    startFollow(enInstr!);
  }

  if (enInstr !== null) {
    const data = { from: 'en_construction', to: 'en_instruction' };
    if (automatic) ev('passe_en_instruction_automatiquement', null, data, enInstr);
    else ev('passe_en_instruction', instr, data, enInstr);
  }
  let motivation: string | null = null;
  if (termine) {
    const st = state as 'accepte' | 'refuse' | 'sans_suite';
    motivation =
      st === 'accepte' ? (rng.chance(0.3) ? rng.pick(MOTIVATIONS.accepte) : null) : rng.pick(MOTIVATIONS[st]);
    ev(
      st === 'sans_suite' ? 'classe_sans_suite' : st,
      instr,
      { from: 'en_instruction', to: st, motivation },
      processed!,
    );
  }

  // messages (at most MAX_PER_DOSSIER.messages); those sent through the messagerie are in the
  // history as the messagerie records them, the others come with their transition's event
  const messages: [string, string, string | null, string, string, number, number | null][] = [];
  let lastMessage: number | null = null;
  const addMessage = (
    kind: 'system' | 'usager' | 'instructeur',
    author: Person | null,
    email: string,
    body: string,
    t: number,
    seen: number | null,
    sent: boolean,
  ): string => {
    const messageId = u.ids.messages.take();
    messages.push([messageId, kind, author?.id ?? null, email, body, t, seen]);
    lastMessage = Math.max(lastMessage ?? 0, t);
    if (sent)
      ev('message_envoye', author, { message_id: messageId, author: kind, file_count: 0, awaiting_reply: false }, t);
    return messageId;
  };
  if (correctionAt !== null) {
    const reason = rng.weighted([
      ['incorrect', 6],
      ['incomplete', 3],
      ['outdated', 1],
    ] as const);
    const messageId = addMessage('instructeur', instr, instr.email, rng.pick(CORRECTIONS), correctionAt, null, false);
    buf.add('corrections', [id, messageId, reason, ms(correctionAt)]);
    ev(
      'correction_demandee',
      instr,
      { from: 'en_construction', to: 'en_construction', reason, repasse_en_construction: false },
      correctionAt,
    );
    notify('attente_correction', instr.id, correctionAt, correctionAt);
  }
  if (modifiedAt !== null) {
    ev(
      'depose_correction_usager',
      owner,
      { from: 'en_construction', to: 'en_construction', correction_resolved: false },
      modifiedAt,
    );
    notify('dossier_modifie', follow!.user.id, modifiedAt, modifiedAt);
  }
  let usagerMessageAt: number | null = null;
  if (depose !== null && rng.chance(P.messages)) {
    const n = rng.int(1, 3);
    addMessage(
      'system',
      null,
      proc.contactEmail,
      `Votre dossier nº ${id} a bien été déposé. Vous pouvez suivre son avancement depuis votre espace.`,
      depose + 1000,
      null,
      false,
    );
    if (n >= 2) {
      usagerMessageAt = between(rng, depose + HOUR_MS, end);
      addMessage('usager', owner, owner.email, rng.pick(QUESTIONS_USAGER), usagerMessageAt, null, true);
    }
    if (n >= 3 && usagerMessageAt !== null && usagerMessageAt < end - HOUR_MS) {
      const t = between(rng, usagerMessageAt + HOUR_MS, end);
      addMessage(
        'instructeur',
        instr,
        instr.email,
        rng.pick(REPONSES_INSTRUCTEUR),
        t,
        rng.chance(0.6) ? between(rng, t, now) : null,
        true,
      );
    }
  }
  if (usagerMessageAt !== null && follow !== null) {
    const fl: Follow = follow;
    if (usagerMessageAt > fl.created && rng.chance(0.5))
      notify('message', fl.user.id, usagerMessageAt, usagerMessageAt);
    else fl.messagerieSeen = Math.max(fl.messagerieSeen, Math.min(now, usagerMessageAt + HOUR_MS));
  }

  // avis
  if (enInstr !== null && rng.chance(termine ? P.avisTermine : P.avisEnInstruction) && end - enInstr > 2 * HOUR_MS) {
    const created = between(rng, enInstr, end - HOUR_MS);
    const answered = rng.chance(termine ? 0.8 : 0.5) ? between(rng, created, end) : null;
    const question = rng.chance(0.5) ? 'Le projet vous paraît-il éligible au dispositif ?' : null;
    const fl = follow ?? startFollow(created);
    if (fl.unfollowed !== null) fl.unfollowed = null;
    buf.add('avis', [
      id,
      u.expert.id,
      instr.id,
      'Bonjour, merci de me donner votre avis sur ce dossier.',
      question,
      answered !== null && question ? rng.chance(0.7) : null,
      answered !== null ? rng.pick(AVIS_REPONSES) : null,
      rng.chance(0.2),
      ms(created),
      ms(answered),
    ]);
    if (answered === null && !termine) notify('attente_avis', fl.user.id, created, created);
    if (answered !== null && rng.chance(0.5)) notify('avis_externe', fl.user.id, answered, answered);
    else if (answered !== null) fl.avisSeen = Math.max(fl.avisSeen, Math.min(now, answered + HOUR_MS));
  }

  // labels, set by the instructor in one go
  if (depose !== null && proc.labels.length && rng.chance(P.labels)) {
    const chosen = rng.subset(proc.labels, rng.int(1, 2));
    for (const label of chosen) buf.add('dossier_labels', [id, label.id]);
    ev(
      'labels_modifies',
      instr,
      { added: chosen.map((l) => l.name), removed: [] },
      between(rng, enInstr ?? depose, end),
    );
  }

  // rendez-vous, proposed while the dossier is open (never archived nor deleted at that time)
  if (proc.rendezVousPlace !== null && depose !== null) {
    const chance =
      state === 'en_construction'
        ? P.rendezVousEnConstruction
        : state === 'en_instruction'
          ? P.rendezVousEnInstruction
          : P.rendezVousTermine;
    if (rng.chance(chance))
      addRendezVous(
        buf,
        rng,
        id,
        { from: enInstr ?? depose, until: end, held: termine, now },
        instr,
        proc.rendezVousPlace,
        u,
        ev,
      );
  }

  // archive, corbeille
  let archivedAt: number | null = null;
  let hiddenAt: number | null = null;
  if (termine && processed! < now - 30 * DAY_MS && rng.chance(P.archive)) {
    archivedAt = between(rng, processed! + DAY_MS, Math.min(now, processed! + 30 * DAY_MS));
    ev('archive', instr, { from: state, to: state }, archivedAt);
  } else if (termine && rng.chance(P.corbeille)) {
    hiddenAt = between(rng, processed!, now);
    ev('mis_a_la_corbeille', instr, { from: state, to: state }, hiddenAt);
  }

  // expiry (docs/domain.md §5): a dossier whose expiry is within the warning window was warned
  const facts = {
    state,
    en_construction_at: depose === null ? null : at(depose),
    processed_at: processed === null ? null : at(processed),
    conservation_extension_months: 0,
    expiry_notice_sent_at: null,
  };
  const retention = { retention_months: proc.retentionMonths, expires_when_termine: proc.expiresWhenTermine };
  let expires =
    computeExpiresAt(facts, retention, {
      brouillonReference: brouillonUpdated === null ? undefined : at(brouillonUpdated),
    })?.getTime() ?? null;
  let notice: number | null = null;
  if (expires !== null && state !== 'brouillon' && expires <= now + WARNING_DAYS * DAY_MS) {
    notice = Math.max(expires - WARNING_DAYS * DAY_MS, now - between(rng, 1, 13) * DAY_MS);
    expires = notice + WARNING_DAYS * DAY_MS;
    for (const g of group.instructors) notify('dossier_expirant', g.id, notice, notice);
  }
  // dossier_depose: nobody took it (display 7 days after the deposit, everyone of the group)
  if (state === 'en_construction' && follow === null) {
    for (const g of group.instructors)
      notify('dossier_depose', g.id, depose! + DEPOSE_NOTIFICATION_DELAY_DAYS * DAY_MS, depose!);
  }

  // follows
  if (follow !== null) {
    const fl: Follow = follow;
    buf.add('follows', [
      id,
      fl.user.id,
      ms(fl.created),
      ms(fl.unfollowed),
      ms(fl.demandeSeen),
      ms(fl.annotationsSeen),
      ms(fl.avisSeen),
      ms(fl.messagerieSeen),
    ]);
    ev('suivi', fl.user, { instructor_email: fl.user.email }, fl.created);
    if (fl.unfollowed !== null) {
      ev('plus_suivi', fl.user, { instructor_email: fl.user.email }, fl.unfollowed);
      for (const key of [...notifs.keys()]) {
        const k = key.split('|')[0];
        if (k !== 'dossier_expirant' && k !== 'dossier_depose') notifs.delete(key);
      }
    }
  }

  // files of champs
  for (const file of files) {
    buf.add('files', [
      file.fileId,
      id,
      'champ',
      file.originRef,
      file.name,
      file.contentType,
      file.size,
      file.sha256,
      file.key,
      owner.id,
      ms(Math.min(file.at, depose ?? file.at)),
    ]);
    if (file.bytes) buf.blobs.push({ key: file.key, bytes: file.bytes });
  }
  for (const [messageId, kind, authorId, email, body, t, seen] of messages)
    buf.add('messages', [messageId, id, kind, authorId, email, body, ms(t), ms(seen)]);
  events.sort((a, b) => a[4] - b[4]);
  for (const [type, actorId, actorEmail, data, t] of events)
    buf.add('dossier_events', [id, type, actorId, actorEmail, JSON.stringify(data), ms(t)]);
  for (const [userId, kind, displayAt, createdAt] of notifs.values())
    buf.add('notifications', [id, userId, kind, ms(displayAt), ms(createdAt)]);

  const lastChamp = modifiedAt ?? depose ?? brouillonUpdated;
  if (modifiedAt !== null) {
    const keys = Object.keys(champs).filter((k) => !Array.isArray(champs[k].value));
    for (const k of rng.subset(keys, Math.min(2, keys.length)))
      champs[k] = { ...champs[k], updatedAt: iso(modifiedAt)! };
  }
  const updated = Math.max(
    createdMs,
    depose ?? 0,
    enInstr ?? 0,
    processed ?? 0,
    archivedAt ?? 0,
    hiddenAt ?? 0,
    modifiedAt ?? 0,
    correctionAt ?? 0,
    lastAnnotation ?? 0,
    brouillonUpdated ?? 0,
  );
  const searchParts = searchPartsOfDossier({
    civilite: persona.civilite,
    prenom: persona.prenom,
    nom: persona.nom,
    user_email: owner.email,
    fields: proc.form.fields,
    annotationDefs: proc.form.annotations,
    champs,
    annotations,
  });
  buf.add('dossiers', [
    id,
    proc.id,
    proc.revisionId,
    group.id,
    owner.id,
    owner.email,
    state,
    persona.civilite,
    persona.nom,
    persona.prenom,
    JSON.stringify(champs),
    JSON.stringify(annotations),
    ms(createdMs),
    ms(updated),
    ms(depose),
    ms(depose),
    ms(enInstr),
    ms(processed),
    ms(lastChamp),
    ms(lastAnnotation),
    ms(lastMessage),
    motivation,
    archivedAt !== null,
    ms(archivedAt),
    ms(hiddenAt),
    ms(expires),
    ms(notice),
    pendingCorrection,
    null,
    follow !== null && (follow as Follow).unfollowed === null ? `{${(follow as Follow).user.id}}` : '{}',
    searchParts,
  ]);
  return state;
}

/** Creation instants of `n` dossiers spread evenly (with jitter) between two instants, increasing. */
export function creationTimes(rng: Rng, n: number, from: number, to: number): number[] {
  const out: number[] = [];
  const step = (to - from) / n;
  for (let i = 0; i < n; i++) out.push(from + (i + 0.05 + rng.next() * 0.9) * step);
  return out;
}

export { addMonthsUTC, addDaysUTC };
