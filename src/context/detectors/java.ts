// Java: the Maven or Gradle build tells whether the output is one runnable (fat) JAR, the Java
// version it targets, and whether it bundles JNI libraries built for glibc.

import type { ContextDir } from '../files.js';
import type { Evidence, JavaFacts, NativeRequirement } from '../types.js';

const FAT_JAR: [RegExp, string][] = [
  [/spring-boot-maven-plugin|id\s*\(?\s*["']org\.springframework\.boot["']|plugin:\s*["']org\.springframework\.boot["']/, 'Spring Boot packages the app as one executable JAR'],
  [/maven-shade-plugin/, 'the shade plugin builds an uber-JAR'],
  [/maven-assembly-plugin/, 'the assembly plugin builds a JAR with dependencies'],
  [/com\.github\.johnrengelman\.shadow|com\.gradleup\.shadow|shadowJar/, 'the Shadow plugin builds a fat JAR'],
];

// Gradle's application plugin (installDist, distTar): lib/ holds every dependency JAR and bin/ a
// POSIX shell start script. Maven's appassembler lays out the same.
const START_SCRIPT = /^\s*(?:id\s*\(?\s*["']application["']|apply\s+plugin:\s*["']application["']|application\s*\{|mainClassName\s*=)|appassembler-maven-plugin/;

const VERSION: RegExp[] = [
  /<(?:java\.version|maven\.compiler\.release|maven\.compiler\.target|release)>\s*(?:1\.)?(\d+)\s*</,
  /JavaLanguageVersion\.of\(\s*(\d+)\s*\)/,
  /jvmToolchain\(\s*(\d+)\s*\)/,
  /(?:source|target)Compatibility\s*=\s*(?:JavaVersion\.VERSION_(?:1_)?(\d+)|['"]?(?:1\.)?(\d+)['"]?)/,
];

/** JNI libraries shipped for glibc only (or that fail to load on musl), which the app cannot do without. */
const JNI: Record<string, string> = {
  'rocksdbjni': 'RocksDB JNI: older releases bundle glibc-only libraries',
  'jnr-ffi': 'calls native libraries through libffi',
  'tensorflow': 'TensorFlow Java loads libtensorflow, built for glibc',
  'ojdbc': 'the Oracle driver in OCI mode loads Instant Client (glibc only)',
};

/**
 * Netty's glibc-only JNI libraries, each with the pure-Java path Netty (and gRPC) take when it does
 * not load: on musl they cost speed, not the start. Shown as evidence, never a glibc requirement.
 */
const JNI_WITH_FALLBACK: Record<string, string> = {
  'netty-tcnative': 'netty-tcnative is built for glibc; on musl it does not load and Netty uses the JDK\'s TLS instead',
  'netty-transport-native-epoll': 'the epoll transport is built for glibc; on musl Netty uses its NIO transport instead',
  'netty-transport-native-io_uring': 'the io_uring transport is built for glibc; on musl Netty uses its NIO transport instead',
};

export function detectJava(dir: ContextDir): JavaFacts | null {
  const builds = ['pom.xml', 'build.gradle.kts', 'build.gradle'].flatMap((file) => {
    const text = dir.readText(file);
    return text === null ? [] : [{ file, text }];
  });
  if (builds.length === 0) return null;
  const evidence: Evidence[] = [];
  const native: NativeRequirement[] = [];
  let fatJar: Evidence | null = null;
  let startScript: Evidence | null = null;
  const withFallback: Evidence[] = [];
  let version: string | null = null;
  for (const { file, text } of builds) {
    const lines = text.split(/\r?\n/);
    evidence.push({ file, line: null, fact: file === 'pom.xml' ? 'Maven build' : 'Gradle build' });
    lines.forEach((l, i) => {
      const line = i + 1;
      if (/^\s*(\/\/|<!--)/.test(l)) return;
      for (const [re, fact] of FAT_JAR) {
        if (!fatJar && re.test(l)) {
          fatJar = { file, line, fact };
          evidence.push(fatJar);
        }
      }
      if (!startScript && START_SCRIPT.test(l)) {
        startScript = { file, line, fact: 'the application plugin ships every dependency JAR with a start script that runs with /bin/sh' };
        evidence.push(startScript);
      }
      for (const re of VERSION) {
        const m = re.exec(l);
        if (m && version === null) {
          version = m[1] ?? m[2];
          evidence.push({ file, line, fact: `the build targets Java ${version}` });
        }
      }
      for (const [artifact, reason] of Object.entries(JNI)) {
        if (l.includes(artifact) && !native.some((n) => n.package === artifact)) {
          const e = { file, line, fact: `${artifact}: ${reason}` };
          evidence.push(e);
          native.push({ ecosystem: 'java', package: artifact, version: null, reason, evidence: e });
        }
      }
      for (const [artifact, fact] of Object.entries(JNI_WITH_FALLBACK)) {
        if (l.includes(artifact) && !withFallback.some((e) => e.fact === fact)) withFallback.push({ file, line, fact });
      }
    });
  }
  evidence.push(...withFallback);
  return { ecosystem: 'java', evidence, native, version, fatJar, startScript, withFallback };
}
