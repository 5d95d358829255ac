// An attachment as the chat and the share page show it: never its storage keys, which only the routes read.
import type { AttachmentCategory, AttachmentType } from './rules';

export type AttachmentView = {
  id: string;
  message_id: string | null;
  filename: string;
  file_type: AttachmentType;
  file_size: number;
  category: AttachmentCategory | 'reference_image' | 'other';
  processing_status: 'pending' | 'processing' | 'done' | 'failed';
  /** What the analysis found (lib/analysis), and why it failed: the owner's chat only, not a share. */
  analysis?: { summary?: string; artifactId?: string } | null;
  processing_error?: string | null;
  has_thumbnail: boolean;
  metadata: AttachmentFacts;
};

/** What the content check found, kept in metadata: pixel size, page count, page 1's first words, and for a PDF
 * whose page 1 could not be drawn as its card's image, why. */
export type AttachmentFacts = {
  width?: number;
  height?: number;
  page_count?: number;
  first_page_excerpt?: string;
  preview_error?: string;
};

/** Which bytes a file route serves: the thumbnail (images) or the file itself. */
export type AttachmentVariant = 'thumb' | 'file';

/** What the composer holds for a file it has uploaded and the server has checked, until the message is sent. */
export type CheckedUpload = {
  storagePath: string;
  name: string;
  fileType: AttachmentType;
  size: number;
  facts: AttachmentView['metadata'];
};
