import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readContext } from '../../src/context/index.js';
import { project, lineWith } from './helpers.js';

const python = (dir: string) => readContext(dir, null, null).ecosystems.find((e) => e.ecosystem === 'python')!;

test('requirements.txt: psycopg2 is a C extension, psycopg2-binary is not; -r includes are followed', () => {
  const main = '# web app\nflask==3.0.3\n-r requirements/db.txt\ngunicorn>=22  # server\n';
  const db = 'psycopg2==2.9.9 ; python_version >= "3.8"\npsycopg2-binary==2.9.9\n';
  const facts = python(project({ 'requirements.txt': main, 'requirements/db.txt': db }));
  assert.deepEqual(facts.native.map((n) => [n.package, n.version, n.evidence.file, n.evidence.line]), [['psycopg2', '2.9.9', 'requirements/db.txt', 1]]);
  assert.match(facts.native[0].reason, /libpq/);
  assert.ok(facts.evidence.some((e) => e.line === 2 && /psycopg2-binary ships wheels with libpq bundled/.test(e.fact)));
});

test('psycopg2-binary alone gives no glibc requirement', () => {
  const facts = python(project({ 'requirements.txt': 'django==5.0\npsycopg2-binary==2.9.9\n' }));
  assert.deepEqual(facts.native, []);
});

test('version-bounded entries: old lxml and numpy count, new ones do not', () => {
  const facts = python(project({ 'requirements.txt': 'lxml==4.6.3\nnumpy==1.26.4\nscipy==1.7.3\n' }));
  assert.deepEqual(facts.native.map((n) => `${n.package}@${n.evidence.line}`), ['lxml@1', 'scipy@3']);
});

test('pyproject.toml: PEP 621 dependencies over several lines, requires-python, dev requirements files', () => {
  const text = `[build-system]
requires = ["setuptools"]

[project]
name = "svc"
requires-python = ">=3.12"
dependencies = [
    "fastapi>=0.110",
    "mysqlclient==2.2.4",  # the DB driver
    "uvicorn[standard]",
]

[project.optional-dependencies]
test = ["pytest"]
`;
  const facts = python(project({ 'pyproject.toml': text, 'requirements-dev.txt': 'psycopg2==2.9.9\n' }));
  assert.deepEqual(facts.native.map((n) => `${n.package}:${n.evidence.line}`), [`mysqlclient:${lineWith(text, 'mysqlclient')}`]);
  assert.ok(facts.evidence.some((e) => /requires-python is ">=3.12"/.test(e.fact) && e.line === 6));
  assert.ok(facts.evidence.some((e) => /psycopg2 2\.9\.9 has a C extension but is only a development dependency/.test(e.fact)));
});

test('poetry: pyproject dependencies and poetry.lock packages (transitive) with lines', () => {
  const pyproject = `[tool.poetry]
name = "svc"

[tool.poetry.dependencies]
python = "^3.11"
sqlalchemy = "^2.0"

[tool.poetry.group.dev.dependencies]
pytest = "^8"
`;
  const lock = `[[package]]
name = "sqlalchemy"
version = "2.0.30"
description = "x"
optional = false
python-versions = ">=3.7"

[package.dependencies]
greenlet = "*"

[[package]]
name = "python-ldap"
version = "3.4.4"
description = "y"
optional = false
python-versions = ">=3.6"
`;
  const facts = python(project({ 'pyproject.toml': pyproject, 'poetry.lock': lock }));
  assert.deepEqual(facts.native.map((n) => [n.package, n.version, n.evidence.file, n.evidence.line]), [
    ['python-ldap', '3.4.4', 'poetry.lock', lineWith(lock, 'name = "python-ldap"')],
  ]);
  assert.equal(facts.version, '^3.11');
});

test('uv.lock and Pipfile.lock', () => {
  const uv = 'version = 1\nrequires-python = ">=3.12"\n\n[[package]]\nname = "uwsgi"\nversion = "2.0.26"\nsource = { registry = "https://pypi.org/simple" }\n';
  const facts = python(project({ 'uv.lock': uv }));
  assert.deepEqual(facts.native.map((n) => `${n.package}@${n.evidence.line}`), ['uwsgi@5']);
  const pipfile = JSON.stringify({ _meta: {}, default: { 'cx-oracle': { version: '==8.3.0' } }, develop: { 'pycurl': { version: '==7.45.3' } } }, null, 4);
  const p = python(project({ 'Pipfile.lock': pipfile }));
  assert.deepEqual(p.native.map((n) => [n.package, n.version, n.evidence.line]), [['cx-oracle', '8.3.0', lineWith(pipfile, '"cx-oracle"')]]);
});

test('no Python files: no Python facts', () => {
  assert.equal(readContext(project({ 'README.md': 'hi' }), null, null).ecosystems.length, 0);
});

test('hostile TOML: 50 kB lines of [ in poetry.lock and pyproject.toml read in linear time (#25 item 9)', () => {
  // Once 22 s for 5 kB and over 120 s for 50 kB (a backtracking scanner).
  const brackets = '[ '.repeat(25_000);
  const started = Date.now();
  const facts = python(project({ 'pyproject.toml': `[tool.poetry.dependencies]\n${brackets}\npsycopg2 = "^2.9"\n`, 'poetry.lock': `[[package]]\nname = "x"\n${brackets}\n[[package]]\nname = "lxml"\nversion = "4.6.3"\n` }));
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
  // The lines after the hostile one are still read.
  assert.deepEqual(facts.native.map((n) => n.package).sort(), ['lxml', 'psycopg2']);
});
