// What the project pages and their actions may send: names, list cursors, ids, moves and export kinds, validated the
// same way in the form and the action.
import { z } from 'zod';

export const maxProjectNameLength = 200;
export const projectListPageSize = 24;

export const projectIdSchema = z.string().uuid('That project id is not valid.');

export const projectNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the project a name.')
  .max(maxProjectNameLength, `A project name can be at most ${maxProjectNameLength} characters.`);

/** Where the next page of /projects starts: just after this project in (last activity, id) order. */
export const projectCursorSchema = z.object({
  // The database's own text, with microseconds (a Date would round them and repeat or skip rows).
  at: z.iso.datetime({ offset: true }),
  id: projectIdSchema,
});
export type ProjectCursor = z.infer<typeof projectCursorSchema>;

export const projectListRequestSchema = z.object({
  cursor: projectCursorSchema.nullish(),
  archived: z.boolean().default(false),
});

export const renameProjectSchema = z.object({ projectId: projectIdSchema, name: projectNameSchema });

/** A chat moves into one of the user's projects, or into a new project it names. */
export const moveChatSchema = z.union([
  z.object({ chatId: z.string().uuid('That chat id is not valid.'), projectId: projectIdSchema }),
  z.object({ chatId: z.string().uuid('That chat id is not valid.'), newProjectName: projectNameSchema }),
]);
export type MoveChatInput = z.infer<typeof moveChatSchema>;

/** The steps a project goes through, in order; a project is on the furthest one its current artifacts reach. */
export const workflowSteps = ['ideation', 'parts', 'assembly', 'code'] as const;
export type WorkflowStep = (typeof workflowSteps)[number];

/** The files a project exports, each made from its current artifact versions (lib/exports). */
export const exportKinds = [
  'bom-universal',
  'bom-kicad',
  'bom-jlcpcb',
  'wiring-pdf',
  'firmware-zip',
  'wokwi-diagram',
] as const;
export const exportKindSchema = z.enum(exportKinds);
export type ExportKind = (typeof exportKinds)[number];

export const exportLabels: Record<ExportKind, string> = {
  'bom-universal': 'BOM CSV',
  'bom-kicad': 'KiCad BOM',
  'bom-jlcpcb': 'JLCPCB BOM',
  'wiring-pdf': 'Wiring PDF',
  'firmware-zip': 'Firmware zip',
  'wokwi-diagram': 'Wokwi diagram.json',
};

/** The artifacts each export is made from: the first is the one it is named by; all must exist. */
export const exportNeeds: Record<ExportKind, ReadonlyArray<'bom' | 'wiring' | 'code'>> = {
  'bom-universal': ['bom'],
  'bom-kicad': ['bom'],
  'bom-jlcpcb': ['bom'],
  'wiring-pdf': ['wiring'],
  'firmware-zip': ['code'],
  'wokwi-diagram': ['wiring', 'bom'],
};

export const exportHref = (projectId: string, kind: ExportKind) => `/projects/${projectId}/exports/${kind}`;
