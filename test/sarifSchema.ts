/** The OASIS SARIF 2.1.0 schema as a compiled validator (see test/fixtures/sarif/README.md). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FormatsPlugin } from 'ajv-formats';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS whose default export TypeScript's NodeNext typing cannot call; require() gives the plugin.
const addFormats = require('ajv-formats') as FormatsPlugin;

export const sarifSchema = JSON.parse(
  readFileSync(new URL('./fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as { title: string; $schema: string };

export const validateSarif: ValidateFunction = addFormats(new Ajv({ allErrors: true })).compile(sarifSchema);
