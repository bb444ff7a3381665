import { describe, expect, it } from 'vitest';
import { initials, presenceChipParts, presenceSentence, presenceSummary } from './presence';

const alex = { userId: 'a', displayName: 'Alex Morgan', editing: null };
const sam = { userId: 's', displayName: 'Sam Carter', editing: 'safe-contact' };

describe('presence wording', () => {
  it('makes initials', () => {
    expect(initials('Alex Morgan')).toBe('AM');
    expect(initials('Taylor Reed (IDVA service)')).toBe('TS');
    expect(initials('Robin')).toBe('RO');
    expect(initials('  ')).toBe('?');
  });

  it('says who is viewing and who is editing what', () => {
    expect(presenceSentence(alex)).toBe('Alex Morgan is viewing');
    expect(presenceSentence(sam)).toBe('Sam Carter is editing Safe contact');
    expect(presenceSummary([alex, sam])).toBe('Alex Morgan is viewing; Sam Carter is editing Safe contact');
  });

  it('fits the queue row', () => {
    expect(presenceChipParts([])).toEqual({ who: '', verb: '' });
    expect(presenceChipParts([alex])).toEqual({ who: 'Alex', verb: 'viewing' });
    expect(presenceChipParts([alex, sam])).toEqual({ who: 'Alex +1', verb: 'editing' });
  });
});
