import { describe, expect, it } from 'vitest';
import { readNumber, readQueryResult } from '../../../../src/adapters/prometheus/read-query-result.js';

describe('readQueryResult', () => {
  it('given a vector, when read, then one sample per series with its labels, value and time', () => {
    // given
    const data = {
      resultType: 'vector',
      result: [
        { metric: { __name__: 'up', job: 'api' }, value: [1_435_781_451.781, '1'] },
        { metric: {}, value: [1_435_781_451.781, '0.25'] },
      ],
    };

    // when
    const samples = readQueryResult(data);

    // then
    expect(samples).toEqual([
      { labels: { __name__: 'up', job: 'api' }, value: 1, at: new Date(1_435_781_451_781) },
      { labels: {}, value: 0.25, at: new Date(1_435_781_451_781) },
    ]);
  });

  it('given a scalar, when read, then one sample without labels', () => {
    // given / when / then
    expect(readQueryResult({ resultType: 'scalar', result: [1_700_000_000, '42'] })).toEqual([{ labels: {}, value: 42, at: new Date(1_700_000_000_000) }]);
  });

  it("given a matrix or a string, when read, then PortError('invalid') naming what came back", () => {
    // given / when / then
    expect(() => readQueryResult({ resultType: 'matrix', result: [] })).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringContaining('a range vector') }));
    expect(() => readQueryResult({ resultType: 'string', result: [1, 'x'] })).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringContaining('returned a string') }));
  });

  it('given a series without a metric field, when read, then its labels are empty', () => {
    // given / when / then
    expect(readQueryResult({ resultType: 'vector', result: [{ value: [1, '3'] }] })).toEqual([{ labels: {}, value: 3, at: new Date(1000) }]);
  });

  it("given shapes that are not the API's, when read, then PortError('remote') saying what was wrong", () => {
    // given
    const cases: Array<[unknown, string]> = [
      [undefined, 'a result of type undefined'],
      [{ resultType: 'streams', result: [] }, 'a result of type "streams"'],
      [{ resultType: 'vector', result: {} }, 'a result of type "vector"'],
      [{ resultType: 'vector', result: [{ metric: [], value: [1, '1'] }] }, 'a series without a label set'],
      [{ resultType: 'vector', result: [{ metric: null, value: [1, '1'] }] }, 'a series without a label set'],
      [{ resultType: 'vector', result: [{ metric: 'up', value: [1, '1'] }] }, 'a series without a label set'],
      [{ resultType: 'vector', result: [{ metric: {}, value: ['1', '1'] }] }, 'a value that is not [<time>, "<number>"]'],
      [{ resultType: 'vector', result: [{ metric: {}, value: [1, 1] }] }, 'a value that is not [<time>, "<number>"]'],
      [{ resultType: 'vector', result: [{ metric: {}, value: [1, '1', 2] }] }, 'a value that is not [<time>, "<number>"]'],
      [{ resultType: 'vector', result: [{ metric: {}, value: '1' }] }, 'a value that is not [<time>, "<number>"]'],
      [{ resultType: 'scalar', result: [1, 'one'] }, 'the value "one"'],
    ];

    // when / then
    for (const [data, what] of cases) {
      expect(() => readQueryResult(data), what).toThrow(
        expect.objectContaining({ code: 'remote', message: `Prometheus answered the query with ${what}: not the HTTP API's format` }),
      );
    }
  });
});

describe('readNumber', () => {
  it("given Go's spellings of special floats, when read, then NaN and the infinities", () => {
    // given / when / then
    expect(readNumber('NaN')).toBeNaN();
    expect(readNumber('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(readNumber('-Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(readNumber('1e-05')).toBe(0.00001);
    expect(readNumber('-0.5')).toBe(-0.5);
  });

  it('given an empty or blank value (which Number() would read as 0) or "Inf" without its sign, when read, then it is refused', () => {
    // given / when / then
    for (const text of ['', ' ', 'Inf']) {
      expect(() => readNumber(text), JSON.stringify(text)).toThrow(expect.objectContaining({ code: 'remote', message: expect.stringContaining(`the value ${JSON.stringify(text)}`) }));
    }
  });
});
