// « Historique des modifications du formulaire » (docs/interface.md §6D): each published revision, newest
// first, with what changed.
import type { FC } from 'hono/jsx';
import type { FieldChange } from '../../../domain/revision-diff.ts';
import type { RevisionEntry } from '../../../queries/revision-history.ts';
import { GestionFrame } from './common.tsx';

const FR_DATE = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

const Changes: FC<{ title: string; changes: FieldChange[] }> = ({ title, changes }) =>
  changes.length ? (
    <>
      <p class="fr-mb-1w">
        <strong>{title}</strong>
      </p>
      <ul>
        {changes.map((c) => (
          <li data-change={c.kind}>{c.text}</li>
        ))}
      </ul>
    </>
  ) : null;

export const RevisionHistoryPage: FC<{ procedure: { id: string; title: string }; revisions: RevisionEntry[] }> = ({
  procedure,
  revisions,
}) => (
  <GestionFrame
    procedureId={procedure.id}
    procedureTitle={procedure.title}
    title="Historique des modifications du formulaire"
  >
    {revisions.length === 0 ? <p>Le formulaire de cette démarche n'a pas encore été publié.</p> : null}
    <ol style="list-style:none;padding-left:0">
      {revisions.map((r) => (
        <li class="fr-mb-4w">
          <h2 class="fr-h5">Publication du {FR_DATE.format(r.publishedAt)}</h2>
          {r.first ? (
            <p>Première publication du formulaire.</p>
          ) : r.fields.length + r.annotations.length === 0 ? (
            <p>Aucune modification des champs.</p>
          ) : (
            <>
              <Changes title="Formulaire de l'usager" changes={r.fields} />
              <Changes title="Annotations privées" changes={r.annotations} />
            </>
          )}
        </li>
      ))}
    </ol>
  </GestionFrame>
);
