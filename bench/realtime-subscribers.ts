// A worker thread of realtime-js subscribers for bench/workloads/realtime.ts. Browsers each decode their own frames;
// 1,000 clients in the bench's one thread would decode them one after another and time that queue instead of the
// gateway, so the subscribers are spread over a few workers. Receipts are reported with a wall-clock timestamp
// (performance.timeOrigin + now) that the main thread can compare with its own.
import { parentPort, workerData } from 'node:worker_threads';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';

export type SubscriberOwner = { userId: string; chatId: string; token: string };
export type SubscriberPath = 'broadcast' | 'changes';
export type ToWorker = { type: 'subscribe'; owners: SubscriberOwner[] } | { type: 'close' };
export type FromWorker =
  | { type: 'subscribed' }
  | { type: 'received'; content: string; at: number }
  | { type: 'closed' }
  | { type: 'failed'; message: string };

const { apiUrl, publishableKey, path, schema } = workerData as {
  apiUrl: string;
  publishableKey: string;
  path: SubscriberPath;
  schema: string;
};
const port = parentPort!;
const clients: SupabaseClient[] = [];
const now = () => performance.timeOrigin + performance.now();
const post = (message: FromWorker) => port.postMessage(message);

function channelFor(client: SupabaseClient, owner: SubscriberOwner): RealtimeChannel {
  if (path === 'broadcast') {
    return client
      .channel(`chat:${owner.chatId}:messages`, { config: { private: true } })
      .on('broadcast', { event: 'INSERT' }, ({ payload }) =>
        post({ type: 'received', content: payload.record.content, at: now() }),
      );
  }
  return client
    .channel(`changes:${owner.chatId}`)
    .on(
      'postgres_changes',
      { event: 'INSERT', schema, table: 'items', filter: `chat_id=eq.${owner.chatId}` },
      ({ new: row }) => {
        post({ type: 'received', content: (row as { body: string }).body, at: now() });
      },
    );
}

port.on('message', async (message: ToWorker) => {
  try {
    if (message.type === 'subscribe') {
      for (const owner of message.owners) {
        const client = createClient(apiUrl, publishableKey, { accessToken: async () => owner.token });
        // Set the token before joining, so the first join already carries it.
        await client.realtime.setAuth(owner.token);
        const channel = channelFor(client, owner);
        await new Promise<void>((resolve, reject) =>
          channel.subscribe((status, error) =>
            status === 'SUBSCRIBED' ? resolve() : error ? reject(error) : undefined,
          ),
        );
        clients.push(client);
      }
      post({ type: 'subscribed' });
    } else {
      // In parallel: realtime-js polls for each socket's close from 150 ms on.
      await Promise.all(clients.splice(0).map((client) => client.removeAllChannels()));
      post({ type: 'closed' });
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
