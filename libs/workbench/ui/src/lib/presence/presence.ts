import type { PresenceViewer } from '@lantern/shared/domain';
import { editSectionLabel } from '../format/labels';

/** "Alex Morgan" → "AM"; one name → its first two letters. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase();
  return (words[0][0] + words[words.length - 1][0]).toUpperCase();
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** "Alex Morgan is viewing" / "Alex Morgan is editing Safe contact". */
export function presenceSentence(v: PresenceViewer): string {
  return v.editing ? `${v.displayName} is editing ${editSectionLabel(v.editing)}` : `${v.displayName} is viewing`;
}

/**
 * The queue row's short chip, "Sam viewing", "Sam editing", "Sam +2 viewing", in two parts: who may be shortened
 * in a narrow column; the verb never is.
 */
export function presenceChipParts(viewers: readonly PresenceViewer[]): { who: string; verb: string } {
  if (!viewers.length) return { who: '', verb: '' };
  const more = viewers.length > 1 ? ` +${viewers.length - 1}` : '';
  return { who: `${firstName(viewers[0].displayName)}${more}`, verb: viewers.some((v) => v.editing) ? 'editing' : 'viewing' };
}

/** Everyone in one sentence, for a tooltip or a screen reader. */
export function presenceSummary(viewers: readonly PresenceViewer[]): string {
  return viewers.map(presenceSentence).join('; ');
}
