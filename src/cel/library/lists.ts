// The Kubernetes list library (k8s.io/apiserver/pkg/cel/library/lists.go): isSorted, sum, min, max,
// indexOf, lastIndexOf on lists.
import { celMethod, CelScalar, listType } from '@bufbuild/cel';
import type { CelFunc, CelList, CelValue } from '@bufbuild/cel';
import { charge } from '../budget.js';
import { celCompare, celEquals } from './compare.js';

const LIST = listType(CelScalar.DYN);

function items(list: CelList): CelValue[] {
  charge(list.size);
  return [...list];
}

function extreme(list: CelList, name: 'min' | 'max'): CelValue {
  const values = items(list);
  const first = values[0];
  if (first === undefined) throw new Error(`${name} called on empty list`);
  let best = first;
  for (const value of values.slice(1)) {
    const order = celCompare(value, best, name);
    if (name === 'min' ? order < 0 : order > 0) best = value;
  }
  return best;
}

function sum(list: CelList): CelValue {
  const values = items(list);
  if (values.length === 0) return 0n;
  if (values.every((v) => typeof v === 'bigint')) {
    let total = 0n;
    for (const v of values) total += v;
    if (total > 9223372036854775807n || total < -9223372036854775808n) throw new Error('int overflow');
    return total;
  }
  if (values.every((v) => typeof v === 'number')) return (values).reduce((a, b) => a + b, 0);
  throw new Error("found no matching overload for 'sum' applied to a list of mixed or non-numeric values");
}

export const listFunctions: CelFunc[] = [
  celMethod('isSorted', LIST, [], CelScalar.BOOL, function (this: CelList) {
    const values = items(this);
    for (let i = 1; i < values.length; i++) {
      if (celCompare(values[i - 1] ?? null, values[i] ?? null, 'isSorted') > 0) return false;
    }
    return true;
  }),
  celMethod('sum', LIST, [], CelScalar.DYN, function (this: CelList) {
    return sum(this);
  }),
  celMethod('min', LIST, [], CelScalar.DYN, function (this: CelList) {
    return extreme(this, 'min');
  }),
  celMethod('max', LIST, [], CelScalar.DYN, function (this: CelList) {
    return extreme(this, 'max');
  }),
  celMethod('indexOf', LIST, [CelScalar.DYN], CelScalar.INT, function (this: CelList, element: CelValue) {
    const values = items(this);
    return BigInt(values.findIndex((v) => celEquals(v, element)));
  }),
  celMethod('lastIndexOf', LIST, [CelScalar.DYN], CelScalar.INT, function (this: CelList, element: CelValue) {
    const values = items(this);
    return BigInt(values.findLastIndex((v) => celEquals(v, element)));
  }),
];
