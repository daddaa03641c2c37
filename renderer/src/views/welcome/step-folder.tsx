import { useAppStore } from '../../store/app-store';
import { AddWorkspace } from '../agents/add-workspace';
import { SetupStep } from './setup-step';

/** Step 4: add a project folder, so tokentray shows which of its mootup agents run here. */
export function StepFolder() {
  const { profiles, workspaces } = useAppStore((s) => s.state);
  const mootup = profiles.filter((p) => p.kind === 'mootup');
  const done = workspaces.length > 0;
  return (
    <SetupStep n={4} testId="step-folder" title="Add a project folder" done={done}>
      <p>The folders you run mootup agents from (the ones with a .moot folder). tokentray then shows which agents run on this machine and lets you release or take them over.</p>
      {done && <p>Watching: {workspaces.map((w) => w.dir).join(', ')}.</p>}
      {mootup.length === 0 ? <p className="muted">This needs a mootup token (step 2).</p> : <AddWorkspace profiles={mootup} />}
    </SetupStep>
  );
}
