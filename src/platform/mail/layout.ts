// The e-mail layout lives in templates/layout.tsx (hono/jsx); this module keeps the import path of
// the jobs and features that build their e-mail with renderMail.
export { renderMail, type MailContent, type RenderedMail } from './templates/layout.tsx';
