// Minimal, robust HTML for e-mails (clients ignore most CSS). Text is escaped here.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** paragraphs: plain text (escaped); link: an optional call to action. */
export function renderMail(opts: {
  subject: string;
  greeting?: string;
  paragraphs: string[];
  link?: { label: string; url: string };
  signature?: string;
}): RenderedMail {
  const greeting = opts.greeting ?? 'Bonjour,';
  const signature = opts.signature ?? "L'équipe Guichet";
  const htmlParas = opts.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');
  const htmlLink = opts.link
    ? `<p><a href="${escapeHtml(opts.link.url)}" style="background:#000091;color:#fff;padding:8px 16px;text-decoration:none;display:inline-block">${escapeHtml(opts.link.label)}</a></p>`
    : '';
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(opts.subject)}</title></head>
<body style="font-family:Marianne,Arial,sans-serif;color:#161616;max-width:640px">
<p>${escapeHtml(greeting)}</p>
${htmlParas}
${htmlLink}
<p>${escapeHtml(signature)}</p>
<p style="color:#666;font-size:12px">Merci de ne pas répondre à cet e-mail.</p>
</body></html>`;
  const text = [
    greeting,
    '',
    ...opts.paragraphs.flatMap((p) => [p, '']),
    ...(opts.link ? [`${opts.link.label} : ${opts.link.url}`, ''] : []),
    signature,
    '',
    'Merci de ne pas répondre à cet e-mail.',
  ].join('\n');
  return { subject: opts.subject, html, text };
}
