import { describe, expect, it } from 'vitest';
import { evalCel } from '../../../test/celEval.js';

// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-quantity-library and the godoc examples of
// k8s.io/apiserver/pkg/cel/library/quantity.go.
const cases: [string, unknown][] = [
  ["quantity('500000G').isInteger()", true],
  ["quantity('50k').asInteger()", 50000],
  ["quantity('9999999999999999999999999999999999999G').asApproximateFloat()", 1e46],
  ["quantity('9999999999999999999999999999999999999G').isInteger()", false],
  ["quantity('50k').sub(20000) == quantity('30k')", true],
  ["quantity('50k').add(20).sub(quantity('100k')).sub(-50000) == quantity('20')", true],
  ["quantity('200M').compareTo(quantity('0.2G'))", 0],
  ["quantity('150Mi').isGreaterThan(quantity('100Mi'))", true],
  ["quantity('50M').isLessThan(quantity('100M'))", true],
  ["quantity('50k').add(quantity('20k')) == quantity('70k')", true],
  // The documentation writes add("20k"); the library has no string overload, so the API server rejects it.
  ["quantity('50k').add('20k')", { error: expect.stringContaining("found no matching overload for 'add'") as unknown }],
  ["quantity('1.5Gi').asInteger()", 1610612736],
  ["quantity('100m').asApproximateFloat()", 0.1],
  ["quantity('100m').isInteger()", false],
  ["quantity('-1').sign()", -1],
  ["quantity('0').sign()", 0],
  ["quantity('1e3') == quantity('1k')", true],
  ["quantity('1000m') == quantity('1')", true],
  ["isQuantity('1.3G')", true],
  ["isQuantity('1.3Gi')", true],
  ["isQuantity('1,3Gi')", false],
  ["isQuantity('10000k')", true],
  ["isQuantity('200K')", false],
  ["isQuantity('Three')", false],
  ["isQuantity('Mi')", false],
  ["quantity('Three')", { error: expect.stringContaining('quantities must match the regular expression') as unknown }],
];

describe('Kubernetes quantity library', () => {
  it.each(cases)('%s is %j', (expression, expected) => {
    expect(evalCel(expression)).toEqual(expected);
  });
});
