// The SARIF 2.1.0 schema from ../shared, compiled with ajv (draft-04 `id` renamed; formats checked).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

/** Repo root from dist/test/report/ (compiled) — the shared folder sits beside the repo. */
export const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));

export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(`${SHARED}schemas/sarif-schema-2.1.0.json`, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.example/') && !/[\s<>"{}|\\^`]/.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}
