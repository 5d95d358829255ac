// Chat messages as Markdown: GFM (tables, task lists), highlighted code with a copy button, no raw HTML,
// links only to http(s)/mailto and opened without referrer, and no remote images (shown as links instead).
import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { CopyButton } from './copy-button';
import { safeUrl } from './markdown-policy';

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node)
    return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

const components: Components = {
  a({ href, children }) {
    if (!href) return <span>{children}</span>;
    return (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-sky-700 underline underline-offset-2 dark:text-sky-400"
      >
        {children}
      </a>
    );
  },
  img({ src, alt }) {
    const url = typeof src === 'string' ? safeUrl(src) : null;
    if (!url) return <span>{alt ?? ''}</span>;
    return (
      <a
        href={url}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-sky-700 underline dark:text-sky-400"
      >
        {alt || url}
      </a>
    );
  },
  pre({ children }) {
    return (
      <div className="group relative my-3 overflow-hidden rounded-lg bg-zinc-900 text-zinc-100">
        <div className="flex items-center justify-end border-b border-zinc-800 px-2 py-1">
          <CopyButton text={textOf(children).replace(/\n$/, '')} />
        </div>
        <pre className="overflow-x-auto p-3 text-sm">{children}</pre>
      </div>
    );
  },
  table({ children }) {
    return (
      <div className="my-3 overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">{children}</table>
      </div>
    );
  },
  th: ({ children }) => <th className="border border-zinc-300 px-2 py-1 text-left dark:border-zinc-700">{children}</th>,
  td: ({ children }) => <td className="border border-zinc-300 px-2 py-1 dark:border-zinc-700">{children}</td>,
};

export function Markdown({ children }: { children: string }) {
  return (
    <div className="ohm-markdown space-y-2 leading-relaxed break-words">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeHighlight, { detect: false, ignoreMissing: true }]]}
        skipHtml
        urlTransform={(url) => safeUrl(url) ?? ''}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
