import { describe, expect, it } from 'vitest';
import { readChoice, resolveTheme, THEME_INIT_SCRIPT, THEME_STORAGE_KEY, toggledChoice } from './theme';

describe('theme', () => {
  it('follows the system unless a choice was stored', () => {
    expect(resolveTheme(readChoice(null), true)).toBe('dark');
    expect(resolveTheme(readChoice(null), false)).toBe('light');
    expect(resolveTheme(readChoice('light'), true)).toBe('light');
    expect(resolveTheme(readChoice('dark'), false)).toBe('dark');
    expect(readChoice('purple')).toBe('system');
  });

  it('flips what is shown', () => {
    expect(toggledChoice('dark')).toBe('light');
    expect(toggledChoice('light')).toBe('dark');
  });

  it('sets the class before paint with the same rules', () => {
    const run = (stored: string | null, systemDark: boolean) => {
      const classes = new Set<string>();
      const html = { classList: { toggle: (name: string, on: boolean) => (on ? classes.add(name) : classes.delete(name)) }, style: { colorScheme: '' } };
      const localStorage = { getItem: (key: string) => (key === THEME_STORAGE_KEY ? stored : null) };
      const window = { matchMedia: () => ({ matches: systemDark }) };
      // The inline script runs as the page runs it: as source text, with the globals it reads passed in.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
      new Function('localStorage', 'window', 'document', THEME_INIT_SCRIPT)(localStorage, window, { documentElement: html });
      return classes.has('dark');
    };
    for (const stored of [null, 'light', 'dark']) for (const systemDark of [true, false]) expect(run(stored, systemDark)).toBe(resolveTheme(readChoice(stored), systemDark) === 'dark');
  });
});
