// What the demo's dossiers are made of: a deterministic PRNG, French word banks, the three demo
// procedures' forms, and value generators valid for each field type (what an usager would type).
// The load generator (tools/load/shared.ts) builds its bulk rows from these same banks, forms and generators.
import crypto from 'node:crypto';
import { evaluateCondition } from '../domain/conditions.ts';
import type { DossierState } from '../domain/dossier-state.ts';
import { normalizePhone } from '../domain/fields/phone.ts';
import type { ChampsMap, Condition, FieldDef, FieldValue, FileRef, RepetitionRow } from '../domain/fields/types.ts';

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
export function between(rng: Rng, a: number, b: number): number {
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

export const VOIES = [
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
export const QUESTIONS_USAGER = [
  'Bonjour, pouvez-vous me dire où en est l’instruction de mon dossier ? Merci.',
  'Bonjour, je vous transmets une précision : le budget a été revu légèrement à la baisse.',
  'Bonjour, faut-il fournir le dernier rapport d’activité ? Cordialement.',
  'Merci pour votre retour, je reste à votre disposition.',
];
export const REPONSES_INSTRUCTEUR = [
  'Bonjour, votre dossier est en cours d’examen ; une réponse vous sera apportée prochainement.',
  'Bonjour, merci pour ces précisions, elles ont bien été prises en compte.',
  'Bonjour, le rapport d’activité n’est pas obligatoire mais il est utile à l’instruction.',
];
export const CORRECTIONS = [
  'Bonjour, le SIRET indiqué ne correspond pas à votre association : merci de le corriger.',
  'Bonjour, les statuts joints ne sont pas signés : merci de fournir une version signée.',
  'Bonjour, le budget prévisionnel est incomplet : merci de détailler les dépenses.',
];
export const MOTIVATIONS: Record<'accepte' | 'refuse' | 'sans_suite', string[]> = {
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
export const AVIS_REPONSES = [
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
/** The first national digit of a drawn phone number, with its weight (mobiles most often). */
export const PHONE_FIRST_DIGITS = [
  ['6', 5],
  ['7', 2],
  ['1', 1],
  ['2', 1],
  ['3', 1],
  ['4', 1],
  ['5', 1],
  ['9', 1],
] as const;
export function randomPhone(rng: Rng): string {
  const first = rng.weighted(PHONE_FIRST_DIGITS);
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
      f('c09', 'header_section', 'Compléments', { options: { level: 1 } }),
      f('c10', 'communes', 'Commune du domicile'),
      f('c11', 'epci', 'Intercommunalité du domicile', { mandatory: false }),
      f('c12', 'departements', 'Département du domicile', { mandatory: false }),
      f('c13', 'regions', 'Région du domicile', { mandatory: false }),
      f('c14', 'pays', "Pays d'immatriculation du véhicule", { mandatory: false }),
      f('c15', 'numero_fiscal', "Numéro fiscal (il figure sur votre avis d'impôt)", { mandatory: false }),
      f('c16', 'rna', "Numéro RNA de l'association de résidents, le cas échéant", { mandatory: false }),
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
export function genericValue(ctx: ValueContext, def: FieldDef): FieldValue | null {
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
    case 'communes':
      return rng.pick(SEED_COMMUNES);
    case 'departements':
      return { code: ctx.persona.departement.code, name: ctx.persona.departement.name };
    case 'regions':
      return rng.pick(SEED_REGIONS);
    case 'epci':
      return rng.pick(SEED_EPCI);
    case 'pays':
      return rng.chance(0.8) ? { code: 'FR', name: 'France' } : rng.pick(SEED_PAYS);
    case 'rna':
      return `W${rng.int(100_000_000, 999_999_999)}`;
    case 'numero_fiscal': {
      const head = rng.int(1_000_000_000, 3_999_999_999);
      return `${head}${String(head % 511).padStart(3, '0')}`;
    }
    case 'repetition':
      return null;
    default:
      return null;
  }
}

// A few entries of the reference lists, as stored (the seed does not read the lists themselves).
const SEED_COMMUNES = [
  { code: '69123', name: 'Lyon', departement: '69' },
  { code: '59350', name: 'Lille', departement: '59' },
  { code: '13055', name: 'Marseille', departement: '13' },
  { code: '31555', name: 'Toulouse', departement: '31' },
  { code: '35238', name: 'Rennes', departement: '35' },
  { code: '67482', name: 'Strasbourg', departement: '67' },
];
const SEED_REGIONS = [
  { code: '84', name: 'Auvergne-Rhône-Alpes' },
  { code: '32', name: 'Hauts-de-France' },
  { code: '93', name: "Provence-Alpes-Côte d'Azur" },
  { code: '76', name: 'Occitanie' },
];
const SEED_EPCI = [
  { code: '200046977', name: 'Métropole de Lyon' },
  { code: '200093201', name: 'Métropole Européenne de Lille' },
  { code: '244400404', name: 'Nantes Métropole' },
];
const SEED_PAYS = [
  { code: 'DE', name: 'Allemagne' },
  { code: 'BE', name: 'Belgique' },
  { code: 'ES', name: 'Espagne' },
];

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

/** Creation instants of `n` dossiers spread evenly (with jitter) between two instants, increasing. */
export function creationTimes(rng: Rng, n: number, from: number, to: number): number[] {
  const out: number[] = [];
  const step = (to - from) / n;
  for (let i = 0; i < n; i++) out.push(from + (i + 0.05 + rng.next() * 0.9) * step);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A dossier's life in time, shared by the demo and the load generator

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

export type TimelineState = 'brouillon' | 'en_construction' | 'en_instruction' | 'accepte' | 'refuse' | 'sans_suite';

export interface Timeline {
  state: TimelineState;
  /** epoch ms of each step, null when not reached */
  depose: number | null;
  enInstr: number | null;
  processed: number | null;
  /** passed en instruction automatically when its procedure closed */
  automatic: boolean;
  termine: boolean;
  /** last instant something may happen while en cours */
  end: number;
  brouillonUpdated: number | null;
}

/** Draws when a dossier created at `createdMs` was deposited, instructed and decided, as seen at `now`
 *  (`closed`: its procedure's closing time, after which nothing is deposited and what is en
 *  construction passes en instruction automatically). */
export function dossierTimeline(
  rng: Rng,
  createdMs: number,
  closed: number | null,
  now: number,
  mix: StateMix,
): Timeline {
  let state: TimelineState;
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
  const end = processed ?? now;
  const brouillonUpdated =
    state === 'brouillon' ? between(rng, createdMs, Math.min(now, createdMs + 5 * DAY_MS)) : null;
  return { state, depose, enInstr, processed, automatic, termine, end, brouillonUpdated };
}
