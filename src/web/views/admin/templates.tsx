// « Attestations » and « E-mails » of a procedure (docs/interface.md §A): the templates with their
// tags, a preview with a sample dossier, the reset to the default e-mail.
import type { FC } from 'hono/jsx';
import { MAIL_TAGS, TEMPLATE_TAGS, type AttestationKind } from '../../../domain/procedure.ts';
import { Csrf, Input } from '../form.tsx';
import { adminHref, ProcedureCrumbs } from './procedure.tsx';

export interface TemplateForm {
  title: string;
  body: string;
  footer: string;
  activated: boolean;
}

const KIND_TITLE: Record<AttestationKind, string> = {
  acceptation: "Attestation d'acceptation",
  refus: 'Attestation de refus',
};

export const AttestationsView: FC<{
  p: { id: string; title: string };
  forms: Record<AttestationKind, TemplateForm>;
  labels: string[];
  errors: { kind: AttestationKind; fields: Record<string, string> } | null;
  preview: { kind: AttestationKind; title: string; body: string; footer: string } | null;
  csrf: string;
}> = ({ p, forms, labels, errors, preview, csrf }) => (
  <>
    <ProcedureCrumbs p={p} current="Attestations" />
    <h1>Attestations</h1>
    <p>
      Balises utilisables : {TEMPLATE_TAGS.map((t) => `--${t}--`).join(', ')}
      {labels.length ? `, et le libellé de tout champ : ${labels.map((l) => `--${l}--`).join(', ')}` : ''}.
    </p>
    {(['acceptation', 'refus'] as const).map((kind) => {
      const f = forms[kind];
      const e = errors?.kind === kind ? errors.fields : {};
      return (
        <section class="fr-mb-6w" aria-labelledby={`att-${kind}`}>
          <h2 id={`att-${kind}`}>{KIND_TITLE[kind]}</h2>
          {/* the preview answers the POST with the page itself: a full load, not Turbo's */}
          <form method="post" action={adminHref(p.id, `attestations/${kind}`)} data-turbo="false">
            <Csrf token={csrf} />
            <div class="fr-checkbox-group fr-mb-2w">
              <input type="checkbox" id={`activated-${kind}`} name="activated" value="1" checked={f.activated} />
              <label class="fr-label" for={`activated-${kind}`}>
                {kind === 'acceptation'
                  ? "Délivrer une attestation à l'acceptation"
                  : 'Délivrer une attestation au refus'}
              </label>
            </div>
            <Input id={`title-${kind}`} name="title" label="Titre" value={f.title} error={e.title} />
            <Input id={`body-${kind}`} name="body" label="Corps" value={f.body} error={e.body} textarea rows={8} />
            <Input
              id={`footer-${kind}`}
              name="footer"
              label="Pied de page"
              value={f.footer}
              error={e.footer}
              textarea
              rows={2}
            />
            <ul class="fr-btns-group fr-btns-group--inline">
              <li>
                <button class="fr-btn" type="submit">
                  Enregistrer
                </button>
              </li>
              <li>
                <button
                  class="fr-btn fr-btn--secondary"
                  type="submit"
                  formaction={adminHref(p.id, `attestations/${kind}/apercu`)}
                >
                  Prévisualiser
                </button>
              </li>
            </ul>
          </form>
          {preview?.kind === kind ? (
            <div class="fr-callout fr-mt-2w" aria-live="polite">
              <p class="fr-text--sm">Aperçu avec un dossier d'exemple :</p>
              <h3 class="fr-callout__title">{preview.title}</h3>
              {preview.body.split('\n').map((l) => (
                <p class="fr-callout__text">{l}</p>
              ))}
              <p class="fr-text--xs">{preview.footer}</p>
            </div>
          ) : null}
        </section>
      );
    })}
  </>
);

export interface MailForm {
  key: string;
  label: string;
  subject: string;
  body: string;
  custom: boolean;
}

export const MailsView: FC<{
  p: { id: string; title: string };
  mails: MailForm[];
  errors: { key: string; fields: Record<string, string> } | null;
  preview: { key: string; subject: string; body: string } | null;
  csrf: string;
}> = ({ p, mails, errors, preview, csrf }) => (
  <>
    <ProcedureCrumbs p={p} current="E-mails" />
    <h1>E-mails envoyés aux usagers</h1>
    <p>Balises utilisables : {MAIL_TAGS.map((t) => `--${t}--`).join(', ')}.</p>
    {mails.map((m) => {
      const e = errors?.key === m.key ? errors.fields : {};
      const open = errors?.key === m.key || preview?.key === m.key;
      return (
        <section class="fr-mb-4w" aria-labelledby={`mail-${m.key}`}>
          <h2 id={`mail-${m.key}`} class="fr-h5">
            {m.label} {m.custom ? <span class="fr-badge fr-badge--sm fr-badge--info">personnalisé</span> : null}
          </h2>
          <details open={open}>
            <summary>Modifier</summary>
            <form method="post" action={adminHref(p.id, `emails/${m.key}`)} data-turbo="false">
              <Csrf token={csrf} />
              <Input id={`subject-${m.key}`} name="subject" label="Objet" value={m.subject} error={e.subject} />
              <Input id={`body-${m.key}`} name="body" label="Texte" value={m.body} error={e.body} textarea rows={5} />
              <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                <li>
                  <button class="fr-btn fr-btn--sm" type="submit">
                    Enregistrer
                  </button>
                </li>
                <li>
                  <button
                    class="fr-btn fr-btn--secondary fr-btn--sm"
                    type="submit"
                    formaction={adminHref(p.id, `emails/${m.key}/apercu`)}
                  >
                    Prévisualiser
                  </button>
                </li>
                {m.custom ? (
                  <li>
                    <button
                      class="fr-btn fr-btn--tertiary fr-btn--sm"
                      type="submit"
                      formaction={adminHref(p.id, `emails/${m.key}/defaut`)}
                    >
                      Rétablir le modèle par défaut
                    </button>
                  </li>
                ) : null}
              </ul>
            </form>
            {preview?.key === m.key ? (
              <div class="fr-callout" aria-live="polite">
                <p class="fr-callout__title">{preview.subject}</p>
                {preview.body.split('\n').map((l) => (
                  <p class="fr-callout__text">{l}</p>
                ))}
              </div>
            ) : null}
          </details>
        </section>
      );
    })}
  </>
);
