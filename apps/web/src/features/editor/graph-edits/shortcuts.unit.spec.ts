import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutOf } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps Ctrl and Cmd chords to commands', () => {
    expect(shortcutOf(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutOf(key('c', { metaKey: true }))).toBe('copy');
    expect(shortcutOf(key('v', { ctrlKey: true }))).toBe('paste');
    expect(shortcutOf(key('s', { ctrlKey: true }))).toBe('save');
    expect(shortcutOf(key('Delete'))).toBe('delete');
    expect(shortcutOf(key('Backspace'))).toBe('delete');
    expect(shortcutOf(key('?', { shiftKey: true }))).toBe('help');
  });

  it('ignores plain letters and Alt chords', () => {
    expect(shortcutOf(key('z'))).toBeUndefined();
    expect(shortcutOf(key('c', { ctrlKey: true, altKey: true }))).toBeUndefined();
  });

  it('knows text fields', () => {
    expect(isTypingTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV' } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
