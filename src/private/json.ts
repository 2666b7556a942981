/**
 * JSON parsing whose errors say where (line and column) and what kind of
 * mistake, and never quote the text: Node's own messages quote the text around
 * the failure ("Unexpected token 'x', "…" is not valid JSON"), and a template
 * or a roster document may hold a password there (evidence: library; the
 * project's rule that no password reaches an error).
 */

/** A JSON syntax error: where it is and what is wrong, without the text. */
export class JsonSyntaxError extends Error {
  constructor(public readonly line: number, public readonly column: number, public readonly problem: string) {
    super(`line ${line}, column ${column}: ${problem}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Parses JSON; on a syntax error throws a {@link JsonSyntaxError} that holds no part of the text. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { offset, problem } = firstError(text);
    let line = 1;
    let start = 0;
    for (let i = 0; i < offset; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        start = i + 1;
      }
    }
    throw new JsonSyntaxError(line, offset - start + 1, problem);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * Where the first syntax error of `text` is (RFC 8259), found by a scan that
 * mirrors the grammar. Called only on text JSON.parse refused; iterative, so
 * deep nesting cannot overflow the stack, and every loop advances.
 */
function firstError(text: string): { offset: number; problem: string } {
  let i = 0;
  const fail = (problem: string): { offset: number; problem: string } => ({ offset: i, problem });
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  // What the scanner expects next, innermost last: a value, or what follows one in an array or object.
  const stack: Array<'array' | 'object'> = [];
  let expect: 'value' | 'after' | 'key' | 'colon' = 'value';
  for (;;) {
    skip();
    if (i >= text.length) {
      return expect === 'after' && stack.length === 0 ? fail('text after the end of the JSON value') : fail('the text ends before the JSON value does');
    }
    const c = text[i];
    if (expect === 'value') {
      if (c === '{') {
        stack.push('object');
        i++;
        skip();
        if (text[i] === '}') {
          stack.pop();
          i++;
          expect = 'after';
        } else {
          expect = 'key';
        }
        continue;
      }
      if (c === '[') {
        stack.push('array');
        i++;
        skip();
        if (text[i] === ']') {
          stack.pop();
          i++;
          expect = 'after';
        } else {
          expect = 'value';
        }
        continue;
      }
      const scalar = c === '"' ? scanString() : scanLiteral();
      if (scalar !== undefined) return scalar;
      expect = 'after';
      continue;
    }
    if (expect === 'key') {
      if (c !== '"') return fail('expected a property name in double quotes');
      const bad = scanString();
      if (bad !== undefined) return bad;
      expect = 'colon';
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return fail("expected ':' after the property name");
      i++;
      expect = 'value';
      continue;
    }
    // After a value.
    const inside = stack[stack.length - 1];
    if (inside === undefined) return fail('text after the end of the JSON value');
    if (c === ',') {
      i++;
      expect = inside === 'object' ? 'key' : 'value';
      continue;
    }
    if ((inside === 'object' && c === '}') || (inside === 'array' && c === ']')) {
      stack.pop();
      i++;
      if (stack.length === 0) {
        skip();
        return i < text.length ? fail('text after the end of the JSON value') : fail('invalid JSON');
      }
      continue;
    }
    return fail(inside === 'object' ? "expected ',' or '}'" : "expected ',' or ']'");
  }

  function scanString(): { offset: number; problem: string } | undefined {
    const open = i;
    i++;
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return undefined;
      }
      if (ch < 0x20) return fail('a control character (such as a line break) inside a string');
      if (ch === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('a \\u escape without four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return fail('an unknown escape in a string');
        }
        continue;
      }
      i++;
    }
    i = open;
    return fail('a string that is never closed');
  }

  function scanLiteral(): { offset: number; problem: string } | undefined {
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (m === null) return fail('an unexpected character where a value should be');
    i += m[0].length;
    return undefined;
  }
}
