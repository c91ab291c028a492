/** Light, dark, or whatever the system prefers (the default). The choice is kept in localStorage; the class `dark` on <html> applies it. */
export type ThemeChoice = 'light' | 'dark' | 'system';

export const THEME_STORAGE_KEY = 'weft-theme';

export const resolveTheme = (choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' => (choice === 'system' ? (systemDark ? 'dark' : 'light') : choice);

export const readChoice = (stored: string | null): ThemeChoice => (stored === 'light' || stored === 'dark' ? stored : 'system');

/** The toggle's next choice: it flips what is shown, so a click always changes the page. */
export const toggledChoice = (shown: 'light' | 'dark'): ThemeChoice => (shown === 'dark' ? 'light' : 'dark');

/**
 * Runs before the page paints (inlined in <head>), so a dark page never flashes light.
 * Kept in step with readChoice / resolveTheme by theme.unit.spec.ts.
 */
export const THEME_INIT_SCRIPT = `(function(){try{var c=localStorage.getItem('${THEME_STORAGE_KEY}');var d=c==='dark'||(c!=='light'&&window.matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);document.documentElement.style.colorScheme=d?'dark':'light';}catch(e){}})();`;
