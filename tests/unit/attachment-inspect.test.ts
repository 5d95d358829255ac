// The content check of uploads: real photos, PDFs and circuit files pass with what the card shows; a corpus of
// forged files (made here) is refused with a message saying why; names are kept as data, never as keys.
import { describe, expect, it, vi } from 'vitest';
import { OhmError } from '@/lib/errors';
import { inspectBytes } from '@/lib/attachments/inspect';
import { renderPdfPreview } from '@/lib/attachments/pdf-preview';
import {
  attachmentKey,
  claimedTypeFor,
  displayName,
  escapedOriginalName,
  keyName,
  parseAttachmentKey,
  refusalBeforeUpload,
  thumbnailKey,
} from '@/lib/attachments/rules';
import { forgedFiles, kicadNetlist, makeHeif, makePdf, makePhoto, wokwiDiagram } from '../support/files';

vi.mock('server-only', () => ({}));

describe('inspectBytes', () => {
  it('accepts a JPEG photo and makes a WebP thumbnail at most 480 pixels wide', async () => {
    const result = await inspectBytes(await makePhoto({ width: 1600, height: 1200 }), 'image/jpeg');
    expect(result).toMatchObject({
      fileType: 'image/jpeg',
      category: 'circuit_image',
      facts: { width: 1600, height: 1200 },
    });
    const sharp = (await import('sharp')).default;
    const thumb = await sharp(result.thumbnail!).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 480, height: 360 });
  });

  it('accepts PNG and WebP images', async () => {
    for (const format of ['png', 'webp'] as const) {
      const result = await inspectBytes(await makePhoto({ width: 100, height: 80, format }), `image/${format}`);
      expect(result.fileType).toBe(`image/${format}`);
    }
  });

  it('accepts a PDF with its page count, the first words of page 1 and page 1 drawn as a WebP', async () => {
    const result = await inspectBytes(await makePdf({ pages: 3 }), 'application/pdf');
    expect(result).toMatchObject({ fileType: 'application/pdf', category: 'datasheet', facts: { page_count: 3 } });
    expect(result.facts.first_page_excerpt).toContain('BME280');
    expect(result.facts.preview_error).toBeUndefined();
    const sharp = (await import('sharp')).default;
    const image = sharp(result.thumbnail!);
    // An A4 page fits 480 × 680 by its width.
    expect(await image.metadata()).toMatchObject({ format: 'webp', width: 480, height: 678 });
    // Ink on white: the title is drawn, not a blank sheet.
    const { channels } = await image.stats();
    expect(channels[0].min).toBeLessThan(100);
    expect(channels[0].mean).toBeGreaterThan(240);
  });

  it('gives up drawing a page 1 that takes too long, saying why', async () => {
    const { getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(await makePdf({ pages: 1 })));
    // A page that takes longer than its time to draw (here none at all) is given up; the PDF itself stands.
    expect(await renderPdfPreview(pdf, { timeoutMs: 0 })).toEqual({ error: 'drawing page 1 took too long' });
    await pdf.loadingTask.destroy();
  });

  it('accepts a Wokwi diagram.json and a KiCad netlist as circuit files', async () => {
    expect(await inspectBytes(Buffer.from(wokwiDiagram), 'application/json')).toMatchObject({
      category: 'circuit_file',
    });
    expect(await inspectBytes(Buffer.from(kicadNetlist), 'application/x-kicad-netlist')).toMatchObject({
      fileType: 'application/x-kicad-netlist',
    });
  });

  it('refuses an image larger than the pixel cap without decoding it', async () => {
    const huge = await makePhoto({ width: 12_500, height: 400, format: 'png' });
    await expect(inspectBytes(huge, 'image/png')).rejects.toThrow(/12500 × 400 pixels: at most 12,000 on a side/);
  });

  it('refuses a photo over the photos’ 20 MB limit, saying the limit and its size', async () => {
    const photo = await makePhoto({ width: 64, height: 64 });
    const padded = Buffer.concat([photo, Buffer.alloc(31 * 1024 * 1024 - photo.length)]);
    await expect(inspectBytes(padded, 'image/jpeg')).rejects.toMatchObject({
      code: 'too_large:upload',
      message: 'Photos up to 20 MB; this one is 31 MB.',
    });
  });

  it('refuses an iPhone HEIC photo by its content, whatever its name, saying to export it as JPEG', async () => {
    // The shipped sharp reads HEIF only as AVIF (AV1): it has no HEVC decoder, so HEIC cannot become a thumbnail.
    const sharp = (await import('sharp')).default;
    expect(sharp.format.heif.input.fileSuffix).toEqual(['.avif']);
    for (const heif of [makeHeif(), makeHeif({ major: 'mif1', compatible: ['heic', 'mif1'] })]) {
      for (const claimed of ['image/jpeg', null]) {
        await expect(inspectBytes(heif, claimed)).rejects.toMatchObject({
          code: 'bad_request:upload',
          message: expect.stringMatching(/HEIC photo .*export it as JPEG/),
        });
      }
    }
    expect(refusalBeforeUpload('IMG_0042.HEIC', 2_000_000)).toMatch(/IMG_0042\.heic: This is a HEIC photo/);
  });

  it('refuses every forged file with a message that says why', async () => {
    for (const forged of await forgedFiles()) {
      const refusal = await inspectBytes(forged.bytes, forged.claimed).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal, forged.label).toBeInstanceOf(OhmError);
      expect((refusal as OhmError).status, forged.label).toBeGreaterThanOrEqual(400);
      expect((refusal as OhmError).status, forged.label).toBeLessThan(500);
      expect((refusal as OhmError).message, forged.label).toMatch(forged.says);
    }
  });
});

describe('names and keys', () => {
  const user = '11111111-1111-4111-8111-111111111111';
  const chat = '22222222-2222-4222-8222-222222222222';
  const id = '33333333-3333-4333-8333-333333333333';

  it('keeps folders, NUL, RTL overrides and long names out of keys and shown names', () => {
    const hostile = [
      '../../etc/passwd.png',
      'photo\u0000.exe.jpg',
      'invoice\u202Egnp.exe.pdf',
      `${'a'.repeat(300)}.pdf`,
    ];
    for (const name of hostile) {
      const key = attachmentKey({ userId: user, chatId: chat, id, name });
      expect(key.startsWith(`${user}/${chat}/${id}-`)).toBe(true);
      expect(key.split('/')).toHaveLength(3);
      expect(parseAttachmentKey(key)).not.toBeNull();
      expect(keyName(name)).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
      expect(displayName(name)).not.toMatch(/[\u0000-\u001f\u202a-\u202e/\\]/);
      expect([...displayName(name)].length).toBeLessThanOrEqual(120);
    }
    expect(displayName('invoice\u202Egnp.exe.pdf')).toBe('invoicegnp.exe.pdf');
    expect(escapedOriginalName('invoice\u202Egnp.pdf')).toBe('invoice\\u{202e}gnp.pdf');
    expect(escapedOriginalName('a\u0000b')).toBe('a\\u{0}b');
    expect(thumbnailKey(attachmentKey({ userId: user, chatId: chat, id, name: 'x.jpg' }))).toBe(
      `${user}/${chat}/${id}.thumb.webp`,
    );
  });

  it('refuses before uploading what the name or size already rules out, saying the limit', () => {
    expect(claimedTypeFor('board.NET')).toBe('application/x-kicad-netlist');
    expect(refusalBeforeUpload('setup.exe', 10)).toMatch(/only photos/);
    // Each kind its own limit (the buckets' own, see tests/db/attachments).
    expect(refusalBeforeUpload('big.jpg', 31 * 1024 * 1024)).toBe('big.jpg: Photos up to 20 MB; this one is 31 MB.');
    expect(refusalBeforeUpload('big.pdf', 21 * 1024 * 1024)).toBeNull();
    expect(refusalBeforeUpload('big.pdf', 26 * 1024 * 1024)).toBe(
      'big.pdf: PDF datasheets up to 25 MB; this one is 26 MB.',
    );
    expect(refusalBeforeUpload('board.net', 3 * 1024 * 1024)).toMatch(/Circuit files .* up to 2 MB; this one is 3 MB/);
    expect(refusalBeforeUpload('photo.jpg', 1000)).toBeNull();
  });
});
