'use server';

// The project pages' actions: rename, archive and delete with undo (as chats have), move a chat into a project or a
// new one, and start a chat inside a project. Every call runs as the signed-in user; RLS decides what they may touch.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { OhmError } from '@/lib/errors';
import {
  createChatInProject,
  markProjectDeleted,
  moveChatToProject,
  purgeDeletedProject,
  renameProject as renameProjectRow,
  restoreDeletedProject,
  setProjectArchived,
} from '@/lib/projects/data';
import { moveChatSchema, projectIdSchema, renameProjectSchema } from '@/lib/projects/schemas';

const projectOnly = z.object({ projectId: projectIdSchema });
// An id that cannot be a project answers like a project that does not exist.
const noSuchProject = new OhmError('not_found:project');

export const renameProject = defineAction({
  schema: renameProjectSchema,
  surface: 'project',
  run: async (input) => ({ project: await renameProjectRow(input) }),
});

export const archiveProject = defineAction({
  schema: z.object({ projectId: projectIdSchema, archived: z.boolean() }),
  surface: 'project',
  invalid: noSuchProject,
  run: async (input) => ({ project: await setProjectArchived(input) }),
});

/** Hides the project at once; it is removed for good by `purgeProject` when its Undo toast ends. */
export const deleteProject = defineAction({
  schema: projectOnly,
  surface: 'project',
  invalid: noSuchProject,
  run: async (input) => ({ project: await markProjectDeleted(input) }),
});

export const undoDeleteProject = defineAction({
  schema: projectOnly,
  surface: 'project',
  invalid: noSuchProject,
  run: async (input) => ({ project: await restoreDeletedProject(input) }),
});

export const purgeProject = defineAction({
  schema: projectOnly,
  surface: 'project',
  invalid: noSuchProject,
  run: async (input) => {
    await purgeDeletedProject(input);
    return {};
  },
});

export const moveChat = defineAction({
  schema: moveChatSchema,
  surface: 'project',
  run: async (input) => moveChatToProject(input),
});

/** The form on a project page: a new chat inside the project, opened at once. */
export async function startChatInProject(formData: FormData) {
  const projectId = projectIdSchema.safeParse(formData.get('projectId'));
  if (!projectId.success) throw new OhmError('not_found:project');
  const chatId = await createChatInProject({ projectId: projectId.data });
  redirect(`/chat/${chatId}`);
}
