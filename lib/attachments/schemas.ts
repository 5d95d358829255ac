// The composer's references to its uploads, as the actions receive them: a key the server checks and a name shown.
import { z } from 'zod';
import { maxAttachmentsPerMessage } from './rules';

export const uploadRefSchema = z.object({
  storagePath: z.string().min(1).max(300),
  name: z.string().min(1, 'A file needs a name.').max(2000, 'That file name is too long.'),
});

export const uploadRefsSchema = z
  .array(uploadRefSchema)
  .max(maxAttachmentsPerMessage, `A message can carry at most ${maxAttachmentsPerMessage} files.`);

export const checkUploadSchema = uploadRefSchema.extend({ chatId: z.string().uuid('That chat id is not valid.') });
