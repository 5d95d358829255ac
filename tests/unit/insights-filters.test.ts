// The /insights filters: presets end today, a custom range is checked (real dates, start before end, at most a
// year), bad values fall back to the default 30 days with a message, and the search string round-trips.
import { describe, expect, it } from 'vitest';
import { filtersToSearch, parseInsightsFilters } from '@/lib/insights/filters';

const now = new Date('2026-12-01T09:30:00Z');

describe('parseInsightsFilters', () => {
  it('defaults to the last 30 days by model, in cost', () => {
    const parsed = parseInsightsFilters({}, now);
    expect(parsed).toMatchObject({
      ok: true,
      filters: {
        from: '2026-11-02',
        to: '2026-12-01',
        agent: null,
        model: null,
        project: null,
        by: 'model',
        metric: 'cost',
      },
    });
  });

  it('reads a preset, dimensions and a custom range', () => {
    expect(parseInsightsFilters({ range: '7d', agent: 'bomGenerator', by: 'agent' }, now)).toMatchObject({
      ok: true,
      filters: { from: '2026-11-25', to: '2026-12-01', agent: 'bomGenerator', by: 'agent' },
    });
    const project = '3f1c1d7e-8a5b-4c1d-9e2f-0a1b2c3d4e5f';
    expect(
      parseInsightsFilters(
        { range: 'custom', from: '2026-09-01', to: '2026-09-30', project, model: 'openai/gpt-4o' },
        now,
      ),
    ).toMatchObject({ ok: true, filters: { from: '2026-09-01', to: '2026-09-30', project, model: 'openai/gpt-4o' } });
  });

  it.each([
    [{ range: '12d' }, 'range'],
    [{ project: 'not-a-uuid' }, 'project'],
    [{ by: 'user' }, 'by'],
    [{ range: 'custom', from: '2026-11-10' }, 'needs a start and an end'],
    [{ range: 'custom', from: '2026-02-30', to: '2026-03-02' }, 'does not exist'],
    [{ range: 'custom', from: '2026-11-10', to: '2026-11-01' }, 'must not be after'],
    [{ range: 'custom', from: '2024-01-01', to: '2026-01-01' }, 'at most 366 days'],
    [{ agent: 'x'.repeat(65) }, 'agent'],
  ])('refuses %j and falls back to the default range', (params, message) => {
    const parsed = parseInsightsFilters(params, now);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
    expect(parsed.filters).toMatchObject({ from: '2026-11-02', to: '2026-12-01', agent: null });
  });

  it('takes the first of repeated params and ignores unknown ones', () => {
    expect(parseInsightsFilters({ range: ['7d', '90d'], utm_source: 'mail' }, now)).toMatchObject({
      ok: true,
      filters: { from: '2026-11-25' },
    });
  });
});

describe('filtersToSearch', () => {
  it('leaves defaults out and round-trips', () => {
    const parsed = parseInsightsFilters({ range: '90d', agent: 'codeGenerator' }, now);
    const search = filtersToSearch(parsed.filters);
    expect(search).toBe('range=90d&agent=codeGenerator');
    expect(parseInsightsFilters(Object.fromEntries(new URLSearchParams(search)), now)).toEqual(parsed);
    expect(filtersToSearch(parsed.filters, { by: 'agent' })).toBe('range=90d&agent=codeGenerator&by=agent');
  });
  it('keeps the dates of a custom range only', () => {
    const custom = parseInsightsFilters({ range: 'custom', from: '2026-10-01', to: '2026-10-31' }, now);
    expect(filtersToSearch(custom.filters)).toBe('range=custom&from=2026-10-01&to=2026-10-31');
  });
});
