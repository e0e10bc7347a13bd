import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';

// Placeholder until the command lands; see the issue that owns it.
export async function run(_argv: string[], _io: CliIO): Promise<number> {
  throw new UsageError('compare is not implemented yet');
}
