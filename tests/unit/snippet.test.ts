// Search snippets render as text runs: highlights become <mark>, escaped message text stays text.
import { describe, expect, it } from 'vitest';
import { snippetRuns } from '@/lib/search/snippet';

describe('snippetRuns', () => {
  it('splits highlights and decodes the escaped text', () => {
    expect(snippetRuns('&lt;script&gt; the <mark>ESP32</mark> &amp; more')).toEqual([
      { text: '<script> the ', marked: false },
      { text: 'ESP32', marked: true },
      { text: ' & more', marked: false },
    ]);
  });
});
