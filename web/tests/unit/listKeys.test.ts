import { describe, expect, it } from 'vitest';
import { isTypingTarget, listKeyAction, toggled } from '../../src/lib/listKeys';

describe('listKeyAction', () => {
  it('j and k move within bounds, starting at the first row', () => {
    expect(listKeyAction({ key: 'j' }, -1, 3)).toEqual({ kind: 'move', index: 0 });
    expect(listKeyAction({ key: 'j' }, 0, 3)).toEqual({ kind: 'move', index: 1 });
    expect(listKeyAction({ key: 'j' }, 2, 3)).toEqual({ kind: 'move', index: 2 });
    expect(listKeyAction({ key: 'k' }, 2, 3)).toEqual({ kind: 'move', index: 1 });
    expect(listKeyAction({ key: 'k' }, 0, 3)).toEqual({ kind: 'move', index: 0 });
    expect(listKeyAction({ key: 'k' }, -1, 3)).toEqual({ kind: 'move', index: 0 });
  });

  it('does nothing on an empty list', () => {
    for (const key of ['j', 'k', 'x', 'e', 'Enter']) expect(listKeyAction({ key }, -1, 0)).toBeNull();
  });

  it('x toggles and Enter or e opens the focused row only', () => {
    expect(listKeyAction({ key: 'x' }, 1, 3)).toEqual({ kind: 'toggle', index: 1 });
    expect(listKeyAction({ key: 'x' }, -1, 3)).toBeNull();
    expect(listKeyAction({ key: 'Enter' }, 2, 3)).toEqual({ kind: 'open', index: 2 });
    expect(listKeyAction({ key: 'e' }, 0, 3)).toEqual({ kind: 'open', index: 0 });
    expect(listKeyAction({ key: 'e' }, -1, 3)).toBeNull();
    // A row that went away after a reload is not opened.
    expect(listKeyAction({ key: 'e' }, 5, 3)).toBeNull();
  });

  it('/ goes to search even with no rows', () => {
    expect(listKeyAction({ key: '/' }, -1, 0)).toEqual({ kind: 'search' });
  });

  it('leaves modified keys and other keys alone', () => {
    expect(listKeyAction({ key: 'j', ctrlKey: true }, 0, 3)).toBeNull();
    expect(listKeyAction({ key: 'e', metaKey: true }, 0, 3)).toBeNull();
    expect(listKeyAction({ key: 'x', altKey: true }, 0, 3)).toBeNull();
    expect(listKeyAction({ key: 'J' }, 0, 3)).toBeNull();
    expect(listKeyAction({ key: 'a' }, 0, 3)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is true for text entry and false for checkboxes, links and the page', () => {
    const make = (html: string) => {
      const d = document.createElement('div');
      d.innerHTML = html;
      return d.firstElementChild;
    };
    expect(isTypingTarget(make('<input type="text">'))).toBe(true);
    expect(isTypingTarget(make('<input type="search">'))).toBe(true);
    expect(isTypingTarget(make('<input type="date">'))).toBe(true);
    expect(isTypingTarget(make('<textarea></textarea>'))).toBe(true);
    expect(isTypingTarget(make('<select></select>'))).toBe(true);
    expect(isTypingTarget(make('<input type="checkbox">'))).toBe(false);
    expect(isTypingTarget(make('<a href="/x">x</a>'))).toBe(false);
    expect(isTypingTarget(make('<button>b</button>'))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('is true inside contenteditable', () => {
    const el = document.createElement('div');
    el.contentEditable = 'true';
    document.body.append(el);
    // jsdom does not compute isContentEditable; the browser does.
    Object.defineProperty(el, 'isContentEditable', { value: true });
    expect(isTypingTarget(el)).toBe(true);
    el.remove();
  });
});

describe('toggled', () => {
  it('adds and removes without changing the original', () => {
    const a = new Set(['SNAG-1']);
    const b = toggled(a, 'SNAG-2');
    expect([...b]).toEqual(['SNAG-1', 'SNAG-2']);
    expect([...toggled(b, 'SNAG-1')]).toEqual(['SNAG-2']);
    expect([...a]).toEqual(['SNAG-1']);
  });
});
