import type { Command } from '../command';
import { doctor } from './doctor';
import { EDITORS_COMMANDS } from './editors';
import { mcp } from './mcp';
import { PROFILE_COMMANDS } from './profile';
import { profileCheck } from './profile-check';

/** Every `tokentray` command, in the order help lists them. Each capability adds its own file here. */
export const COMMANDS: Command[] = [...PROFILE_COMMANDS, profileCheck, ...EDITORS_COMMANDS, mcp, doctor];
