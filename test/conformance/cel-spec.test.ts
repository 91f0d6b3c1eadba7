// The cel-spec conformance data (@bufbuild/cel-spec 0.6.1 = cel-spec v0.25.1) for the language features
// kubeward's CEL relies on, run through kubeward's own compile and evaluate path (src/cel/program.ts:
// limits, unsupported-construct checks, the budget rewrite and the Kubernetes library are all in play).
// Every case of these sections must pass, except the cases listed below by name, each with its reason.
import { fromJson } from '@bufbuild/protobuf';
import type { JsonValue } from '@bufbuild/protobuf';
import { DurationSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { celUint, isCelError, isCelList, isCelMap, isCelType, isCelUint } from '@bufbuild/cel';
import type { CelInput, CelValue } from '@bufbuild/cel';
import { tests } from '@bufbuild/cel-spec/testdata/conformance.js';
import type { SerializedIncrementalTest, SerializedIncrementalTestSuite } from '@bufbuild/cel-spec/testdata/tests.js';
import { describe, expect, it } from 'vitest';
import { compileCel } from '../../src/cel/program.js';

const sections = ['basic', 'comparisons', 'conversions', 'lists', 'logic', 'macros', 'string', 'string_ext', 'timestamps', 'plumbing', 'fields', 'integer_math', 'fp_math', 'parse'];

/** Cases of those sections that are out of scope, by name, with the reason. */
const excluded = new Map<string, string>([
  ...['string_ext/format/scientific notation formatting clause', 'string_ext/format/default precision for scientific notation', 'string_ext/format/dyntype support for scientific notation', 'string_ext/format/scientific notation formatting clause in a string variable'].map(
    (name): [string, string] => [name, "@bufbuild/cel's format() writes exponents differently from cel-go (known upstream, cel-es conformance.test.ts)"],
  ),
  ...['timestamps/duration_conversions/type_comparison', 'timestamps/timestamp_conversions/type_comparison', 'timestamps/timestamp_selectors/getMilliseconds'].map(
    (name): [string, string] => [name, '@bufbuild/cel deviation listed in its own conformance test (cel-es conformance.test.ts)'],
  ),
  ['fields/qualified_identifier_resolution/map_value_repeat_key_heterogeneous', 'fails in cel-go and cel-java as well (cel-es conformance.test.ts)'],
  ...['field_access_slash', 'field_access_dash', 'field_access_dot', 'has_field_slash', 'has_field_dash', 'has_field_dot'].map(
    (name): [string, string] => [`fields/quoted_map_fields/${name}`, 'backquoted field names (cel-spec 0.25) are not parsed by @bufbuild/cel 0.6.1'],
  ),
  // These call undeclared functions with checking disabled and expect a runtime error that `|| true`
  // absorbs; kubeward rejects undeclared functions at compile time, as the API server's type check does.
  ['basic/functions/unbound_is_runtime_error', 'kubeward checks function names at compile time'],
  ...['as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while'].map(
    (name): [string, string] => [`parse/receiver_function_names/${name}`, 'kubeward checks function names at compile time'],
  ),
]);

interface Case {
  path: string;
  test: SerializedIncrementalTest['original'];
}

function collect(suite: SerializedIncrementalTestSuite, path: string, out: Case[]): void {
  for (const test of suite.tests ?? []) out.push({ path: `${path}/${test.original.name ?? test.original.expr}`, test: test.original });
  for (const child of suite.suites ?? []) collect(child, `${path}/${child.name}`, out);
}

type ValueJson = { [key: string]: JsonValue };

/** A cel.expr.Value in proto JSON as a CEL input. */
function toInput(value: ValueJson): CelInput {
  const [kind, raw] = Object.entries(value)[0] ?? ['nullValue', null];
  switch (kind) {
    case 'int64Value':
      return BigInt(raw as string);
    case 'uint64Value':
      return celUint(BigInt(raw as string));
    case 'doubleValue':
      return typeof raw === 'string' ? Number(raw) : (raw);
    case 'stringValue':
      return raw;
    case 'bytesValue':
      return Uint8Array.from(Buffer.from(raw as string, 'base64'));
    case 'boolValue':
      return raw;
    case 'nullValue':
      return null;
    case 'listValue':
      return (((raw as ValueJson).values as ValueJson[] | undefined) ?? []).map(toInput);
    case 'mapValue':
      return new Map(
        (((raw as ValueJson).entries as { key: ValueJson; value: ValueJson }[] | undefined) ?? []).map((e) => [toInput(e.key) as string, toInput(e.value)]),
      );
    case 'objectValue': {
      const object = raw as { '@type': string; value: JsonValue };
      if (object['@type'].endsWith('google.protobuf.Duration')) return fromJson(DurationSchema, object.value);
      if (object['@type'].endsWith('google.protobuf.Timestamp')) return fromJson(TimestampSchema, object.value);
      throw new Error(`unsupported objectValue ${object['@type']}`);
    }
    default:
      throw new Error(`unsupported value kind ${kind}`);
  }
}

/** A canonical, comparable form of a CEL value (NaN equals NaN here: the data expects NaN results). */
function canonical(value: CelValue | CelInput): unknown {
  if (typeof value === 'bigint') return `int:${value}`;
  if (typeof value === 'number') return `double:${Number.isNaN(value) ? 'NaN' : Object.is(value, -0) ? '0' : value}`;
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`;
  if (value === null || typeof value !== 'object') return value;
  if (isCelUint(value)) return `uint:${value.value}`;
  if (isCelType(value)) return `type:${value.name}`;
  if (Array.isArray(value) || isCelList(value)) return [...(value as Iterable<CelValue>)].map(canonical);
  if (value instanceof Map || isCelMap(value)) {
    return Object.fromEntries([...(value as Map<unknown, CelValue>).entries()].map(([k, v]) => [String(canonical(k as CelValue)), canonical(v)]).sort());
  }
  const message = ('message' in value ? value.message : value) as { $typeName?: string };
  return JSON.stringify(message, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

function expectedOf(test: Case['test']): unknown {
  const value = test.value as ValueJson | undefined;
  if (value && 'typeValue' in value) return `type:${value.typeValue as string}`;
  // SimpleTest: with no result matcher the expected value is `true`.
  return value ? canonical(toInput(value)) : true;
}

const cases: Case[] = [];
for (const suite of tests.suites ?? []) if (sections.includes(suite.name)) collect(suite, suite.name, cases);
/** Protobuf messages (a `container`, or a message type named in the expression) never reach kubeward's CEL. */
const usesProtobuf = (c: Case): boolean => c.test.container !== undefined || /TestAllTypes|google\.protobuf\.|conformance\.proto/.test(c.test.expr);
const protobufCases = cases.filter(usesProtobuf);
const run = cases.filter((c) => !usesProtobuf(c) && !excluded.has(c.path));

describe('cel-spec conformance (kubeward CEL engine)', () => {
  it('covers the sections it claims, with protobuf-message cases the only category left out', () => {
    expect(run.length).toBe(1252);
    expect(protobufCases.length).toBe(103);
    expect([...excluded.keys()].every((name) => cases.some((c) => c.path === name))).toBe(true);
  });

  it.each(run.map((c) => [c.path, c] as const))('%s', (_path, { test }) => {
    const compiled = compileCel(test.expr);
    // kubeward rejects an unknown function at compile time, where cel-spec expects a runtime error.
    if (!compiled.ok && test.evalError !== undefined) return;
    if (!compiled.ok) throw new Error(`does not compile: ${compiled.error.message}`);
    const bindings = Object.fromEntries(Object.entries(test.bindings ?? {}).map(([k, v]) => [k, toInput((v as { value: ValueJson }).value)]));
    const result = compiled.program.evaluate(bindings);
    if (test.evalError !== undefined) {
      expect(result.ok, `expected an error, got ${result.ok ? String(canonical(result.value)) : ''}`).toBe(false);
      return;
    }
    if (!result.ok) throw new Error(`evaluation failed: ${result.error.message}`);
    expect(isCelError(result.value)).toBe(false);
    expect(canonical(result.value)).toEqual(expectedOf(test));
  });
});
