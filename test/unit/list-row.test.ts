// A row of the dossier list (src/web/views/work-list/list-row.tsx), written as tagged templates for
// speed: each case pins the markup a person and the page's scripts rely on, and that every value
// is escaped as JSX would escape it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Column } from '../../src/queries/columns.ts';
import type { ListRow } from '../../src/queries/dossier-list.ts';
import { dossierRow, type RowContext } from '../../src/web/views/work-list/list-row.tsx';

const column = (id: string) => ({ id, label: id, displayable: true }) as unknown as Column;

const row = (over: Partial<ListRow> = {}): ListRow => ({
  id: '12',
  state: 'en_construction',
  archived: false,
  pendingCorrection: false,
  isTest: false,
  followedByMe: false,
  followerCount: 0,
  badges: [],
  labels: [],
  values: { 'champ/c01': 'Association des amis' },
  heldByBulk: false,
  expired: false,
  purgeAt: null,
  ...over,
});

const context = (over: Partial<RowContext> = {}): RowContext => ({
  csrf: 'jeton',
  procedureId: '3',
  tab: 'a-suivre',
  displayed: [column('champ/c01')],
  selectAll: false,
  ...over,
});

const render = async (r: ListRow, o: RowContext) => String(await dossierRow(r, o));

const cases: { name: string; row: ListRow; context: RowContext; has: string[]; hasNot?: string[] }[] = [
  {
    name: 'a plain row links to the dossier page with its tab and offers « Suivre le dossier »',
    row: row(),
    context: context(),
    has: [
      '<th scope="row"><a class="fr-link" href="/instructeur/dossiers/12?tab=a-suivre">Nº 12</a></th>',
      '<td>Association des amis</td><td><p class="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--new">En construction</p></td>',
      '<button type="submit" form="suivre-dossier" name="dossier_id" value="12" class="fr-btn fr-btn--sm fr-btn--secondary">Suivre le dossier<span class="fr-sr-only"> nº 12</span></button>',
      '<input type="checkbox" id="selection-12" name="dossier_ids" value="12" form="selection-dossiers" data-selection-target="box" data-action="selection#update"/>',
      '<label class="fr-label" for="selection-12"><span class="fr-sr-only">Sélectionner le dossier nº 12</span></label>',
      'data-bulk-actions="suivre ',
    ],
    hasNot: ['<ul', 'checked', 'disabled'],
  },
  {
    name: 'a followed dossier offers « Ne plus suivre » through the other page form',
    row: row({ followedByMe: true }),
    context: context(),
    has: [
      '<button type="submit" form="ne-plus-suivre-dossier" name="dossier_id" value="12" class="fr-btn fr-btn--sm fr-btn--tertiary">Ne plus suivre',
    ],
    hasNot: ['data-bulk-actions="suivre '],
  },
  {
    name: 'markers in order: test dossier, badges, « en attente », labels',
    row: row({
      isTest: true,
      badges: ['message'],
      pendingCorrection: true,
      labels: [{ id: '1', name: 'Urgent', color: 'purple_glycine' }],
    }),
    context: context(),
    has: [
      '<ul class="fr-badges-group fr-mt-1v"><li><p class="fr-badge fr-badge--warning fr-badge--no-icon fr-badge--sm">Dossier de test</p></li><li><p class="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--new">',
      '<li><p class="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">en attente</p></li><li><p class="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--purple-glycine">Urgent</p></li></ul></th>',
    ],
  },
  {
    name: '« tout sélectionner » checks the row',
    row: row(),
    context: context({ selectAll: true }),
    has: ['form="selection-dossiers" checked="" data-selection-target="box"'],
    hasNot: ['disabled'],
  },
  {
    name: 'a row held by a running bulk operation is disabled, never checked, and says why',
    row: row({ heldByBulk: true }),
    context: context({ selectAll: true }),
    has: [
      'form="selection-dossiers" disabled="" data-selection-target="box"',
      `<span class="fr-hint-text">fait partie d'une action de masse en cours</span></label>`,
    ],
    hasNot: ['checked'],
  },
  {
    name: 'values and label names are escaped, in text and in attributes',
    row: row({
      values: { 'champ/c01': `<script>alert("x")</script> & l'été` },
      labels: [{ id: '1', name: '<b>"gras"</b>', color: 'inconnue' }],
    }),
    context: context(),
    has: [
      '<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l&#39;été</td>',
      '<p class="fr-badge fr-badge--sm fr-badge--no-icon">&lt;b&gt;&quot;gras&quot;&lt;/b&gt;</p>',
    ],
    hasNot: ['<script>', '<b>'],
  },
  {
    name: 'in the corbeille: no link, a restore form with its purge date',
    row: row({ purgeAt: new Date('2027-03-01T12:00:00Z') }),
    context: context({ tab: 'supprimes' }),
    has: [
      '<th scope="row">Nº 12</th>',
      '<form method="post" action="/instructeur/dossiers/12/actions"><input type="hidden" name="_csrf" value="jeton"/><input type="hidden" name="action" value="restaurer"/>',
      'Restaurer<span class="fr-sr-only"> le dossier nº 12</span></button><p class="fr-text--xs fr-mb-0 fr-mt-1v">Suppression définitive le 1 mars 2027</p>',
    ],
    hasNot: ['<a ', 'suivre-dossier'],
  },
  {
    name: 'an expired dossier of the corbeille is restored and prolonged',
    row: row({ expired: true }),
    context: context({ tab: 'supprimes' }),
    has: ['value="prolonger_conservation"', 'Restaurer et prolonger', 'Conservé jusqu&#39;à sa restauration'],
  },
];

for (const c of cases) {
  test(c.name, async () => {
    const out = await render(c.row, c.context);
    assert.ok(out.startsWith('<tr data-bulk-actions="') && out.endsWith('</td></tr>'), out);
    for (const s of c.has) assert.ok(out.includes(s), `expected ${s}\nin ${out}`);
    for (const s of c.hasNot ?? []) assert.ok(!out.includes(s), `unexpected ${s}\nin ${out}`);
  });
}
