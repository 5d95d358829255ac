'use client';

// The project's name with rename (in place), archive and delete, each undoable from a toast as chats are: a deleted
// project is hidden at once and removed for good only when its Undo is gone.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  archiveProject,
  deleteProject,
  purgeProject,
  renameProject,
  undoDeleteProject,
} from '@/app/(shell)/projects/actions';
import { buttonSecondary, inputClass } from '@/components/ui/styles';
import { useToast } from '@/components/ui/toast';
import { projectNameSchema } from '@/lib/projects/schemas';

type View = { id: string; name: string; archived: boolean };

export function ProjectActions({ project }: { project: View }) {
  const router = useRouter();
  const { show } = useToast();
  const [name, setName] = useState(project.name);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const failed = (message: string) => show({ message, tone: 'error' });

  const rename = async (value: string) => {
    const parsed = projectNameSchema.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    setEditing(false);
    setError(null);
    if (parsed.data === name) return;
    const before = name;
    setName(parsed.data);
    const result = await renameProject({ projectId: project.id, name: parsed.data }).catch(() => null);
    if (!result?.ok) {
      setName(before);
      failed(result && !result.ok ? result.error.message : 'Could not rename the project. Try again.');
    } else router.refresh();
  };

  const archive = async (archived: boolean) => {
    const result = await archiveProject({ projectId: project.id, archived }).catch(() => null);
    if (!result?.ok)
      return failed(result && !result.ok ? result.error.message : 'Could not change the project. Try again.');
    router.refresh();
    if (archived) {
      show({
        message: `Archived “${name}”.`,
        action: { label: 'Undo', onAction: () => void archive(false) },
      });
    }
  };

  const destroy = async () => {
    const result = await deleteProject({ projectId: project.id }).catch(() => null);
    if (!result?.ok)
      return failed(result && !result.ok ? result.error.message : 'Could not delete the project. Try again.');
    router.push('/projects');
    show({
      message: `Deleted “${name}”. Its chats stay in your chat list.`,
      duration: 8000,
      action: {
        label: 'Undo',
        onAction: async () => {
          const undone = await undoDeleteProject({ projectId: project.id }).catch(() => null);
          if (undone?.ok) router.push(`/projects/${project.id}`);
          else failed(`Could not restore “${name}”. Try again.`);
        },
      },
      onEnd: (how) => {
        if (how !== 'action') void purgeProject({ projectId: project.id }).catch(() => null);
      },
    });
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      {editing ? (
        <form
          className="flex flex-1 flex-col"
          onSubmit={(event) => {
            event.preventDefault();
            void rename(String(new FormData(event.currentTarget).get('name') ?? ''));
          }}
        >
          <label className="sr-only" htmlFor="project-name">
            Project name
          </label>
          <input
            id="project-name"
            name="name"
            autoFocus
            defaultValue={name}
            maxLength={200}
            aria-invalid={error ? true : undefined}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setEditing(false);
            }}
            className={`${inputClass} text-xl font-semibold`}
          />
          {error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          ) : null}
        </form>
      ) : (
        <h1 className="flex-1 text-2xl font-semibold">
          {name}
          {project.archived ? <span className="ml-2 text-sm font-normal text-zinc-500">(archived)</span> : null}
        </h1>
      )}
      <button type="button" className={buttonSecondary} onClick={() => setEditing((e) => !e)}>
        {editing ? 'Cancel' : 'Rename'}
      </button>
      <button type="button" className={buttonSecondary} onClick={() => void archive(!project.archived)}>
        {project.archived ? 'Unarchive' : 'Archive'}
      </button>
      <button type="button" className={buttonSecondary} onClick={() => void destroy()}>
        Delete
      </button>
    </div>
  );
}
