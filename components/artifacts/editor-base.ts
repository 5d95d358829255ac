// What the editor starts from, worked out on the server: the current version's lines or files in the editor's
// shape, and the catalogue as picker options (so the browser does not load the whole catalogue module).
import 'server-only';
import { catalogueParts } from '@/lib/agents/catalogue';
import { bomSchema, codeSchema } from '@/lib/agents/design/contract';
import { editKindOf } from '@/lib/artifacts/edits';
import type { PanelVersion } from '@/lib/artifacts/panel-types';
import type { CatalogueOption } from './bom-line-editor';
import type { EditorBase } from './artifact-editor';

export function editorBaseOf(type: string, version: PanelVersion): EditorBase | null {
  const kind = editKindOf(type);
  if (!kind) return null;
  const bom = kind === 'bom' ? bomSchema.safeParse(version.content_json) : null;
  const code = kind === 'code' ? codeSchema.safeParse(version.content_json) : null;
  if ((bom && !bom.success) || (code && !code.success)) return null;
  return {
    number: version.version_number,
    kind,
    content: version.content,
    contentJson: version.content_json,
    lines:
      bom?.data?.lines.map((l) => ({
        ref: l.ref,
        name: l.name,
        quantity: l.quantity,
        catalogueKey: l.catalogueKey,
        unitPrice: l.unitPrice?.amount ?? null,
        currency: l.unitPrice?.currency ?? 'USD',
      })) ?? [],
    files: code?.data?.files.map((f) => ({ filename: f.filename, content: f.content })) ?? [],
  };
}

export function catalogueOptions(): CatalogueOption[] {
  return catalogueParts.map((p) => ({
    key: p.key,
    name: p.name,
    category: p.category,
    price: p.price.amount,
    currency: p.price.currency,
  }));
}
