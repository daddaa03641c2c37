import type { Command } from '../command';
import { AGENTS_COMMANDS } from './agents';
import { doctor } from './doctor';
import { EDITORS_COMMANDS } from './editors';
import { mcp } from './mcp';
import { OAUTH_COMMANDS } from './oauth';
import { PAT_COMMANDS } from './pat';
import { PROFILE_COMMANDS } from './profile';
import { profileCheck } from './profile-check';
import { PROFILE_LIFECYCLE_COMMANDS } from './profile-lifecycle';
import { WORKSPACE_COMMANDS } from './workspace';

/** Every `tokentray` command, in the order help lists them. Each capability adds its own file here. */
export const COMMANDS: Command[] = [...PROFILE_COMMANDS, profileCheck, ...PROFILE_LIFECYCLE_COMMANDS, ...OAUTH_COMMANDS, ...PAT_COMMANDS, ...WORKSPACE_COMMANDS, ...AGENTS_COMMANDS, ...EDITORS_COMMANDS, mcp, doctor];
