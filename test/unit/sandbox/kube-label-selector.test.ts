import { describe, expect, it } from 'vitest';
import { parseLabelSelector, SelectorError } from '../../../src/sandbox/kube/kube-label-selector.js';

const backend = { app: 'backend', tier: 'api' };
const frontend = { app: 'frontend' };

describe('parseLabelSelector', () => {
  it('given an empty selector, when matching, then everything matches', () => {
    const matches = parseLabelSelector('');
    expect(matches(backend)).toBe(true);
    expect(matches(undefined)).toBe(true);
  });

  it('given equality requirements, when matching, then all must hold', () => {
    const matches = parseLabelSelector('app=backend,tier==api');
    expect(matches(backend)).toBe(true);
    expect(matches({ app: 'backend' })).toBe(false);
    expect(matches(frontend)).toBe(false);
  });

  it('given an inequality, when the label is missing, then the object matches as on a real server', () => {
    const matches = parseLabelSelector('tier!=api');
    expect(matches(backend)).toBe(false);
    expect(matches(frontend)).toBe(true);
  });

  it('given set requirements, when matching, then in needs the label and notin does not', () => {
    expect(parseLabelSelector('app in (backend, ml)')(backend)).toBe(true);
    expect(parseLabelSelector('app in (backend,ml)')(frontend)).toBe(false);
    expect(parseLabelSelector('tier in (api)')(frontend)).toBe(false);
    expect(parseLabelSelector('app notin (backend)')(backend)).toBe(false);
    expect(parseLabelSelector('tier notin (api)')(frontend)).toBe(true);
  });

  it('given existence requirements, when matching, then presence decides', () => {
    expect(parseLabelSelector('tier')(backend)).toBe(true);
    expect(parseLabelSelector('tier')(frontend)).toBe(false);
    expect(parseLabelSelector('!tier')(frontend)).toBe(true);
    expect(parseLabelSelector('app in (backend),!tier')(backend)).toBe(false);
  });

  it('given prefixed keys, when matching, then the whole key is compared', () => {
    const labels = { 'app.kubernetes.io/name': 'backend' };
    expect(parseLabelSelector('app.kubernetes.io/name=backend')(labels)).toBe(true);
    expect(parseLabelSelector('name=backend')(labels)).toBe(false);
  });

  it('given a key that is an Object.prototype member, when labels lack it, then it does not exist', () => {
    expect(parseLabelSelector('constructor')(frontend)).toBe(false);
    expect(parseLabelSelector('!toString')(frontend)).toBe(true);
  });

  it('given an equality with an empty value, when matching, then it selects the empty label value', () => {
    expect(parseLabelSelector('app=')({ app: '' })).toBe(true);
    expect(parseLabelSelector('app=')(backend)).toBe(false);
  });

  it.each(['app===backend', 'app in backend', ',app', 'app=a b', 'app in (a b)', '=backend', 'app in (a,(b))'])(
    'given the malformed selector %j, when parsing, then a SelectorError is thrown',
    (text) => {
      expect(() => parseLabelSelector(text)).toThrow(SelectorError);
    },
  );
});
