import { describe, expect, it } from 'vitest';
import { compilePatterns } from './pattern.js';

describe('compilePatterns', () => {
  it('matches literals whole and case-insensitively (text arrives lower-cased)', () => {
    const set = compilePatterns(['Sales', 'Sales EU']);

    expect(set.test('sales')).toBe(true);
    expect(set.test('sales eu')).toBe(true);
    expect(set.test('sales us')).toBe(false);
    expect(set.test('presales')).toBe(false);
  });

  it('lets * stand for any text, including none, anywhere and more than once', () => {
    const set = compilePatterns(['*counsel*', 'head*of*sales']);

    expect(set.test('counsel')).toBe(true);
    expect(set.test('general counsel, emea')).toBe(true);
    expect(set.test('head of inside sales')).toBe(true);
    expect(set.test('head of support')).toBe(false);
    expect(compilePatterns(['*']).test('')).toBe(true);
  });

  it('takes every other character literally', () => {
    const set = compilePatterns(['a.c', '(x)+', 'r&d [eu]', 'c:\\temp', '^$|?{}']);

    expect(set.test('abc')).toBe(false);
    expect(set.test('a.c')).toBe(true);
    expect(set.test('xx')).toBe(false);
    expect(set.test('(x)+')).toBe(true);
    expect(set.test('r&d [eu]')).toBe(true);
    expect(set.test('c:\\temp')).toBe(true);
    expect(set.test('^$|?{}')).toBe(true);
    expect(compilePatterns(['a.*']).test('abc')).toBe(false);
    expect(compilePatterns(['a.*']).test('a.bc')).toBe(true);
  });
});
