import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readContext, type GoFacts, type JavaFacts, type RustFacts, type DotnetFacts } from '../../src/context/index.js';
import { project, lineWith } from './helpers.js';

const eco = <T>(dir: string, name: string): T => readContext(dir, null, null).ecosystems.find((e) => e.ecosystem === name) as T;

test('go.mod: version, cgo modules in a require block, TLS and time zones from the sources', () => {
  const mod = 'module example.com/svc\n\ngo 1.22.3\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgithub.com/mattn/go-sqlite3 v1.14.22 // indirect\n)\n';
  const main = 'package main\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc main() {\n\tloc, _ := time.LoadLocation("Europe/Paris")\n\thttp.Get("https://api.example.com")\n\t_ = loc\n}\n';
  const go = eco<GoFacts>(project({ 'go.mod': mod, 'cmd/svc/main.go': main }), 'go');
  assert.equal(go.version, '1.22.3');
  // go-sqlite3 is only `// indirect` and no source imports it: not cgo, and the evidence says why.
  assert.deepEqual(go.cgoModules, []);
  assert.ok(go.evidence.some((e) => e.line === lineWith(mod, 'go-sqlite3') && /listed \/\/ indirect and nothing here imports it/.test(e.fact)));
  assert.deepEqual([go.usesTLS?.file, go.usesTLS?.line], ['cmd/svc/main.go', lineWith(main, 'http.Get')]);
  assert.equal(go.usesTimezones?.line, lineWith(main, 'LoadLocation'));
  assert.equal(go.embedsTzdata, null);
});

test('go: an indirect cgo module counts when a source imports it or a known wrapper requires it', () => {
  const mod = (direct: string) => `module example.com/svc\n\ngo 1.23\n\nrequire (\n${direct}\tgithub.com/mattn/go-sqlite3 v1.14.22 // indirect\n)\n`;
  const imported = eco<GoFacts>(project({ 'go.mod': mod(''), 'db.go': 'package main\n\nimport _ "github.com/mattn/go-sqlite3"\n' }), 'go');
  assert.deepEqual(imported.cgoModules.map((c) => c.package), ['github.com/mattn/go-sqlite3']);
  assert.match(imported.cgoModules[0]!.evidence.fact, /needs cgo \(db\.go imports it\)/);
  const wrapped = eco<GoFacts>(project({ 'go.mod': mod('\tgorm.io/driver/sqlite v1.5.6\n'), 'main.go': 'package main\n\nimport "gorm.io/driver/sqlite"\n' }), 'go');
  assert.match(wrapped.cgoModules[0]!.evidence.fact, /needs cgo \(required by gorm\.io\/driver\/sqlite\)/);
  // A direct requirement is counted as before, imported or not.
  const directly = eco<GoFacts>(project({ 'go.mod': 'module x\ngo 1.23\nrequire github.com/mattn/go-sqlite3 v1.14.22\n', 'main.go': 'package main\n' }), 'go');
  assert.equal(directly.cgoModules.length, 1);
});

test('go: import "C" and embedded tzdata; a pure module needs nothing', () => {
  const src = 'package main\n\n// #include <stdio.h>\nimport "C"\nimport _ "time/tzdata"\n';
  const go = eco<GoFacts>(project({ 'go.mod': 'module x\ngo 1.23\n', 'main.go': src }), 'go');
  assert.deepEqual(go.cgoModules.map((c) => c.evidence.line), [4]);
  assert.equal(go.embedsTzdata?.line, 5);
  const pure = eco<GoFacts>(project({ 'go.mod': 'module y\ngo 1.23\nrequire github.com/google/uuid v1.6.0\n', 'main.go': 'package main\nfunc main() {}\n' }), 'go');
  assert.deepEqual([pure.cgoModules.length, pure.usesTLS, pure.usesTimezones], [0, null, null]);
});

test('maven: spring-boot plugin makes a fat JAR, java.version gives the version', () => {
  const pom = `<project>
  <properties>
    <java.version>17</java.version>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
`;
  const java = eco<JavaFacts>(project({ 'pom.xml': pom }), 'java');
  assert.equal(java.version, '17');
  assert.equal(java.fatJar?.line, lineWith(pom, 'spring-boot-maven-plugin'));
  assert.deepEqual(java.native, []);
});

test('gradle kts: shadow plugin, toolchain version, rocksdbjni a glibc JNI library, netty-tcnative only evidence', () => {
  const gradle = `plugins {
    java
    id("com.gradleup.shadow") version "8.3.0"
}
java { toolchain { languageVersion = JavaLanguageVersion.of(21) } }
dependencies {
    implementation("io.netty:netty-tcnative-boringssl-static:2.0.65.Final")
    implementation("org.rocksdb:rocksdbjni:5.18.4")
}
`;
  const java = eco<JavaFacts>(project({ 'build.gradle.kts': gradle }), 'java');
  assert.equal(java.version, '21');
  assert.equal(java.fatJar?.line, 3);
  assert.deepEqual(java.native.map((n) => `${n.package}@${n.evidence.line}`), ['rocksdbjni@8']);
  // Netty falls back to the JDK's TLS when tcnative does not load (musl): evidence, not a requirement.
  assert.ok(java.evidence.some((e) => e.line === 7 && /JDK's TLS/.test(e.fact)));
  const plain = eco<JavaFacts>(project({ 'build.gradle': "plugins { id 'java' }\nsourceCompatibility = '11'\n" }), 'java');
  assert.deepEqual([plain.fatJar, plain.version], [null, '11']);
});

test('rust: musl target in .cargo/config.toml, openssl-sys vs rustls with bundled roots', () => {
  const cargo = '[package]\nname = "svc"\n\n[dependencies]\nreqwest = { version = "0.12", default-features = false, features = ["rustls-tls-webpki-roots"] }\nopenssl-sys = "0.9"\n';
  const rust = eco<RustFacts>(project({ 'Cargo.toml': cargo, '.cargo/config.toml': '[build]\ntarget = "x86_64-unknown-linux-musl"\n' }), 'rust');
  assert.equal(rust.muslTarget?.line, 2);
  assert.deepEqual(rust.systemLibs.map((s) => `${s.package}@${s.evidence.line}`), ['openssl-sys@6']);
  assert.equal(rust.usesTLS?.line, 5);
  assert.equal(rust.bundledRoots?.line, 5);
});

test('.NET: invariant globalization, self-contained and the runtime identifier', () => {
  const csproj = `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <InvariantGlobalization>true</InvariantGlobalization>
    <SelfContained>true</SelfContained>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
  </PropertyGroup>
</Project>
`;
  const dn = eco<DotnetFacts>(project({ 'src/Api/Api.csproj': csproj }), 'dotnet');
  assert.equal(dn.version, '8.0');
  assert.equal(dn.invariantGlobalization?.line, 4);
  assert.equal(dn.selfContained?.line, 5);
  assert.deepEqual(dn.native.map((n) => n.package), ['linux-x64']);
  const musl = eco<DotnetFacts>(project({ 'a.csproj': '<RuntimeIdentifier>linux-musl-x64</RuntimeIdentifier>\n' }), 'dotnet');
  assert.deepEqual(musl.native, []);
});

test('ruby and php: native gems and glibc-only extensions', () => {
  const lock = 'GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.16.5-x86_64-linux)\n      racc (~> 1.4)\n    rack (3.0.11)\n\nRUBY VERSION\n   ruby 3.3.1p55\n';
  const ruby = eco<{ native: { package: string; evidence: { line: number } }[]; version: string }>(project({ 'Gemfile.lock': lock }), 'ruby');
  assert.deepEqual(ruby.native.map((n) => `${n.package}@${n.evidence.line}`), ['nokogiri@4']);
  assert.equal(ruby.version, '3.3.1');
  const composer = JSON.stringify({ require: { php: '^8.2', 'ext-intl': '*', 'ext-oci8': '*' } }, null, 2);
  const php = eco<{ native: { package: string; evidence: { line: number } }[]; version: string }>(project({ 'composer.json': composer }), 'php');
  assert.deepEqual(php.native.map((n) => `${n.package}@${n.evidence.line}`), [`ext-oci8@${lineWith(composer, 'ext-oci8')}`]);
  assert.equal(php.version, '^8.2');
});

test("gradle's application plugin: the dependency JARs and a start script ship, in each spelling", () => {
  for (const gradle of ["plugins {\n    id 'java'\n    id 'application'\n}\n", "apply plugin: 'java'\napply plugin: 'application'\n", 'plugins {\n    id("application")\n}\n', "plugins { id 'java' }\n\napplication {\n    mainClass = 'x.Main'\n}\n"]) {
    const java = eco<JavaFacts>(project({ 'build.gradle': gradle }), 'java');
    assert.ok(java.startScript, gradle);
    assert.equal(java.startScript.line, gradle.split('\n').findIndex((l) => /application/.test(l)) + 1);
  }
  assert.equal(eco<JavaFacts>(project({ 'build.gradle': "plugins { id 'java' }\n// the application plugin is not used\n" }), 'java').startScript, null);
});
