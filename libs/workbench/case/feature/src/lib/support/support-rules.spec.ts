import { describe, expect, it } from 'vitest';
import { NEED_DOMAINS } from '@lantern/shared/domain';
import { actionRows, needRows, needsFromRows, needsProblems, safetyPlanFromRows, safetyPlanProblems } from './support-rules';

describe('needs assessment form', () => {
  it('shows every domain and sends each one answered, urgency only with a need', () => {
    const rows = needRows({ housing: { need: true, urgency: 'high', notes: 'Refuge space needed' } });
    expect(rows).toHaveLength(NEED_DOMAINS.length);
    expect(rows.find((r) => r.id === 'housing')).toMatchObject({ need: true, urgency: 'high', notes: 'Refuge space needed' });
    rows[0] = { ...rows[0], need: false, urgency: 'low', notes: '  ' };
    const content = needsFromRows(rows);
    expect(content.safety).toEqual({ need: false, urgency: null, notes: null });
    expect(Object.keys(content)).toHaveLength(NEED_DOMAINS.length);
  });

  it('needs an urgency for every need', () => {
    const rows = needRows(null).map((r) => (r.id === 'children' ? { ...r, need: true } : r));
    expect(needsProblems(rows)).toEqual([{ target: 'need-children-urgency', message: 'Children: choose how urgent the need is.' }]);
  });
});

describe('safety plan form', () => {
  it('keeps action ids, leaves new ones to the API, and needs words for each action', () => {
    const rows = actionRows({
      actions: [{ id: 'a1', action: 'Keep phone charged', owner: 'victim', agreed: true, done: false, due: null }],
      notes: null,
    });
    rows.push({ id: null, action: ' ', owner: 'caseworker', agreed: false, done: false, due: '2026-12-01' });
    expect(safetyPlanProblems(rows)).toEqual([{ target: 'action-1-text', message: 'Action 2: say what will be done, or remove it.' }]);
    rows[1].action = 'Refer to IDVA';
    const content = safetyPlanFromRows(rows, '');
    expect(content.actions[0]).toMatchObject({ id: 'a1', due: null });
    expect(content.actions[1]).not.toHaveProperty('id');
    expect(content).toMatchObject({ notes: null });
  });
});
