import { describe, expect, it } from 'vitest';
import { isTypingTarget, SEQUENCE_TIMEOUT_MS, ShortcutReader } from './shortcuts';

/** A stand-in for a DOM element: its tag, and the selectors its ancestors match. */
function el(tagName: string, ancestors: string[] = []) {
  return {
    tagName,
    isContentEditable: false,
    closest: (selector: string) => (selector.split(',').some((s) => ancestors.includes(s.trim())) ? {} : null),
  };
}

describe('isTypingTarget', () => {
  it.each([
    ['an input', el('INPUT'), true],
    ['a textarea', el('TEXTAREA'), true],
    ['a select', el('SELECT'), true],
    ['inside a mat-select', el('SPAN', ['mat-select']), true],
    ['a combobox', el('DIV', ['[role="combobox"]']), true],
    ['contenteditable', { tagName: 'DIV', isContentEditable: true }, true],
    ['a button', el('BUTTON'), false],
    ['the page', el('BODY'), false],
    ['nothing', null, false],
  ])('%s → %s', (_name, target, expected) => {
    expect(isTypingTarget(target)).toBe(expected);
  });
});

describe('ShortcutReader', () => {
  const body = el('BODY');

  it('reads single keys, either case', () => {
    const r = new ShortcutReader();
    expect(r.read({ key: 'n', target: body }, 0)).toBe('next-case');
    expect(r.read({ key: 'N', target: body }, 0)).toBe('next-case');
    expect(r.read({ key: 'c', target: body }, 0)).toBe('claim');
    expect(r.read({ key: '?', target: body }, 0)).toBe('help');
    expect(r.read({ key: '4', target: body }, 0)).toBe('tab-4');
    expect(r.read({ key: '7', target: body }, 0)).toBe('tab-7');
    expect(r.read({ key: '8', target: body }, 0)).toBe('tab-8');
    expect(r.read({ key: '9', target: body }, 0)).toBe('tab-9');
    expect(r.read({ key: '0', target: body }, 0)).toBeNull();
    expect(r.read({ key: 'x', target: body }, 0)).toBeNull();
  });

  it('never fires while typing or with a modifier', () => {
    const r = new ShortcutReader();
    expect(r.read({ key: 'n', target: el('INPUT') }, 0)).toBeNull();
    expect(r.read({ key: 'c', target: el('TEXTAREA') }, 0)).toBeNull();
    expect(r.read({ key: '1', target: el('DIV', ['mat-select']) }, 0)).toBeNull();
    expect(r.read({ key: 'n', ctrlKey: true, target: body }, 0)).toBeNull();
    expect(r.read({ key: 'c', metaKey: true, target: body }, 0)).toBeNull();
    expect(r.read({ key: '?', altKey: true, target: body }, 0)).toBeNull();
  });

  it('reads G then Q as "go to the queue", only in quick succession', () => {
    const r = new ShortcutReader();
    expect(r.read({ key: 'g', target: body }, 1000)).toBeNull();
    expect(r.read({ key: 'q', target: body }, 1500)).toBe('go-queue');
    // Q alone is nothing.
    expect(r.read({ key: 'q', target: body }, 1600)).toBeNull();
    // Too slow.
    r.read({ key: 'g', target: body }, 2000);
    expect(r.read({ key: 'q', target: body }, 2000 + SEQUENCE_TIMEOUT_MS + 1)).toBeNull();
    // G, then typing in a field, then Q: not a sequence.
    r.read({ key: 'g', target: body }, 5000);
    r.read({ key: 'a', target: el('INPUT') }, 5100);
    expect(r.read({ key: 'q', target: body }, 5200)).toBeNull();
    // G then another shortcut: that shortcut.
    r.read({ key: 'g', target: body }, 6000);
    expect(r.read({ key: 'n', target: body }, 6100)).toBe('next-case');
  });
});
