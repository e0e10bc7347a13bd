import { processIO, UsageError, type CliIO } from './io.js';
import { PlinthError } from '../types.js';
import { printable } from '../util/printable.js';
import { didYouMean } from '../util/did-you-mean.js';

export type Command = (argv: string[], io: CliIO) => Promise<number>;

interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Command }>;
}

// Commands load lazily so `plinth lint` never pays for the registry client.
const commands: Record<string, CommandEntry> = {
  lint: { summary: 'report base-image problems in Dockerfiles (offline by default)', load: () => import('./commands/lint.js') },
  recommend: { summary: 'recommend the right base image for every stage from the build context', load: () => import('./commands/recommend.js') },
  pin: { summary: 'pin FROM images to tag@sha256 digests', load: () => import('./commands/pin.js') },
  inspect: { summary: 'show digest, platforms, size (and --contents) of an image', load: () => import('./commands/inspect.js') },
  compare: { summary: 'compare images side by side with the saving against the first', load: () => import('./commands/compare.js') },
  report: { summary: 'the fleet view: base images, drift, end of life and the changes that save most (html, markdown, json)', load: () => import('./commands/report.js') },
  update: { summary: 'move base images to newer tags that keep their variant (and re-pin digests)', load: () => import('./commands/update.js') },
  vulns: { summary: 'list the known vulnerabilities of images\' distribution packages (OSV data)', load: () => import('./commands/vulns.js') },
  db: { summary: 'update or show the vulnerability data (plinth db update | status)', load: () => import('./commands/db.js') },
  completion: { summary: 'print a shell completion script (bash, zsh or fish)', load: () => import('./commands/completion.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'plinth: pick and keep the right Docker base image',
    '',
    'Usage: plinth <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'plinth <command> --help' for a command's options, 'plinth help <rule-id>' for what a lint",
    'rule checks and how to fix what it finds.',
    '',
  ].join('\n');
}

export { didYouMean } from '../util/did-you-mean.js';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [first, ...more] = argv;
  // `plinth help lint` is `plinth lint --help`.
  const [name, rest] = first === 'help' && more[0] !== undefined ? [more[0], ['--help']] : [first, more];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === '-V' || name === 'version') {
    const { version } = await import('./version.js');
    io.stdout(`${version}\n`);
    return 0;
  }
  const entry = commands[name];
  // `plinth help latest-tag`: the rule's page, as shipped in docs/rules/.
  if (!entry && first === 'help') return helpRule(name, io);
  if (!entry) {
    const guess = didYouMean(name, Object.keys(commands));
    io.stderr(`plinth: unknown command '${printable(name)}'${guess ? `; did you mean '${guess}'?` : ''} (see 'plinth --help')\n`);
    return 2;
  }
  try {
    const { run } = await entry.load();
    return await run(rest, io);
  } catch (err) {
    return reportError(err, io);
  }
}

async function helpRule(id: string, io: CliIO): Promise<number> {
  const [{ ruleById, ruleIds }, { docsText }] = await Promise.all([import('../rules/registry.js'), import('../report/sarif.js')]);
  const rule = ruleById(id);
  const page = rule ? docsText(rule.meta) : null;
  if (!rule || page === null) {
    const guess = didYouMean(id, [...Object.keys(commands), ...ruleIds]);
    io.stderr(`plinth: help: '${printable(id)}' is neither a command nor a rule${guess ? `; did you mean '${guess}'?` : ''} (see 'plinth --help')\n`);
    return 2;
  }
  io.stdout(page.endsWith('\n') ? page : `${page}\n`);
  return 0;
}

/** Every failure reaches the user as one line and exit 2; a stack only with PLINTH_DEBUG. */
export function reportError(err: unknown, io: CliIO): number {
  if (io.env.PLINTH_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
  const message = err instanceof Error ? err.message : String(err);
  // A failure plinth did not expect is its own bug: still one line, and said as such.
  io.stderr(`plinth: ${err instanceof PlinthError ? '' : 'internal error: '}${printable(message.split('\n')[0]!)}\n`);
  return err instanceof UsageError ? err.exitCode : 2;
}
