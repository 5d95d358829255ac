'use client';

// Ctrl/⌘+Shift+O opens a new chat, as in ChatGPT.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export function NewChatShortcut() {
  const router = useRouter();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        router.push('/');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router]);
  return null;
}
