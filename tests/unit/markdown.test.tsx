// Chat Markdown renders user and agent text inert: no script, no event handlers, no javascript:/data: links, no SVG.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@/components/chat/markdown';
import { safeUrl } from '@/components/chat/markdown-policy';

const render = (md: string) => renderToStaticMarkup(<Markdown>{md}</Markdown>);

const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r="5"/></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '![x](javascript:alert(1))',
  '<iframe src="https://evil.example"></iframe>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[a]: javascript:alert(1)\n\n[ref][a]',
  '<details open ontoggle=alert(1)>',
  '`<script>` in code and ```html\n<script>alert(1)</script>\n```',
];

describe('chat markdown', () => {
  it.each(payloads)('renders %j inert', (payload) => {
    const html = render(payload);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/style=/i);
  });

  it('renders GFM tables, task lists and highlighted code with a copy button', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n```cpp\nint x = 1;\n```');
    expect(html).toContain('<table');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('hljs');
    expect(html).toContain('data-testid="copy-code"');
  });

  it('opens http(s) and mailto links without a referrer', () => {
    const html = render('[docs](https://example.com/a?b=1) and [mail](mailto:a@b.c)');
    expect(html).toContain('href="https://example.com/a?b=1"');
    expect(html).toContain('href="mailto:a@b.c"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('allows only http, https and mailto URLs', () => {
    expect(safeUrl('https://x.y/')).toBe('https://x.y/');
    expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeUrl('/relative')).toBeNull();
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(' data:text/html,x')).toBeNull();
  });
});
