// E-mails about the messagerie: to the usager when the administration wrote to him, to the
// following instructors who asked for it when the usager wrote.
import { renderMail, type RenderedMail } from './layout.tsx';

export function newMessageToUsager(d: { dossierId: string; procedureTitle: string; dossierUrl: string }): RenderedMail {
  return renderMail({
    subject: `Nouveau message sur votre dossier nº ${d.dossierId} (${d.procedureTitle})`,
    paragraphs: [
      `L'administration vous a envoyé un message sur votre dossier nº ${d.dossierId} de la démarche « ${d.procedureTitle} ».`,
      'Pour le lire et y répondre, ouvrez la messagerie de votre dossier.',
    ],
    link: { label: 'Lire le message', url: d.dossierUrl },
  });
}

export function newMessageToInstructeur(d: {
  dossierId: string;
  procedureTitle: string;
  dossierUrl: string;
}): RenderedMail {
  return renderMail({
    subject: `Nouveau message de l'usager sur le dossier nº ${d.dossierId}`,
    paragraphs: [
      `L'usager a envoyé un message sur le dossier nº ${d.dossierId} de la démarche « ${d.procedureTitle} ».`,
    ],
    link: { label: 'Ouvrir la messagerie du dossier', url: d.dossierUrl },
  });
}
