// `plinth report --format html`: one self-contained file (no CDN, font or remote script), charts as
// inline SVG each followed by the table it is drawn from, sortable tables and one filter box; readable
// printed and without colour (values are written beside every bar). Every text is escaped: repository
// names, paths and image references come from the scanned trees.
import type { FleetScan, FleetSummary } from '../fleet/types.js';
import { formatBytes } from '../util/bytes.js';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const bytes = (n: number | null): string => (n === null ? '?' : `${n < 0 ? '-' : ''}${formatBytes(Math.abs(n))}`);

interface Bar {
  label: string;
  value: number;
  text: string;
}

// The row charts' geometry: one row per entry, labels right-aligned in a column on the left.
const ROW = 22;
const WIDTH = 760;
const LABEL_W = 260;

/** The label cell of row `i`, cut at 40 characters (the full label is in the bar's title). */
const rowLabel = (label: string, i: number): string => `<text x="${LABEL_W - 6}" y="${i * ROW + 18}" text-anchor="end">${esc(label.length > 40 ? `${label.slice(0, 39)}…` : label)}</text>`;

/** A chart of `rows` rows as one inline SVG in a captioned figure. */
function rowChart(id: string, title: string, rows: number, body: string): string {
  const h = Math.max(ROW, rows * ROW) + 8;
  return `<figure id="${id}"><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" width="${WIDTH}" height="${h}" viewBox="0 0 ${WIDTH} ${h}" xmlns="http://www.w3.org/2000/svg">${body}</svg></figure>`;
}

/** A horizontal bar chart: one <rect class="bar"> per row, its value written beside it. */
function barChart(id: string, title: string, bars: Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  const rects = bars
    .map((b, i) => {
      const w = Math.max(1, Math.round((Math.abs(b.value) / max) * (WIDTH - LABEL_W - 120)));
      const y = i * ROW + 4;
      return `${rowLabel(b.label, i)}<rect class="bar${b.value < 0 ? ' cost' : ''}" x="${LABEL_W}" y="${y}" width="${w}" height="${ROW - 6}"><title>${esc(b.label)}: ${esc(b.text)}</title></rect><text x="${LABEL_W + w + 6}" y="${y + 14}">${esc(b.text)}</text>`;
    })
    .join('');
  return rowChart(id, title, bars.length, rects);
}

/** A stacked bar chart of final and build stages: one <g class="bar"> per row, final solid, build outlined. */
function stageChart(id: string, title: string, rows: { label: string; final: number; build: number }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.final + r.build));
  const scale = (n: number): number => Math.round((n / max) * (WIDTH - LABEL_W - 160));
  const bars = rows
    .map((r, i) => {
      const y = i * ROW + 4;
      const wf = scale(r.final);
      const wb = Math.max(r.final + r.build > 0 && wf === 0 ? 1 : 0, scale(r.build));
      const text = `${r.final + r.build} (${r.final} final, ${r.build} build)`;
      return `<g class="bar" data-final="${r.final}" data-build="${r.build}"><title>${esc(r.label)}: ${text}</title>${rowLabel(r.label, i)}<rect class="part final" x="${LABEL_W}" y="${y}" width="${wf}" height="${ROW - 6}"/><rect class="part build" x="${LABEL_W + wf}" y="${y}" width="${wb}" height="${ROW - 6}"/><text x="${LABEL_W + wf + wb + 6}" y="${y + 14}">${text}</text></g>`;
    })
    .join('');
  return rowChart(id, title, rows.length, bars);
}

/** An end-of-life timeline: one marker per image on a date axis from the earliest date to a year ahead. */
function timeline(id: string, s: FleetSummary, date: string): string {
  const items = s.endOfLife;
  const width = 760;
  const h = Math.max(60, items.length * 20 + 40);
  const t = (d: string): number => Date.parse(`${d}T00:00:00Z`);
  const lo = Math.min(t(date), ...items.map((e) => t(e.date)));
  const hi = Math.max(t(date), ...items.map((e) => t(e.date))) + 1;
  const x = (d: string): number => 200 + Math.round(((t(d) - lo) / (hi - lo)) * (width - 260));
  const marks = items
    .map((e, i) => `<text x="194" y="${i * 20 + 34}" text-anchor="end">${esc(e.image)}</text><circle class="mark ${e.status}" cx="${x(e.date)}" cy="${i * 20 + 30}" r="5"><title>${esc(e.subject)}: ${esc(e.date)}</title></circle><text x="${x(e.date) + 8}" y="${i * 20 + 34}">${esc(e.date)}</text>`)
    .join('');
  return `<figure id="${id}"><figcaption>End of life on a timeline (the line is ${esc(date)})</figcaption><svg role="img" aria-label="end-of-life timeline" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" xmlns="http://www.w3.org/2000/svg"><line x1="${x(date)}" y1="10" x2="${x(date)}" y2="${h - 4}" class="today"/><text x="${x(date) + 4}" y="12">${esc(date)}</text>${marks}</svg></figure>`;
}

/** A sortable table; a column whose cells are numbers sorts as numbers (data-value). */
function table(id: string, head: string[], rows: (string | number | null)[][], numeric: boolean[]): string {
  const th = head.map((h, i) => `<th scope="col" data-numeric="${numeric[i] ? 1 : 0}" tabindex="0">${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ` data-value="${typeof c === 'number' ? c : ''}"` : ''}>${esc(typeof c === 'number' && numeric[i] && head[i]!.toLowerCase().includes('bytes') ? bytes(c) : c ?? '')}</td>`).join('')}</tr>`).join('');
  return `<table id="${id}" class="data"><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

const SCRIPT = `
document.querySelectorAll('table.data th').forEach(function (th) {
  function sort() {
    var table = th.closest('table'), body = table.tBodies[0], i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-numeric') === '1', dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[i], y = b.cells[i];
      if (numeric) return dir * ((parseFloat(x.getAttribute('data-value')) || 0) - (parseFloat(y.getAttribute('data-value')) || 0));
      return dir * x.textContent.localeCompare(y.textContent);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  th.addEventListener('click', sort);
  th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
});
document.getElementById('filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('table.data tbody tr').forEach(function (r) { r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0; });
});
`;

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#111;max-width:1100px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #999}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border:1px solid #bbb;padding:3px 6px;text-align:left}
td[data-value]{text-align:right;font-variant-numeric:tabular-nums}th{cursor:pointer;background:#eee}th[aria-sort]::after{content:attr(aria-sort)}
th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}
svg text{font-size:11px;fill:#111}rect.bar{fill:#4a6fa5}rect.bar.cost{fill:#fff;stroke:#111;stroke-dasharray:3 2}rect.part.final{fill:#4a6fa5}rect.part.build{fill:#fff;stroke:#4a6fa5;stroke-width:1.5}circle.mark.past{fill:#111}circle.mark.soon{fill:#fff;stroke:#111;stroke-width:2}line.today{stroke:#111;stroke-dasharray:4 3}
.totals{display:flex;gap:24px;flex-wrap:wrap}.totals div{border:1px solid #999;padding:8px 12px}.totals b{display:block;font-size:18px}
#filter{font-size:14px;padding:4px 8px;width:320px}figure{margin:8px 0}figcaption{font-weight:600}
@media print{#filter,label[for=filter]{display:none}rect.bar,rect.part.build{fill:#fff;stroke:#000}rect.part.final{fill:#000}tr[hidden]{display:table-row}}
`;

export function fleetHtml(scan: FleetScan, s: FleetSummary): string {
  const families = new Map<string, { label: string; final: number; build: number }>();
  for (const e of s.inventory) {
    const label = e.family ?? '(unknown)';
    const f = families.get(label) ?? { label, final: 0, build: 0 };
    f.final += e.finalStages;
    f.build += e.buildStages;
    families.set(label, f);
  }
  const familyRows = [...families.values()].sort((a, b) => b.final + b.build - (a.final + a.build) || (a.label < b.label ? -1 : 1));
  const top = s.changes.slice(0, 25);
  const perDay = s.totals.changesWithPulls > 0;
  const vulnCounted = s.totals.vulnerabilitiesRemoved !== null;
  const sizeNote = scan.sizeSource === 'catalog' ? 'Sizes are compressed linux/amd64 sizes from the catalog snapshot shipped with plinth (offline).' : 'Sizes are compressed sizes from the registries (--online).';
  const body = [
    `<h1>Base images across ${s.repositories} repositories</h1>`,
    `<p>${s.dockerfiles} Dockerfiles, evaluated on ${esc(scan.date)}. ${esc(sizeNote)}</p>`,
    `<div class="totals"><div>Changes to make<b id="total-changes">${s.totals.changes}</b></div><div>Saved per pull (all changes)<b>${esc(bytes(s.totals.savingBytesPerPull))}</b></div><div>Saved per day (with pulls)<b id="total-day">${perDay ? esc(bytes(s.totals.bytesPerDay)) : 'no pulls given'}</b></div><div>Saved per month<b id="total-month">${perDay ? esc(bytes(s.totals.bytesPerMonth)) : 'no pulls given'}</b></div><div>Past or near end of life<b>${s.endOfLife.length}</b></div>${s.totals.vulnerabilitiesRemoved !== null ? `<div>Vulnerabilities removed<b id="total-vulns">${s.totals.vulnerabilitiesRemoved}</b></div>` : ''}</div>`,
    '<p><label for="filter">Filter every table: </label><input id="filter" type="search" placeholder="repository, image, rule…"></p>',
    '<h2>Changes to make first</h2>',
    barChart('chart-savings', perDay ? 'Bytes saved per day by each change (top 25)' : 'Bytes saved per pull by each change (top 25; no pulls given)', top.map((c) => ({ label: `${c.repository}/${c.path}`, value: (perDay ? c.bytesPerDay : c.savingBytes) ?? 0, text: bytes(perDay ? c.bytesPerDay : c.savingBytes) }))),
    table('table-savings', ['Repository', 'Dockerfile', 'Line', 'From', 'To', 'Saved bytes per pull', 'Pulls per day', 'Saved bytes per day', 'Saved bytes per month'], top.map((c) => [c.repository, c.path, c.line, c.from, c.to, c.savingBytes, c.pullsPerDay, c.bytesPerDay, c.bytesPerMonth]), [false, false, true, false, false, true, true, true, true]),
    '<h2>Base images by family</h2>',
    stageChart('chart-families', 'Stages on each family: final stages solid, build stages outlined', familyRows),
    table('table-families', ['Family', 'Final stages', 'Build stages', 'Stages'], familyRows.map((f) => [f.label, f.final, f.build, f.final + f.build]), [false, true, true, true]),
    '<h2>Inventory</h2>',
    table('table-inventory', ['Image', 'Family', 'Version', 'Final stages', 'Build stages', 'Dockerfiles', 'Repositories'], s.inventory.map((e) => [e.image, e.family, e.version, e.finalStages, e.buildStages, e.dockerfiles, e.repositories]), [false, false, false, true, true, true, true]),
    '<h2>Drift: one family in many versions</h2>',
    table('table-drift', ['Family', 'Versions in use', 'Converge on'], s.drift.map((d) => [d.family, d.versions.map((v) => `${v.version} (${v.dockerfiles})`).join(', '), d.convergeOn]), [false, false, false]),
    '<h2>End of life</h2>',
    timeline('chart-eol', s, scan.date),
    table('table-eol', ['Image', 'What', 'End of life', 'Status', 'Dockerfiles', 'Repositories'], s.endOfLife.map((e) => [e.image, e.subject, e.date, e.status, e.dockerfiles, e.repositories]), [false, false, false, false, true, true]),
    '<h2>Findings</h2>',
    barChart('chart-rules', 'Findings by rule', s.findings.byRule.map((r) => ({ label: r.rule, value: r.count, text: String(r.count) }))),
    table('table-rules', ['Rule', 'Findings'], s.findings.byRule.map((r) => [r.rule, r.count]), [false, true]),
    table('table-repositories', ['Repository', 'Findings', 'Errors', 'Warnings'], s.findings.byRepository.map((r) => [r.repository, r.count, r.errors, r.warnings]), [false, true, true, true]),
    '<h2>Every change</h2>',
    vulnCounted
      ? table('table-changes', ['Repository', 'Dockerfile', 'Line', 'From', 'To', 'Why', 'Saved bytes per pull', 'Saved bytes per day', 'Vulnerabilities removed', 'Vulnerabilities (critical, high) before -> after'], s.changes.map((c) => [c.repository, c.path, c.line, c.from, c.to, c.decision, c.savingBytes, c.bytesPerDay, c.vulnerabilities ? c.vulnerabilities.before.total - c.vulnerabilities.after.total : null, c.vulnerabilities ? `${c.vulnerabilities.before.total} (${c.vulnerabilities.before.critical}, ${c.vulnerabilities.before.high}) -> ${c.vulnerabilities.after.total} (${c.vulnerabilities.after.critical}, ${c.vulnerabilities.after.high})` : 'not counted']), [false, false, true, false, false, false, true, true, true, false])
      : table('table-changes', ['Repository', 'Dockerfile', 'Line', 'From', 'To', 'Why', 'Saved bytes per pull', 'Saved bytes per day'], s.changes.map((c) => [c.repository, c.path, c.line, c.from, c.to, c.decision, c.savingBytes, c.bytesPerDay]), [false, false, true, false, false, false, true, true]),
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>plinth report</title><style>${STYLE}</style></head><body>${body.join('\n')}<script>${SCRIPT}</script></body></html>\n`;
}
