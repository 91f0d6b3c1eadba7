import { describe, expect, it } from 'vitest';
import { evalCel } from '../../test/celEval.js';
import { compileCel, formatProblem } from './program.js';
import { defaultCelLimits } from './limits.js';
import { lazyVariables } from './variables.js';
import { celToJson, jsonToCel } from './values.js';

const compileError = (expression: string): string | undefined => {
  const compiled = compileCel(expression);
  return compiled.ok ? undefined : formatProblem(compiled.error);
};

describe('compiling', () => {
  it('reports a syntax error with its line and column', () => {
    expect(compileError('object.spec.\n  containers.all(c, c.name ==)')).toBe('2:13: syntax error: found . but expecting end of input');
  });
  it('says optional syntax is unsupported by the engine, at its position', () => {
    expect(compileError('object.spec.?replicas.orValue(1) > 0')).toBe(
      "1:12: optional syntax ('.?', '[?', '?key:') is unsupported by kubeward's CEL engine (@bufbuild/cel); use has() and a conditional instead",
    );
    expect(compileError("object.metadata.labels[?'app'].hasValue()")).toMatch(/^1:23: optional syntax .* unsupported by kubeward's CEL engine/);
  });
  it('does not mistake a question mark inside a string for optional syntax', () => {
    expect(compileError("object.metadata.name == '.?' && ")).toMatch(/^1:\d+: syntax error/);
  });
  it('says two-variable comprehensions are unsupported, at the call', () => {
    expect(compileError('object.metadata.labels.all(k, v, v != "")')).toBe(
      "1:23: two-variable comprehensions ('all(k, v, …)') are unsupported by kubeward's CEL engine (@bufbuild/cel)",
    );
  });
  it('rejects an unknown function at compile time', () => {
    expect(compileError('object.spec.containers.size() > 0 && frobnicate(object)')).toBe(
      "1:38: undeclared reference to 'frobnicate' (no such function in kubeward's CEL library)",
    );
  });
  it('enforces the structural limits before planning', () => {
    expect(compileError('1 + '.repeat(3000) + '1')).toBe(`expression is 12001 characters long; the limit is ${defaultCelLimits.maxLength}`);
    const small = compileCel(Array.from({ length: 60 }, (_, i) => `object.a${i}`).join(' || '), { ...defaultCelLimits, maxAstNodes: 100 });
    expect(small.ok ? 'ok' : small.error.message).toBe('expression has 179 AST nodes; the limit is 100');
    expect(compileError('('.repeat(60) + '1' + ')'.repeat(60) + ' + ' + '[['.repeat(30) + ']]'.repeat(30))).toMatch(/^expression nests \d+ levels deep; the limit is 48$/);
  });
});

describe('evaluating', () => {
  it('gives JSON integers the CEL int type, as Kubernetes does', () => {
    expect(evalCel('object.spec.replicas + 1', { object: { spec: { replicas: 3 } } })).toBe(4);
    expect(evalCel('object.spec.ratio * 2.0', { object: { spec: { ratio: 0.5 } } })).toBe(1);
    expect(evalCel('type(object.spec.replicas) == int', { object: { spec: { replicas: 3 } } })).toBe(true);
  });
  it('reads maps, lists and has() on JSON objects', () => {
    const object = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: { privileged: true } }] } };
    expect(evalCel("object.spec.containers.exists(c, has(c.securityContext) && c.securityContext.privileged)", { object })).toBe(true);
    expect(evalCel("'app' in object.metadata.labels && !has(object.metadata.annotations)", { object })).toBe(true);
    expect(evalCel('object.spec.containers.map(c, c.name)', { object })).toEqual(['a', 'b']);
  });
  it('reports a runtime error with the position of the failing sub-expression', () => {
    const compiled = compileCel('object.spec.replicas > 1 && object.spec.missing.x');
    if (!compiled.ok) throw new Error('compiles');
    const result = compiled.program.evaluate({ object: jsonToCel({ spec: { replicas: 3 } }) });
    expect(result.ok ? 'ok' : formatProblem(result.error)).toBe('1:40: field not found: missing');
  });
  it('evaluates variables lazily, in declaration order, each seeing the earlier ones', () => {
    const compile = (source: string) => {
      const compiled = compileCel(source);
      if (!compiled.ok) throw new Error(formatProblem(compiled.error));
      return compiled.program;
    };
    const variables = [
      { name: 'containers', program: compile('object.spec.containers') },
      { name: 'names', program: compile('variables.containers.map(c, c.name)') },
      { name: 'broken', program: compile('object.nope.deeper') },
    ];
    const bindings = { object: jsonToCel({ spec: { containers: [{ name: 'a' }] } }) };
    const check = compile("variables.names == ['a']");
    const result = check.evaluate({ ...bindings, variables: lazyVariables(variables, bindings) });
    expect(result.ok && celToJson(result.value)).toBe(true);
    const failing = compile('variables.broken == 1').evaluate({ ...bindings, variables: lazyVariables(variables, bindings) });
    expect(failing.ok ? 'ok' : failing.error.message).toBe('variables.broken: field not found: nope');
  });
});

describe('safety', () => {
  it('stops a hostile nested comprehension at the cost budget', () => {
    const started = Date.now();
    const result = evalCel('object.l.all(a, object.l.all(b, object.l.all(c, a + b + c >= 0)))', { object: { l: Array.from({ length: 200 }, (_, i) => i) } });
    expect(result).toEqual({ error: expect.stringMatching(/^operation cancelled: (actual cost|evaluation time) limit exceeded$/) as unknown });
    expect(Date.now() - started).toBeLessThan(5000);
  });
  it('stops list building that grows exponentially', () => {
    const result = evalCel('[1,2,3,4,5,6,7,8,9,10].map(a, [1,2,3,4,5,6,7,8,9,10].map(b, [1,2,3,4,5,6,7,8,9,10].map(c, [1,2,3,4,5,6,7,8,9,10].map(d, [1,2,3,4,5,6,7,8,9,10].map(e, [1,2,3,4,5,6,7,8,9,10].map(f, a))))))');
    expect(result).toEqual({ error: expect.stringMatching(/^operation cancelled: (actual cost|evaluation time) limit exceeded$/) as unknown });
  });
  it('does not let an error-absorbing || keep an exhausted loop running', () => {
    const result = evalCel('object.l.exists(a, object.l.map(b, object.l.map(c, c)).size() < 0 || true)', { object: { l: Array.from({ length: 2000 }, (_, i) => i) } });
    expect(result).toEqual({ error: expect.stringMatching(/^operation cancelled: (actual cost|evaluation time) limit exceeded$/) as unknown });
  });
  it('charges library work on a huge input to the budget', () => {
    const result = evalCel("object.l.all(x, object.l.indexOf(x) >= 0)", { object: { l: Array.from({ length: 5000 }, (_, i) => i) } });
    expect(result).toEqual({ error: expect.stringMatching(/^operation cancelled: (actual cost|evaluation time) limit exceeded$/) as unknown });
  });
  it('evaluates an ordinary rule on an ordinary pod well inside the budget', () => {
    const pod = { spec: { containers: Array.from({ length: 20 }, (_, i) => ({ name: `c${i}`, securityContext: { runAsNonRoot: true } })) } };
    expect(evalCel('object.spec.containers.all(c, c.securityContext.runAsNonRoot)', { object: pod })).toBe(true);
  });
});
