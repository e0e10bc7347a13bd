// OSV range evaluation (the schema's rules) and severity scoring, case by case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { affects, recordEntries, sortEvents } from '../../src/vulndb/osv.js';
import { cvss4Score } from '../../src/vulndb/cvss4.js';
import { cvss2Score, cvss3Score, rate } from '../../src/vulndb/severity.js';
import type { IndexedVuln, RangeEvent } from '../../src/vulndb/types.js';
import { compareDpkg } from '../../src/vulndb/versions/index.js';

const vuln = (ranges: RangeEvent[][], versions?: string[]): IndexedVuln => ({
  id: 'T-1', cves: [], aliases: [], severity: 'unknown', severitySource: 'none',
  ranges: ranges.map((r) => sortEvents(r, compareDpkg)), ...(versions ? { versions } : {}),
});

describe('OSV evaluation', () => {
  it('introduced/fixed: fixed at or above closes', () => {
    const v = vuln([[['i', '0'], ['f', '1.2-1']]]);
    assert.deepEqual(affects(v, '1.1-1', compareDpkg), { fixed: '1.2-1' });
    assert.equal(affects(v, '1.2-1', compareDpkg), null);
    assert.equal(affects(v, '1:0.1', compareDpkg), null, 'an epoch puts 1:0.1 above 1.2-1');
  });
  it('several introduced/fixed pairs in one range, given out of order', () => {
    const v = vuln([[['f', '2.5'], ['i', '2.0'], ['f', '1.5'], ['i', '1.0']]]);
    assert.equal(affects(v, '0.9', compareDpkg), null);
    assert.deepEqual(affects(v, '1.2', compareDpkg), { fixed: '1.5' });
    assert.equal(affects(v, '1.7', compareDpkg), null);
    assert.deepEqual(affects(v, '2.1', compareDpkg), { fixed: '2.5' });
    assert.equal(affects(v, '3', compareDpkg), null);
  });
  it('last_affected includes its version, and with no fixed the finding has no fix', () => {
    const v = vuln([[['i', '1.0'], ['l', '1.4']]]);
    assert.deepEqual(affects(v, '1.4', compareDpkg), { fixed: null });
    assert.equal(affects(v, '1.4.1', compareDpkg), null);
  });
  it('limit bounds the range; versions list one by one', () => {
    const v = vuln([[['i', '0'], ['m', '2.0']]]);
    assert.deepEqual(affects(v, '1.9', compareDpkg), { fixed: null });
    assert.equal(affects(v, '2.0', compareDpkg), null);
    const listed = vuln([], ['1.0-1', '1.0-2']);
    assert.ok(affects(listed, '1.0-2', compareDpkg));
    assert.equal(affects(listed, '1.0-3', compareDpkg), null);
  });
  it('introduced 0 with fixed 0 affects nothing (not affected)', () => {
    assert.equal(affects(vuln([[['i', '0'], ['f', '0']]]), '1.0', compareDpkg), null);
  });
  it('records: withdrawn, other ecosystems, CVE ids from id, aliases and upstream', () => {
    assert.equal(recordEntries({ id: 'X-1', withdrawn: '2024-01-01T00:00:00Z' }, 'Debian'), 'withdrawn');
    const entries = recordEntries(
      { id: 'DSA-1-1', aliases: ['GHSA-x'], upstream: ['CVE-2024-1', 'CVE-2024-2'], affected: [{ package: { ecosystem: 'Ubuntu:22.04:LTS', name: 'a' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }, { package: { ecosystem: 'Debian:12', name: 'b' }, ranges: [{ type: 'GIT', repo: 'x', events: [{ introduced: 'abc' }] }, { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1' }] }] }] },
      'Debian',
    );
    assert.ok(Array.isArray(entries));
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.release, 'Debian:12');
    assert.deepEqual(entries[0]!.vuln.cves, ['CVE-2024-1', 'CVE-2024-2']);
    assert.deepEqual(entries[0]!.vuln.aliases, ['GHSA-x']);
    assert.deepEqual(entries[0]!.vuln.ranges, [[['i', '0'], ['f', '1']]], 'GIT ranges are left out');
    assert.throws(() => recordEntries({ id: 'B-1', affected: [{ package: { ecosystem: 'Debian:12', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '1' }] }] }] }, 'Debian'), /B-1: not valid OSV/);
  });
});

describe('severity', () => {
  it('CVSS v3.1 and v2 base scores of published vectors', () => {
    assert.equal(cvss3Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
    assert.equal(cvss3Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'), 10);
    assert.equal(cvss3Score('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H'), 7.8);
    assert.equal(cvss3Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'), 6.1);
    assert.equal(cvss3Score('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N'), 0);
    assert.equal(cvss3Score('CVSS:3.1/AV:N/AC:L'), null);
    assert.equal(cvss2Score('AV:N/AC:L/Au:N/C:P/I:P/A:P'), 7.5);
    assert.equal(cvss2Score('AV:N/AC:L/Au:N/C:P/I:N/A:N'), 5);
    assert.equal(cvss2Score('AV:N/AC:M/Au:N/C:N/I:P/A:N'), 4.3);
  });
  it('the distribution rating first, then CVSS v3 over v2', () => {
    const v3 = { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' };
    assert.deepEqual(rate([v3], ['unimportant']), { severity: 'negligible', source: 'distribution' });
    assert.deepEqual(rate([v3], ['not yet assigned']), { severity: 'critical', source: 'cvss-v3', score: 9.8 });
    assert.deepEqual(rate([{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }, v3], []), { severity: 'critical', source: 'cvss-v3', score: 9.8 });
    assert.deepEqual(rate([{ type: 'Ubuntu', score: 'medium' }, v3], []), { severity: 'medium', source: 'distribution' });
    assert.deepEqual(rate([], []), { severity: 'unknown', source: 'none' });
  });
  // Scores as GitHub's advisories and Renovate's pull requests publish them for these vectors.
  it('CVSS v4.0 base scores of published vectors, threat metrics left out', () => {
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), 9.3);
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), 8.7);
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N'), 5.3);
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N'), 5.1);
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), 7.7);
    assert.equal(cvss4Score('CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N'), 8.3);
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N'), 0);
    // E:U would lower the score to 8.1: the base score ignores it.
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U'), 9.3);
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N'), null, 'SA missing');
    assert.equal(cvss4Score('CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), null, 'AV out of range');
    assert.equal(cvss4Score('CVSS:4.0/AV:N/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), null, 'AV twice');
    assert.equal(cvss4Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), null);
  });
  it('CVSS v3 over v4 over v2; v4 is rated only with a scorer', () => {
    const v4 = { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' };
    const v3 = { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' };
    const v2 = { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' };
    assert.deepEqual(rate([v2, v4], [], cvss4Score), { severity: 'high', source: 'cvss-v4', score: 8.7 });
    assert.deepEqual(rate([v4, v3], [], cvss4Score), { severity: 'medium', source: 'cvss-v3', score: 6.1 });
    assert.deepEqual(rate([v4, v2], []), { severity: 'high', source: 'cvss-v2', score: 7.5 });
    assert.deepEqual(rate([v4], []), { severity: 'unknown', source: 'none' });
  });
});

describe('releases', () => {
  it('os-release to the OSV release, and Ubuntu LTS keys without :LTS', async () => {
    const { releaseOf } = await import('../../src/vulndb/match.js');
    const { releaseKey } = await import('../../src/vulndb/osv.js');
    const os = (id: string, versionId: string | null) => ({ id, versionId, prettyName: null });
    assert.equal(releaseOf(os('debian', '12')), 'Debian:12');
    assert.equal(releaseOf(os('debian', null)), null, 'testing and sid have no VERSION_ID');
    assert.equal(releaseOf(os('alpine', '3.20.3')), 'Alpine:v3.20');
    assert.equal(releaseOf(os('ubuntu', '22.04')), 'Ubuntu:22.04');
    assert.equal(releaseOf(os('rocky', '9.4')), 'Rocky Linux:9');
    assert.equal(releaseOf(os('almalinux', '8.10')), 'AlmaLinux:8');
    assert.equal(releaseOf(os('wolfi', '20230201')), 'Wolfi');
    assert.equal(releaseOf(os('fedora', '40')), null);
    // An image's os-release is its author's: an ID that names an Object property is no release.
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(releaseOf(os(id, '9')), null, id);
    assert.equal(releaseKey('Ubuntu:22.04:LTS'), 'Ubuntu:22.04');
    assert.equal(releaseKey('Alpine:v3.20'), 'Alpine:v3.20');
    // Alpine: the branch of /etc/apk/repositories outranks VERSION_ID; edge keeps VERSION_ID's answer.
    const { alpineBranch } = await import('../../src/image/analyze.js');
    assert.equal(alpineBranch('# comment\n\n  https://dl-cdn.alpinelinux.org/alpine/v3.20/main\nhttps://x/alpine/edge/testing\n'), 'v3.20');
    assert.equal(alpineBranch('@edge https://dl-cdn.alpinelinux.org/alpine/edge/main\n'), 'edge');
    assert.equal(alpineBranch('http://mirror.example/alpine/latest-stable/main\n'), null);
    assert.equal(releaseOf({ ...os('alpine', '3.19.1'), alpineBranch: 'v3.20' }), 'Alpine:v3.20');
    assert.equal(releaseOf({ ...os('alpine', '3.22.0_alpha20250108'), alpineBranch: 'edge' }), 'Alpine:v3.22');
    // Red Hat: one ecosystem per repository, an image knows its major release only (UBI says rhel).
    assert.equal(releaseOf(os('rhel', '9.4')), 'Red Hat:9');
    assert.equal(releaseKey('Red Hat:enterprise_linux:9::appstream'), 'Red Hat:9');
    assert.equal(releaseKey('Red Hat:enterprise_linux:8::baseos'), 'Red Hat:8');
    assert.equal(releaseKey('Red Hat:enterprise_linux:10.0'), 'Red Hat:10');
    for (const other of ['Red Hat:rhel_eus:9.2::baseos', 'Red Hat:rhel_e4s:8.8::appstream', 'Red Hat:openshift:4.15::el9', 'Red Hat:enterprise_linux:9::../x']) assert.equal(releaseKey(other), null, other);
  });
});
