'use client';

// System / Light / Dark, as a radio group: the choice is saved in this browser and applied at once.
import { useSyncExternalStore } from 'react';
import { applyTheme, themeStorageKey, themes, type Theme } from './theme';

const labels: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const listeners = new Set<() => void>();

function readTheme(): Theme {
  try {
    const saved = localStorage.getItem(themeStorageKey);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

function saveTheme(theme: Theme) {
  try {
    if (theme === 'system') localStorage.removeItem(themeStorageKey);
    else localStorage.setItem(themeStorageKey, theme);
  } catch {
    // Storage can be disabled: the choice then lasts for this page only.
  }
  applyTheme(theme);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== themeStorageKey) return;
    applyTheme(readTheme());
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, readTheme, () => 'system' as Theme);
  return (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">Theme</legend>
      <span aria-hidden="true" className="text-xs text-zinc-600 dark:text-zinc-400">
        Theme
      </span>
      <div className="flex rounded-lg border border-zinc-300 p-0.5 dark:border-zinc-700">
        {themes.map((value) => (
          <label
            key={value}
            className="cursor-pointer rounded-md px-2 py-1 text-xs has-checked:bg-zinc-900 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-sky-500 dark:has-checked:bg-zinc-100 dark:has-checked:text-zinc-900"
          >
            <input
              type="radio"
              name="theme"
              value={value}
              checked={theme === value}
              onChange={() => saveTheme(value)}
              className="sr-only"
            />
            {labels[value]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
