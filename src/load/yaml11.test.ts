import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_YAML_SCHEMA, parseYaml11Int } from './yaml11.js';

const load = (s: string): unknown => yaml.load(s, { schema: KUBERNETES_YAML_SCHEMA });

describe('YAML 1.1 scalars, as the API server decodes them', () => {
  it.each(['yes', 'Yes', 'YES', 'on', 'On', 'ON', 'y', 'Y', 'true', 'True'])('%s is true', (s) => {
    expect(load(`v: ${s}`)).toEqual({ v: true });
  });
  it.each(['no', 'No', 'off', 'OFF', 'n', 'N', 'false', 'FALSE'])('%s is false', (s) => {
    expect(load(`v: ${s}`)).toEqual({ v: false });
  });
  it('quoted "yes" stays a string', () => {
    expect(load(`v: "yes"`)).toEqual({ v: 'yes' });
  });
  it.each([
    ['0644', 420],
    ['0o644', 420],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['-12', -12],
    ['0', 0],
  ])('%s is the integer %d', (s, n) => {
    expect(load(`v: ${s}`)).toEqual({ v: n });
    expect(parseYaml11Int(s)).toBe(n);
  });
  it('floats and strings that only look numeric', () => {
    expect(load('v: 1.5')).toEqual({ v: 1.5 });
    expect(load('v: 1e3')).toEqual({ v: 1000 });
    expect(load('v: 1.2.3')).toEqual({ v: '1.2.3' });
    expect(load('v: =')).toEqual({ v: '=' });
  });
  it('null forms', () => {
    expect(load('v: ~\nw:\nx: null')).toEqual({ v: null, w: null, x: null });
  });
  it('timestamps stay strings', () => {
    expect(load('v: 2024-01-02')).toEqual({ v: '2024-01-02' });
  });
});
