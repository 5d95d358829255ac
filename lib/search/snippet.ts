// Search snippets arrive HTML-escaped with <mark> highlights. They are split into text runs and rendered as React
// text, so no markup from a message can ever reach the page as HTML.
export type SnippetRun = { text: string; marked: boolean };

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => entities[m]);

export function snippetRuns(snippet: string): SnippetRun[] {
  const runs: SnippetRun[] = [];
  const parts = snippet.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) runs.push({ text: decode(part), marked });
  }
  return runs;
}
