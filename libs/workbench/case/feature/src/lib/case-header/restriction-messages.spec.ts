import { describe, expect, it } from 'vitest';
import { keptForAssigneeText } from './restriction-messages';

describe('keptForAssigneeText', () => {
  it('says nothing when nobody removed holds another case of theirs', () => {
    expect(keptForAssigneeText(undefined)).toBeNull();
    expect(keptForAssigneeText({ cases: [], unnamed: 0 }, ['Sam Carter'])).toBeNull();
  });

  it('names who was removed and the cases the lead is on, counts the rest, and asks for a reassignment', () => {
    expect(keptForAssigneeText({ cases: [{ id: 'a', reference: 'HC/2026/000101' }], unnamed: 0 }, ['Sam Carter'])).toBe(
      'Sam Carter, whom you removed, still holds the victim’s or the suspect’s other restricted case HC/2026/000101: they stay on it while they are its assignee. Reassign it to take them off.',
    );
    expect(
      keptForAssigneeText({
        cases: [
          { id: 'a', reference: 'HC/2026/000101' },
          { id: 'b', reference: 'HC/2026/000102' },
        ],
        unnamed: 1,
      }),
    ).toBe(
      'Someone you removed still holds the victim’s or the suspect’s other restricted cases HC/2026/000101, HC/2026/000102 and a restricted case of theirs you are not on: they stay on each while they are the assignee. Reassign them to take them off. A team lead on the case you are not on must reassign it.',
    );
    expect(keptForAssigneeText({ cases: [], unnamed: 2 }, ['Sam Carter', 'Alex Morgan'])).toBe(
      'Someone you removed still holds 2 restricted cases of theirs you are not on: they stay on each while they are the assignee. A team lead on the cases you are not on must reassign them.',
    );
  });
});
