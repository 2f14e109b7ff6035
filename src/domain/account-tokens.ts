/** Why a password or invitation link cannot be used (docs/interface.md §1): said on its page and on submit. */
export const TOKEN_REFUSALS = {
  unknown: "Ce lien n'est pas valide. Vérifiez que vous avez copié le lien en entier.",
  used: 'Ce lien a déjà été utilisé. Demandez-en un nouveau si besoin.',
  expired: 'Ce lien a expiré. Demandez-en un nouveau.',
} as const;
