// iCalendar (RFC 5545) invitations for rendez-vous, written by hand: no maintained small library is
// installed, and one VEVENT needs little. Lines end with CRLF and are folded at 75 octets (never
// inside a UTF-8 character); times are UTC ("Z"); TEXT values escape \ ; , and newlines. iTIP
// (RFC 5546): METHOD:REQUEST proposes or updates (same UID, higher SEQUENCE), METHOD:CANCEL with
// the same UID cancels.

export interface IcsPerson {
  email: string;
  name?: string | null;
}

export interface IcsEvent {
  uid: string;
  method: 'REQUEST' | 'CANCEL';
  sequence: number;
  start: Date;
  end: Date;
  /** DTSTAMP: when this version was produced */
  stamp: Date;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  organizer: IcsPerson;
  attendee: IcsPerson;
}

/** 20260302T090000Z */
export function icsDateTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A quoted parameter value (CN="…"): no DQUOTE, no control characters. */
function paramValue(s: string): string {
  return `"${s.replace(/["\x00-\x1f\x7f]/g, '')}"`;
}

/** Folds one content line at 75 octets: CRLF + a space before each continuation (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    // the first line holds 75 octets; continuation lines 74 plus their leading space
    const max = out.length === 0 ? 75 : 74;
    if (bytes + n > max) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

function person(prop: 'ORGANIZER' | 'ATTENDEE', p: IcsPerson, extra = ''): string {
  const cn = p.name ? `;CN=${paramValue(p.name)}` : '';
  return `${prop}${cn}${extra}:mailto:${p.email}`;
}

/** The whole VCALENDAR with one VEVENT, CRLF line endings. */
export function renderIcs(e: IcsEvent): string {
  const cancelled = e.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Guichet//Rendez-vous//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${icsDateTime(e.stamp)}`,
    `DTSTART:${icsDateTime(e.start)}`,
    `DTEND:${icsDateTime(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.url ? [`URL:${e.url.replace(/[\r\n]/g, '')}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    person('ORGANIZER', e.organizer),
    person('ATTENDEE', e.attendee, ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE'),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
