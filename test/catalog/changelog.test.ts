// Release-note links rendered from endoflife.date's changelog templates, against the links those
// projects really publish (written out by hand).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { releaseNotesUrl, releasePageUrl } from '../../src/catalog/changelog.js';

describe('release notes', () => {
  it('fills the placeholders and the Liquid filters the templates use', () => {
    assert.equal(releaseNotesUrl('nodejs', '22', '22.23.2'), 'https://github.com/nodejs/node/blob/main/doc/changelogs/CHANGELOG_V22.md#22.23.2');
    assert.equal(releaseNotesUrl('python', '3.14', '3.14.7'), 'https://www.python.org/downloads/release/python-3147/');
    assert.equal(releaseNotesUrl('ruby', '3.4', '3.4.10'), 'https://github.com/ruby/ruby/releases/tag/v3_4_10');
    assert.equal(releaseNotesUrl('php', '8.3', '8.3.33'), 'https://www.php.net/ChangeLog-8.php#8.3.33');
    assert.equal(releaseNotesUrl('java', '17', '17.0.12+7'), 'https://github.com/adoptium/temurin17-binaries/releases/tag/jdk-17.0.12+7');
    assert.equal(releaseNotesUrl('dotnet', '8.0', '8.0.11'), 'https://github.com/dotnet/core/blob/main/release-notes/8.0/8.0.11/8.0.11.md');
    assert.equal(releaseNotesUrl('ubuntu', '24.04', '', 'Noble Numbat'), 'https://wiki.ubuntu.com/NobleNumbat/ReleaseNotes/');
    assert.equal(releaseNotesUrl('alpine', '3.21', '3.21.7'), null, 'no template: no link');
    assert.equal(releaseNotesUrl('nosuch', '1', '1.0'), null);
  });

  it("gives Alpine's and Debian's release announcements, from endoflife.date's per-release links", () => {
    assert.equal(releasePageUrl('alpine', '3.21'), 'https://alpinelinux.org/posts/Alpine-3.21.0-released.html');
    assert.equal(releasePageUrl('debian', '13'), 'https://www.debian.org/News/2025/20250809');
    assert.equal(releasePageUrl('nodejs', '22'), null, 'a subject with a template ships no page links');
    assert.equal(releasePageUrl('ubuntu', '24.04'), 'https://wiki.ubuntu.com/NobleNumbat/ReleaseNotes/', 'the template with the full codename');
    assert.equal(releasePageUrl('alpine', '9.99'), null);
  });
});
