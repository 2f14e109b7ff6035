// The hidden one-time token of a form that creates something (src/web/http/once.ts): a new value
// each time the form is shown, so that sending this form twice creates one thing only.
import type { FC } from 'hono/jsx';
import { newOnceToken, ONCE_FIELD } from '../../http/once.ts';

export const OnceField: FC = () => <input type="hidden" name={ONCE_FIELD} value={newOnceToken()} />;
