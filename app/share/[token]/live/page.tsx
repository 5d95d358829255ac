// A share link's page rendered per request (components/share/shared-chat.tsx): where proxy.ts rewrites
// /share/<token> when the request opens one of the snapshot's artifacts beside it (?artifact=<id>&v=<n>, read-only),
// or when the link no longer opens (its cached page must not answer), so ./page.tsx stays the same for everyone.
import type { Metadata } from 'next';
import { SharedChat, sharedChatMetadata } from '@/components/share/shared-chat';
import { artifactParamsSchema } from '@/lib/artifacts/schemas';

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return sharedChatMetadata((await params).token);
}

export default async function LiveSharedChatPage({ params, searchParams }: Props) {
  const opened = artifactParamsSchema.safeParse(await searchParams);
  return <SharedChat token={(await params).token} opened={opened.success ? opened.data : null} keptWhole={false} />;
}
