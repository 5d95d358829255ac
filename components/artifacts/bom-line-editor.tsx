'use client';

// BOM lines as a form: each line's quantity, its part (picked from the catalogue) and unit price. Only the lines
// the maker changed go into the edit, so "apply mine on top" replays just those onto someone else's version.
import type { BomLineEdit } from '@/lib/artifacts/edits';

export type CatalogueOption = { key: string; name: string; category: string; price: number; currency: string };
export type EditableLine = {
  ref: string;
  name: string;
  quantity: number;
  catalogueKey: string | null;
  unitPrice: number | null;
  currency: string;
};

const field =
  'w-full rounded border border-zinc-300 bg-white px-1.5 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

export function BomLineEditor({
  lines,
  edits,
  catalogue,
  onChange,
}: {
  lines: EditableLine[];
  edits: BomLineEdit[];
  catalogue: CatalogueOption[];
  onChange: (edits: BomLineEdit[]) => void;
}) {
  const byRef = new Map(edits.map((e) => [e.ref, e]));
  const categories = [...new Set(catalogue.map((p) => p.category))];
  const update = (line: EditableLine, patch: Partial<BomLineEdit>) => {
    const current = byRef.get(line.ref) ?? {
      ref: line.ref,
      quantity: line.quantity,
      catalogueKey: line.catalogueKey,
      unitPrice: line.unitPrice,
    };
    const next = { ...current, ...patch };
    if (patch.catalogueKey && patch.catalogueKey !== current.catalogueKey) {
      const part = catalogue.find((p) => p.key === patch.catalogueKey);
      if (part) next.unitPrice = part.price;
    }
    const unchanged =
      next.quantity === line.quantity && next.catalogueKey === line.catalogueKey && next.unitPrice === line.unitPrice;
    onChange(unchanged ? edits.filter((e) => e.ref !== line.ref) : [...edits.filter((e) => e.ref !== line.ref), next]);
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="bom-line-editor">
        <thead className="text-left text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th className="py-1 pr-2 font-medium">Line</th>
            <th className="w-20 py-1 pr-2 font-medium">Quantity</th>
            <th className="py-1 pr-2 font-medium">Part (catalogue)</th>
            <th className="w-24 py-1 font-medium">Unit price</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const edit = byRef.get(line.ref);
            const value = edit ?? line;
            return (
              <tr
                key={line.ref}
                data-testid="bom-edit-line"
                data-ref={line.ref}
                data-changed={edit ? 'true' : undefined}
              >
                <td className="py-1 pr-2">{line.name}</td>
                <td className="py-1 pr-2">
                  <input
                    type="number"
                    min={1}
                    max={10000}
                    aria-label={`Quantity of ${line.name}`}
                    className={field}
                    value={value.quantity}
                    onChange={(e) => update(line, { quantity: Math.max(1, Math.trunc(Number(e.target.value) || 1)) })}
                  />
                </td>
                <td className="py-1 pr-2">
                  <select
                    aria-label={`Part for ${line.name}`}
                    className={field}
                    value={value.catalogueKey ?? ''}
                    onChange={(e) => e.target.value && update(line, { catalogueKey: e.target.value })}
                  >
                    {value.catalogueKey ? null : <option value="">Not in the catalogue</option>}
                    {categories.map((category) => (
                      <optgroup key={category} label={category}>
                        {catalogue
                          .filter((p) => p.category === category)
                          .map((p) => (
                            <option key={p.key} value={p.key}>
                              {p.name}
                            </option>
                          ))}
                      </optgroup>
                    ))}
                  </select>
                </td>
                <td className="py-1">
                  <input
                    type="number"
                    min={0}
                    step="0.01"
                    aria-label={`Unit price of ${line.name} (${line.currency})`}
                    className={field}
                    value={value.unitPrice ?? ''}
                    onChange={(e) =>
                      update(line, { unitPrice: e.target.value === '' ? null : Math.max(0, Number(e.target.value)) })
                    }
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
