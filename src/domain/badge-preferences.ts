/**
 * Changing a badge preference applies at once to the instructor's existing badges — docs/domain.md §4.2.
 */
import { CUSTOMISABLE, type NotificationKind, type NotificationPreference } from './notifications.ts';

export interface BadgeChange {
  kind: NotificationKind;
  /** rows to delete: all of the kind, or those on dossiers I do not follow */
  remove?: 'all' | 'unfollowed';
  /** rows to create where the kind applies now: on every dossier of my groups, or on those I follow */
  add?: 'all' | 'followed';
}

/** What each changed customisable kind does to the rows: narrowing removes, widening adds. */
export function badgeChanges(
  before: (k: NotificationKind) => NotificationPreference,
  after: (k: NotificationKind) => NotificationPreference,
): BadgeChange[] {
  const out: BadgeChange[] = [];
  for (const kind of CUSTOMISABLE) {
    const b = before(kind);
    const a = after(kind);
    if (a === b) continue;
    if (a === 'none') out.push({ kind, remove: 'all' });
    else if (a === 'followed') out.push(b === 'all' ? { kind, remove: 'unfollowed' } : { kind, add: 'followed' });
    else out.push({ kind, add: 'all' });
  }
  return out;
}
