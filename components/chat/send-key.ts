// The one rule for "send" in a message box: Enter without Shift, and not while an IME is composing a character.
import type { KeyboardEvent } from 'react';

export const isSendKey = (event: KeyboardEvent) =>
  event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing;
