type GroupFrame = { repeats: boolean; alternates: boolean };

/**
 * Reads a quantifier at `index`. Returns its length and whether it repeats
 * (`*`, `+`, `{n,}`, `{n,m}` do; `?` and `{n}` do not), or undefined when none.
 */
function readQuantifier(source: string, index: number): { length: number; repeats: boolean } | undefined {
  const char = source[index];
  let quantifier: { length: number; repeats: boolean };
  if (char === '*' || char === '+') {
    quantifier = { length: 1, repeats: true };
  } else if (char === '?') {
    quantifier = { length: 1, repeats: false };
  } else if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
    if (!match) return undefined;
    quantifier = { length: match[0].length, repeats: match[2] !== undefined && match[3] !== match[1] };
  } else {
    return undefined;
  }
  // The lazy variant (`+?`) repeats the same way.
  return source[index + quantifier.length] === '?' ? { ...quantifier, length: quantifier.length + 1 } : quantifier;
}

/**
 * Static check against catastrophic backtracking (ReDoS): a regex literal runs in the
 * host's regex engine, which no timeout can interrupt. Refused: backreferences,
 * a repeated group that itself repeats (`(a+)+`, `(a*b?)*`) or alternates
 * (`(a|aa)+`). Conservative: some harmless patterns are refused too (`(\w+\.)+`);
 * the message says how to rewrite. Returns the reason, or undefined when safe.
 */
export function findRegexHazard(source: string): string | undefined {
  const stack: GroupFrame[] = [{ repeats: false, alternates: false }];
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    const frame = stack[stack.length - 1]!;
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed in regular expressions';
      index += 2;
    } else if (char === '[') {
      index = skipClass(source, index);
    } else if (char === '(') {
      stack.push({ repeats: false, alternates: false });
      index += source[index + 1] === '?' ? groupPrefixLength(source, index) : 1;
      continue;
    } else if (char === '|') {
      frame.alternates = true;
      index += 1;
      continue;
    } else if (char === ')') {
      if (stack.length === 1) return undefined; // unbalanced: the RegExp constructor has already accepted or refused it
      stack.pop();
      const quantifier = readQuantifier(source, index + 1);
      const parent = stack[stack.length - 1]!;
      if (quantifier?.repeats && (frame.repeats || frame.alternates)) {
        return 'a repeated group may not contain repetition or alternation (catastrophic backtracking); use a character class or an anchored, simpler pattern';
      }
      parent.repeats = parent.repeats || frame.repeats || Boolean(quantifier?.repeats);
      index += 1 + (quantifier?.length ?? 0);
      continue;
    } else {
      index += 1;
    }
    const quantifier = readQuantifier(source, index);
    if (quantifier) {
      frame.repeats = frame.repeats || quantifier.repeats;
      index += quantifier.length;
    }
  }
  return undefined;
}

/** Index just past a character class `[...]` starting at `start`. */
function skipClass(source: string, start: number): number {
  let index = start + 1;
  if (source[index] === ']') index += 1;
  while (index < source.length && source[index] !== ']') index += source[index] === '\\' ? 2 : 1;
  return index + 1;
}

/** Length of `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` or `(?<name>`. */
function groupPrefixLength(source: string, start: number): number {
  if (source[start + 2] === '<' && source[start + 3] !== '=' && source[start + 3] !== '!') {
    const end = source.indexOf('>', start);
    return end === -1 ? 3 : end - start + 1;
  }
  return source[start + 2] === '<' ? 4 : 3;
}
