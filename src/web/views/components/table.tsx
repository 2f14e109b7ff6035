// The DSFR table: its four wrappers (scrolling on small screens) around a table with a caption.
import type { Child, FC } from 'hono/jsx';

export const Table: FC<{
  /** DSFR modifiers and spacing after `fr-table`, e.g. `fr-table--sm fr-table--no-caption` */
  modifiers?: string;
  id?: string;
  caption: Child;
  /** thead and tbody */
  children?: Child;
}> = ({ modifiers, id, caption, children }) => (
  <div class={modifiers ? `fr-table ${modifiers}` : 'fr-table'} id={id}>
    <div class="fr-table__wrapper">
      <div class="fr-table__container">
        <div class="fr-table__content">
          <table>
            <caption>{caption}</caption>
            {children}
          </table>
        </div>
      </div>
    </div>
  </div>
);
