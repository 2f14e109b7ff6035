import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMail } from '../../src/platform/mail/layout.ts';
import { renderStateMail } from '../../src/platform/mail/templates/dossier-state.ts';
import { newMessageToInstructeur, newMessageToUsager } from '../../src/platform/mail/templates/new-message.ts';

const TITLE = 'Aide <script>alert("x")</script> & co';
const MOTIVATION = "Pièces <b>manquantes</b> & délai dépassé, l'attestation";
const URL = 'https://guichet.example/dossiers/42?onglet=messagerie&x=1';

test('dossier and motivation are escaped in the HTML part and raw in the text part', () => {
  const m = renderStateMail('refuse', {
    dossierId: '42',
    procedureTitle: TITLE,
    motivation: MOTIVATION,
    dossierUrl: URL,
  });
  assert.equal(m.subject, `Votre dossier nº 42 a été refusé (${TITLE})`);
  // html: no live markup from the data, every special character as an entity
  assert.ok(!m.html.includes('<script>'));
  assert.ok(!m.html.includes('<b>'));
  assert.ok(m.html.includes('Aide &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'), m.html);
  assert.ok(m.html.includes('Motif du refus : Pièces &lt;b&gt;manquantes&lt;/b&gt; &amp; délai dépassé'), m.html);
  assert.ok(m.html.includes('href="https://guichet.example/dossiers/42?onglet=messagerie&amp;x=1"'), m.html);
  assert.match(m.html, /^<!doctype html><html lang="fr">/);
  // text: the same words as typed
  assert.ok(m.text.includes(`Motif du refus : ${MOTIVATION}`), m.text);
  assert.ok(m.text.includes(`Voir mon dossier : ${URL}`), m.text);
  assert.ok(!m.text.includes('&amp;') && !m.text.includes('&lt;'));
});

test('messagerie notifications: the procedure title escaped in HTML, raw in text and subject', () => {
  for (const m of [
    newMessageToUsager({ dossierId: '7', procedureTitle: TITLE, dossierUrl: URL }),
    newMessageToInstructeur({ dossierId: '7', procedureTitle: TITLE, dossierUrl: URL }),
  ]) {
    assert.ok(!m.html.includes('<script>'), m.html);
    assert.ok(m.html.includes('« Aide &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co »'), m.html);
    assert.ok(m.text.includes(`« ${TITLE} »`), m.text);
  }
  assert.equal(
    newMessageToUsager({ dossierId: '7', procedureTitle: TITLE, dossierUrl: URL }).subject,
    `Nouveau message sur votre dossier nº 7 (${TITLE})`,
  );
});

test('layout: greeting, line breaks, call to action, signature and footer in both parts', () => {
  const m = renderMail({
    subject: 'Sujet & <test>',
    greeting: 'Bonjour Zoé & Léa,',
    paragraphs: ['Première ligne\nseconde <ligne>', 'Autre paragraphe'],
    link: { label: 'Ouvrir « le dossier »', url: 'https://guichet.example/a?b=1&c=2' },
    signature: 'La mairie d’Évry',
  });
  assert.equal(
    m.html,
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"/><title>Sujet &amp; &lt;test&gt;</title></head>' +
      '<body style="font-family:Marianne,Arial,sans-serif;color:#161616;max-width:640px">' +
      '<p>Bonjour Zoé &amp; Léa,</p><p>Première ligne<br/>seconde &lt;ligne&gt;</p><p>Autre paragraphe</p>' +
      '<p><a href="https://guichet.example/a?b=1&amp;c=2" style="background:#000091;color:#fff;padding:8px 16px;' +
      'text-decoration:none;display:inline-block">Ouvrir « le dossier »</a></p>' +
      '<p>La mairie d’Évry</p><p style="color:#666;font-size:12px">Merci de ne pas répondre à cet e-mail.</p>' +
      '</body></html>',
  );
  assert.equal(
    m.text,
    [
      'Bonjour Zoé & Léa,',
      '',
      'Première ligne\nseconde <ligne>',
      '',
      'Autre paragraphe',
      '',
      'Ouvrir « le dossier » : https://guichet.example/a?b=1&c=2',
      '',
      'La mairie d’Évry',
      '',
      'Merci de ne pas répondre à cet e-mail.',
    ].join('\n'),
  );
  const plain = renderMail({ subject: 's', paragraphs: ['p'] });
  assert.ok(plain.html.includes('<p>Bonjour,</p>') && plain.html.includes('<p>L&#39;équipe Guichet</p>'));
  assert.ok(!plain.html.includes('<a '));
  assert.equal(plain.text, "Bonjour,\n\np\n\nL'équipe Guichet\n\nMerci de ne pas répondre à cet e-mail.");
});
