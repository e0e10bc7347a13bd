// JUnit XML, which GitLab (`artifacts: reports: junit`), Jenkins and Azure DevOps show as test results:
// a <testsuite> per Dockerfile (its counts are known when the file is done, so it streams), a failing
// <testcase> per finding, a passing one for a file with none, an <error> for a file not linted.
import type { FileReport, LintReport } from '../lint/types.js';
import { xmlAttribute } from './checkstyle.js';
import { writeAll, type ReportWriter } from './writer.js';

/** Element text: as an attribute, which escapes more than text needs. */
const xmlText = xmlAttribute;

function suiteXml(f: FileReport): string {
  const name = xmlAttribute(f.path);
  if (f.error) {
    return `  <testsuite name="${name}" tests="1" failures="0" errors="1">\n    <testcase name="lint" classname="${name}">\n      <error message="${xmlAttribute(f.error.message)}" type="plinth">${xmlText(`${f.path}${f.error.line !== null ? `:${f.error.line}` : ''}: ${f.error.message}`)}</error>\n    </testcase>\n  </testsuite>\n`;
  }
  if (f.findings.length === 0) return `  <testsuite name="${name}" tests="1" failures="0" errors="0">\n    <testcase name="lint" classname="${name}"/>\n  </testsuite>\n`;
  const cases = f.findings.map((x) => {
    const text = `${f.path}:${x.line}:${x.column} ${x.severity} ${x.message}${x.suggestion ? `\nsuggestion: ${x.suggestion}` : ''}`;
    return `    <testcase name="${xmlAttribute(`${x.rule} (line ${x.line})`)}" classname="${name}">\n      <failure message="${xmlAttribute(x.message)}" type="${xmlAttribute(x.rule)}">${xmlText(text)}</failure>\n    </testcase>\n`;
  });
  return `  <testsuite name="${name}" tests="${cases.length}" failures="${cases.length}" errors="0">\n${cases.join('')}  </testsuite>\n`;
}

export function junitWriter(): ReportWriter {
  return {
    start: () => '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="plinth">\n',
    file: suiteXml,
    end: () => '</testsuites>\n',
  };
}

export function formatJunit(report: LintReport): string {
  return writeAll(junitWriter(), report);
}
