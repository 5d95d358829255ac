// True once the component runs in the browser. The charts render only then: React sets their inline styles through
// the CSSOM there, which a Content-Security-Policy without style-src 'unsafe-inline' allows, while server-rendered
// style attributes would be blocked.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

export function useMounted(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
