import { fail, ok, textLikeModule } from './shared.ts';

export const EMAIL_ERROR = 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr';

// local part: unquoted atoms separated by dots; domain: at least two labels, the last alphabetic.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9\u00c0-\uffff]([A-Za-z0-9\u00c0-\uffff-]*[A-Za-z0-9\u00c0-\uffff])?\.)+[A-Za-z\u00c0-\uffff]{2,}$/;

/** E-mail address: stored trimmed as typed. */
export const email = textLikeModule({
  type: 'email',
  label: 'Adresse électronique',
  invalid: EMAIL_ERROR,
  normalize: (value) => (value.length <= 254 && EMAIL.test(value) ? ok(value) : fail(EMAIL_ERROR)),
});
