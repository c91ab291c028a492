'use client';

import { useEffect, useState } from 'react';
import { readChoice, resolveTheme, THEME_STORAGE_KEY, toggledChoice, type ThemeChoice } from './theme';

const systemQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function apply(choice: ThemeChoice): 'light' | 'dark' {
  const shown = resolveTheme(choice, systemQuery().matches);
  document.documentElement.classList.toggle('dark', shown === 'dark');
  document.documentElement.style.colorScheme = shown;
  return shown;
}

/** The header's light/dark switch. Follows the system until clicked; the click is remembered. */
export function ThemeToggle() {
  const [shown, setShown] = useState<'light' | 'dark'>('light');
  useEffect(() => {
    const choice = () => readChoice(localStorage.getItem(THEME_STORAGE_KEY));
    setShown(apply(choice()));
    const query = systemQuery();
    const onChange = () => setShown(apply(choice()));
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const toggle = () => {
    const next = toggledChoice(shown);
    localStorage.setItem(THEME_STORAGE_KEY, next);
    setShown(apply(next));
  };
  return (
    <button
      type="button"
      onClick={toggle}
      data-testid="theme-toggle"
      aria-label={shown === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
      title={shown === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
      className="rounded-md px-2 py-1 text-base text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100 dark:text-slate-300 dark:ring-slate-600 dark:hover:bg-slate-800"
    >
      {shown === 'dark' ? '☀' : '☾'}
    </button>
  );
}
