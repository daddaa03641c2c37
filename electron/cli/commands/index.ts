import type { Command } from '../command';
import { doctor } from './doctor';
import { EDITORS_COMMANDS } from './editors';
import { PROFILE_COMMANDS } from './profile';

/** Every `tokentray` command, in the order help lists them. Each capability adds its own file here. */
export const COMMANDS: Command[] = [...PROFILE_COMMANDS, ...EDITORS_COMMANDS, doctor];
