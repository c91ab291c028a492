import { describe, expect, it } from 'vitest';
import { findRegexHazard } from './regex-safety.js';

describe('findRegexHazard', () => {
  it.each(['a+b', '^\\d{3}-\\d{4}$', '(ab)+', '(\\d{3})+', '(?:https?|ftp)://', '[a-z]+@[a-z]+\\.com', '(a|b)?', '(\\.\\d+)?', '[(+*)]+', '\\(a+\\)+', '(?<year>\\d{4})-(?<month>\\d{2})'])(
    'accepts %s',
    (source) => {
      expect(findRegexHazard(source)).toBeUndefined();
    },
  );

  it.each(['(a+)+$', '(a*)*', '(a|aa)+', '(\\w+\\s?)*$', '((ab)*c)+', '(a{1,5}){2,}', '(?:a+)+', '(x+x+)+y', '(a|b)*c', '(.*a){10,}'])('refuses nested or alternating repetition %s', (source) => {
    expect(findRegexHazard(source)).toMatch(/catastrophic backtracking/);
  });

  it.each(['(a)\\1', '(?<x>a)\\k<x>'])('refuses backreferences %s', (source) => {
    expect(findRegexHazard(source)).toMatch(/backreferences/);
  });
});
