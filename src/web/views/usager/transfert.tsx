// « Transférer le dossier » (docs/interface.md §7): the owner's offer, and the receiver's answer.
import type { FC } from 'hono/jsx';
import type { IncomingTransfer } from '../../../queries/usager-dossiers.ts';
import { frDate } from '../dossier/format.ts';
import { Csrf, Input } from '../form.tsx';

export const TransferSection: FC<{ dossierId: string; csrf: string; pending: string | null }> = ({
  dossierId,
  csrf,
  pending,
}) => (
  <section class="fr-mt-6w" aria-labelledby="transfert-titre" id="transfert">
    <h2 class="fr-h5" id="transfert-titre">
      Transférer le dossier
    </h2>
    {pending ? (
      <p class="fr-text--sm">
        Transfert proposé à <strong>{pending}</strong>, en attente de sa réponse.
      </p>
    ) : null}
    <form method="post" action={`/dossiers/${dossierId}/transfert`} novalidate>
      <Csrf token={csrf} />
      <Input
        id="transfert-email"
        name="email"
        type="email"
        label="Adresse électronique du nouveau titulaire"
        hint="Le dossier lui appartiendra quand il aura accepté le transfert ; vous n'y aurez plus accès."
        autocomplete="email"
      />
      <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
        Transférer le dossier
      </button>
    </form>
  </section>
);

export const IncomingTransfers: FC<{ transfers: IncomingTransfer[]; csrf: string }> = ({ transfers, csrf }) =>
  transfers.length ? (
    <section class="fr-mb-4w" aria-labelledby="transferts-titre">
      <h2 class="fr-h4" id="transferts-titre">
        Dossiers qu'on vous propose de transférer
      </h2>
      <ul>
        {transfers.map((t) => (
          <li class="fr-mb-2w">
            Dossier nº {t.dossierId} — {t.procedureTitle}, proposé par {t.fromEmail} le {frDate(t.createdAt)}
            <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mt-1w">
              <li>
                <form method="post" action={`/dossiers/${t.dossierId}/transfert/accepter`}>
                  <Csrf token={csrf} />
                  <button type="submit" class="fr-btn fr-btn--sm">
                    Accepter<span class="fr-sr-only"> le dossier nº {t.dossierId}</span>
                  </button>
                </form>
              </li>
              <li>
                <form method="post" action={`/dossiers/${t.dossierId}/transfert/refuser`}>
                  <Csrf token={csrf} />
                  <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                    Refuser<span class="fr-sr-only"> le dossier nº {t.dossierId}</span>
                  </button>
                </form>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </section>
  ) : null;
