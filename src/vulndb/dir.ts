// Where the vulnerability data lives by default; alone so that `lint` can name it without loading the rest.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDbDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'plinth', 'vulndb');
}
