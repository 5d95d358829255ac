// The colour theme: "system" follows prefers-color-scheme; "light" and "dark" put a class on <html> that the
// dark variant in globals.css obeys. Kept in localStorage and applied before the first paint (see ThemeScript).
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];
export const themeStorageKey = 'ohm-theme';

export function applyTheme(theme: Theme) {
  const root = document.documentElement;
  root.classList.remove('light', 'dark');
  if (theme !== 'system') root.classList.add(theme);
  root.style.colorScheme = theme === 'system' ? '' : theme;
}

// Runs in <head> before the body is painted, so a saved choice never flashes the other theme first. Plain ES5 and
// no imports: it is inlined as a string.
export const themeScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(themeStorageKey)});if(t==='light'||t==='dark'){var r=document.documentElement;r.classList.add(t);r.style.colorScheme=t;}}catch(e){}})();`;
