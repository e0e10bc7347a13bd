// Shell patterns for `${V#p}`, `${V%p}` and `${V/p/r}`.

/** Shell glob (`*`, `?`, `[...]`, escapes) as a regular expression body. */
function globSource(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < p.length) out += escapeRe(p[++i]!);
    else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        let body = p.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        out += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else out += escapeRe(c);
  }
  return out;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

export function globToRegExp(p: string, flags: string): RegExp {
  return new RegExp(globSource(p), flags);
}

export function trimPattern(value: string, pattern: string, prefix: boolean, greedy: boolean): string {
  const re = new RegExp('^(?:' + globSource(pattern) + ')$');
  const n = value.length;
  for (let k = 0; k <= n; k++) {
    const len = greedy ? n - k : k;
    const part = prefix ? value.slice(0, len) : value.slice(n - len);
    if (re.test(part)) return prefix ? value.slice(len) : value.slice(0, n - len);
  }
  return value;
}
