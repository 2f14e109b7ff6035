// A procedure label as a small DSFR badge in its illustrative colour (the palette is the domain's:
// a stored colour outside it, from an older palette, shows as a plain badge).
import type { FC } from 'hono/jsx';
import { LABEL_COLOURS } from '../../../domain/labels.ts';

export const LabelBadge: FC<{ name: string; color: string }> = ({ name, color }) => {
  const known = Object.hasOwn(LABEL_COLOURS, color);
  return (
    <p class={`fr-badge fr-badge--sm fr-badge--no-icon${known ? ` fr-badge--${color.replace(/_/g, '-')}` : ''}`}>
      {name}
    </p>
  );
};
