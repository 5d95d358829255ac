// In-page news that a chat just had activity (a message sent from this tab), so the sidebar can move it to the top
// at once instead of at the next server render. A DOM event: the chat view and the sidebar share no React state.
const eventName = 'ohm:chat-activity';

export type ChatActivity = { chatId: string; at: string };

export function announceChatActivity(activity: ChatActivity) {
  window.dispatchEvent(new CustomEvent<ChatActivity>(eventName, { detail: activity }));
}

export function onChatActivity(handler: (activity: ChatActivity) => void): () => void {
  const listener = (event: Event) => handler((event as CustomEvent<ChatActivity>).detail);
  window.addEventListener(eventName, listener);
  return () => window.removeEventListener(eventName, listener);
}
