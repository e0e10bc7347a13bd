// `plinth completion bash|zsh|fish`: a script the shell loads to complete commands, flags and the
// values of a few flags. Built from each command's own OPTIONS, so it never lists a flag that is gone.
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { OPTIONS as lint } from './lint.js';
import { OPTIONS as recommend } from './recommend.js';
import { OPTIONS as pin } from './pin.js';
import { OPTIONS as inspect } from './inspect.js';
import { OPTIONS as compare } from './compare.js';
import { OPTIONS as vulns } from './vulns.js';
import { OPTIONS as db } from './db.js';
import { OPTIONS as update } from './update.js';
import { OPTIONS as report } from './report.js';
import { FORMATS } from '../../report/index.js';
import { ruleIds } from '../../rules/registry.js';

const COMMANDS: Record<string, Record<string, unknown>> = { lint, recommend, pin, inspect, compare, vulns, db, update, report };
const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** The values a flag takes, where they are a fixed list. */
function values(command: string, flag: string): string[] | null {
  if (flag === 'format') return command === 'lint' ? [...FORMATS] : command === 'vulns' ? ['text', 'json', 'sarif'] : command === 'update' ? ['text', 'json', 'markdown'] : command === 'report' ? ['html', 'markdown', 'json'] : ['text', 'json'];
  if (flag === 'to') return ['patch', 'minor', 'major'];
  if (flag === 'fail-on') return command === 'vulns' ? ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] : ['error', 'warning', 'info', 'none'];
  if (flag === 'goal') return ['size', 'security', 'compatibility'];
  if (flag === 'ignore') return [...ruleIds];
  return null;
}

function bash(): string {
  const cases = Object.entries(COMMANDS).map(([c, o]) => {
    const valueCases = Object.keys(o).flatMap((f) => {
      const v = values(c, f);
      return v ? [`        --${f}) COMPREPLY=($(compgen -W "${v.join(' ')}" -- "$cur")); return ;;`] : [];
    });
    return `    ${c})\n      case "$prev" in\n${valueCases.join('\n')}${valueCases.length ? '\n' : ''}      esac\n      opts="${Object.keys(o).map((f) => `--${f}`).join(' ')}" ;;`;
  });
  return `# plinth completion for bash: eval "$(plinth completion bash)" in ~/.bashrc
_plinth() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${[...Object.keys(COMMANDS), 'help', 'version', 'completion'].join(' ')}" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
    completion) COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur")); return ;;
    help) COMPREPLY=($(compgen -W "${[...Object.keys(COMMANDS), ...ruleIds].join(' ')}" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _plinth plinth
`;
}

function fish(): string {
  const lines = ['# plinth completion for fish: plinth completion fish > ~/.config/fish/completions/plinth.fish', 'complete -c plinth -f'];
  for (const c of [...Object.keys(COMMANDS), 'completion']) lines.push(`complete -c plinth -n __fish_use_subcommand -a ${c}`);
  for (const [c, o] of Object.entries(COMMANDS)) {
    for (const f of Object.keys(o)) {
      const v = values(c, f);
      lines.push(`complete -c plinth -n '__fish_seen_subcommand_from ${c}' -l ${f}${v ? ` -r -a '${v.join(' ')}'` : ''}`);
    }
    lines.push(`complete -c plinth -n '__fish_seen_subcommand_from ${c}' -F`);
  }
  lines.push(`complete -c plinth -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'`);
  lines.push(`complete -c plinth -n __fish_use_subcommand -a help`);
  lines.push(`complete -c plinth -n '__fish_seen_subcommand_from help' -a '${[...Object.keys(COMMANDS), ...ruleIds].join(' ')}'`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const shell = argv[0];
  if (shell === '--help' || shell === '-h') {
    io.stdout('Usage: plinth completion bash|zsh|fish\n\nPrints a completion script: eval "$(plinth completion bash)" (or zsh) in the shell\'s rc file;\nplinth completion fish > ~/.config/fish/completions/plinth.fish\n');
    return 0;
  }
  if (!shell || !(SHELLS as readonly string[]).includes(shell) || argv.length > 1) throw new UsageError(`completion takes one shell: ${SHELLS.join(', ')}`);
  if (shell === 'fish') io.stdout(fish());
  // zsh runs bash completion scripts through bashcompinit.
  else io.stdout(shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${bash()}` : bash());
  return 0;
}
