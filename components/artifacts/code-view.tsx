// A code version: the firmware in its three success units (calibration, minimal, full), each file highlighted
// with a copy button, its PlatformIO libraries, and whether it is production ready.
import type { CodeArtifact } from '@/lib/agents/design/contract';
import { Markdown } from '@/components/chat/markdown';
import { WarningList } from './warning-list';

/** A fenced block longer than any run of backticks in the file, so the file cannot end the fence early. */
export function fenced(content: string, language: string) {
  const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${content}\n${fence}`;
}

export function CodeView({ code }: { code: CodeArtifact }) {
  return (
    <div className="space-y-5">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        PlatformIO · {code.board} · Arduino framework · built from BOM v{code.bomVersion}
        {code.wiringVersion ? ` and wiring v${code.wiringVersion}` : ''}
      </p>
      {code.units.map((unit) => (
        <section key={unit.unit} data-testid="code-unit" data-unit={unit.unit} className="space-y-2">
          <h3 className="text-sm font-semibold">
            Unit {unit.unit}: {unit.title}
          </h3>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{unit.goal}</p>
          {code.files
            .filter((file) => file.unit === unit.unit)
            .map((file) => (
              <div key={file.filename} data-testid="code-file" data-filename={file.filename}>
                <p className="flex flex-wrap items-center gap-2 font-mono text-xs">
                  {file.filename}
                  {file.isProductionReady ? (
                    <span className="rounded bg-emerald-100 px-1 font-sans text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
                      production ready
                    </span>
                  ) : null}
                </p>
                <Markdown>{fenced(file.content, file.language)}</Markdown>
                {file.requiredLibraries.length > 0 ? (
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    Libraries: {file.requiredLibraries.join(', ')}
                  </p>
                ) : null}
              </div>
            ))}
        </section>
      ))}
      <WarningList warnings={code.warnings} />
    </div>
  );
}
