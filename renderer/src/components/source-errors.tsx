import type { StateError } from '../../../shared/app-state';
import { useAppStore } from '../store/app-store';

/** The parts of main's state that could not be refreshed, shown in the view they belong to. */
export function SourceErrors({ sources }: { sources: ReadonlyArray<StateError['source']> }) {
  const errors = useAppStore((s) => s.state.errors);
  const mine = errors.filter((e) => sources.includes(e.source));
  if (mine.length === 0) return null;
  return (
    <div className="source-errors" role="alert">
      {mine.map((e, i) => (
        <p key={i}>
          Could not load {e.subject ? `${e.source} (${e.subject})` : e.source}: {e.message}
        </p>
      ))}
    </div>
  );
}
