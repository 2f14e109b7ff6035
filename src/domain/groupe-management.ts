/**
 * Instructors managing their own groups, and a group's contact information — docs/domain.md §10.
 */

/** Why the instructor may not manage the group's instructors (null: he may). */
export function selfManagementRefusal(p: { selfManagement: boolean; member: boolean }): string | null {
  if (!p.selfManagement)
    return "Les administrateurs de la démarche n'ont pas activé l'auto-gestion des instructeurs : contactez-les pour ajouter ou retirer un instructeur.";
  if (!p.member) return "Vous n'êtes pas instructeur de ce groupe.";
  return null;
}

/** Why this instructor may not be removed from the group (null: he may). */
export function removalRefusal(p: { memberCount: number; isMember: boolean }): string | null {
  if (!p.isMember) return "Cette personne n'est pas instructeur de ce groupe.";
  if (p.memberCount <= 1) return "Le dernier instructeur d'un groupe ne peut pas être retiré.";
  return null;
}

export const CONTACT_FIELDS = ['service', 'adresse', 'email', 'telephone', 'horaires'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type GroupeContact = Record<ContactField, string>;

export const CONTACT_LABELS: Record<ContactField, string> = {
  service: 'Nom du service',
  adresse: 'Adresse postale',
  email: 'Adresse électronique',
  telephone: 'Téléphone',
  horaires: "Horaires d'ouverture",
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .()-]{6,20}$/;

/** The contact as stored (trimmed), or a French message per field that is wrong. */
export function checkContact(
  raw: GroupeContact,
): { ok: true; contact: GroupeContact } | { ok: false; fields: Partial<GroupeContact> } {
  const contact = Object.fromEntries(CONTACT_FIELDS.map((k) => [k, raw[k].trim()])) as GroupeContact;
  const fields: Partial<GroupeContact> = {};
  for (const k of CONTACT_FIELDS) {
    if (!contact[k]) fields[k] = `Saisissez le champ « ${CONTACT_LABELS[k]} ».`;
    else if (contact[k].length > (k === 'adresse' || k === 'horaires' ? 500 : 200))
      fields[k] = `Le champ « ${CONTACT_LABELS[k]} » est trop long.`;
  }
  if (!fields.email && !EMAIL.test(contact.email))
    fields.email = 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr.';
  if (!fields.telephone && !PHONE.test(contact.telephone))
    fields.telephone = 'Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89.';
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, contact };
}

/** The lines of the contact as the usager's e-mails show them at their foot. */
export function contactLines(c: GroupeContact): string[] {
  return [c.service, c.adresse, `E-mail : ${c.email}`, `Téléphone : ${c.telephone}`, `Horaires : ${c.horaires}`];
}
