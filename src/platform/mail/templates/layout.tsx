// The layout of every e-mail, in hono/jsx like the pages: text is escaped by the renderer, never by
// hand. Minimal, robust HTML (mail clients ignore most CSS), and the same content as plain text.
import type { Child } from 'hono/jsx';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface MailContent {
  subject: string;
  /** 'Bonjour,' when absent */
  greeting?: string;
  /** plain text; a '\n' inside a paragraph is a line break */
  paragraphs: string[];
  /** an optional call to action */
  link?: { label: string; url: string };
  /** "L'équipe Guichet" when absent */
  signature?: string;
  /** a link under the footer to stop receiving this kind of e-mail (the recaps) */
  unsubscribe?: { label: string; url: string };
  /** the lines of the service to contact (a group's contact information), above the footer */
  contact?: string[];
}

const FOOTER = 'Merci de ne pas répondre à cet e-mail.';
const CONTACT_TITLE = 'Pour nous contacter :';

/** A paragraph of plain text, its line breaks kept. */
function Lines({ text }: { text: string }) {
  const lines = text.split('\n');
  return <p>{lines.flatMap((line, i): Child[] => (i === 0 ? [line] : [<br />, line]))}</p>;
}

export function MailLayout({
  subject,
  greeting,
  paragraphs,
  link,
  signature,
  unsubscribe,
  contact,
}: Required<Omit<MailContent, 'link' | 'unsubscribe' | 'contact'>> & {
  link?: MailContent['link'];
  unsubscribe?: MailContent['unsubscribe'];
  contact?: MailContent['contact'];
}) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <title>{subject}</title>
      </head>
      <body style="font-family:Marianne,Arial,sans-serif;color:#161616;max-width:640px">
        <p>{greeting}</p>
        {paragraphs.map((p) => (
          <Lines text={p} />
        ))}
        {link && (
          <p>
            <a
              href={link.url}
              style="background:#000091;color:#fff;padding:8px 16px;text-decoration:none;display:inline-block"
            >
              {link.label}
            </a>
          </p>
        )}
        <p>{signature}</p>
        {contact?.length ? <Lines text={[CONTACT_TITLE, ...contact].join('\n')} /> : null}
        <p style="color:#666;font-size:12px">{FOOTER}</p>
        {unsubscribe && (
          <p style="color:#666;font-size:12px">
            <a href={unsubscribe.url}>{unsubscribe.label}</a>
          </p>
        )}
      </body>
    </html>
  );
}

/** The e-mail as HTML (rendered from MailLayout) and as plain text (the same words, unescaped). */
export function renderMail(opts: MailContent): RenderedMail {
  const greeting = opts.greeting ?? 'Bonjour,';
  const signature = opts.signature ?? "L'équipe Guichet";
  const body = (
    <MailLayout
      subject={opts.subject}
      greeting={greeting}
      paragraphs={opts.paragraphs}
      link={opts.link}
      signature={signature}
      unsubscribe={opts.unsubscribe}
      contact={opts.contact}
    />
  ).toString();
  // the layout has no async component, so the renderer answers at once
  if (typeof body !== 'string') throw new Error('MailLayout must render synchronously');
  const html = `<!doctype html>${body}`;
  const text = [
    greeting,
    '',
    ...opts.paragraphs.flatMap((p) => [p, '']),
    ...(opts.link ? [`${opts.link.label} : ${opts.link.url}`, ''] : []),
    signature,
    '',
    ...(opts.contact?.length ? [CONTACT_TITLE, ...opts.contact, ''] : []),
    FOOTER,
    ...(opts.unsubscribe ? [`${opts.unsubscribe.label} : ${opts.unsubscribe.url}`] : []),
  ].join('\n');
  return { subject: opts.subject, html, text };
}
