/**
 * JSON syntax errors say where and what, never the text around the failure
 * (src/private/json.ts): Node's own messages quote it, and a template or a
 * roster document can hold a password there.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDirs } from './util/tmp';
import { readStacks } from '../src/cli/assembly';
import { JsonSyntaxError, parseJson } from '../src/private/json';
import { parseRosterDocument } from '../src/private/roster/document';

const tmp = tempDirs('json');
const SECRET = 'Sup3r$ecretPassw0rd';

describe('parseJson', () => {
  it('parses what JSON.parse parses', () => {
    expect(parseJson('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}')).toEqual({ a: [1, 2500, true, null, 'xé'] });
  });

  it.each([
    // The columns are JSON.parse's 0-based positions plus one (here 35 and, on line 2, 15).
    [`{"Password": "${SECRET}" "b": 1}`, 1, 36, "expected ',' or '}'"],
    [`{"users": [\n  {"password": ${SECRET}}\n]}`, 2, 16, 'an unexpected character where a value should be'],
    ['{"a": 1,}', 1, 9, 'expected a property name in double quotes'],
    [`{"a": "${SECRET}`, 1, 7, 'a string that is never closed'],
    [`{"a": "${SECRET}\n"}`, 1, 27, 'a control character (such as a line break) inside a string'],
    ['[1 2]', 1, 4, "expected ',' or ']'"],
    ['{"a" 1}', 1, 6, "expected ':' after the property name"],
    ['{"a": "\\q"}', 1, 8, 'an unknown escape in a string'],
    [`{"a": 1} ${SECRET}`, 1, 10, 'text after the end of the JSON value'],
    ['', 1, 1, 'the text ends before the JSON value does'],
    ['01', 1, 2, 'text after the end of the JSON value'],
  ])('%j: line %i, column %i, %s; no part of the text', (text, line, column, problem) => {
    let error: unknown;
    try {
      parseJson(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).message).toBe(`line ${line}, column ${column}: ${problem}`);
    // Node's message would have quoted the text for some of these.
    expect((error as Error).message).not.toContain(SECRET.slice(0, 6));
  });

  it('never quotes the text, and always finds an error JSON.parse found (2,000 generated broken documents)', () => {
    fc.assert(fc.property(fc.json(), fc.nat(), fc.constantFrom('"', '}', ']', ',', ':', 'x', '\\', '\n'), (json, at, junk) => {
      const text = `${json.slice(0, at % (json.length + 1))}${junk}${json.slice(at % (json.length + 1))}`;
      let native = true;
      try {
        JSON.parse(text);
      } catch {
        native = false;
      }
      if (native) return;
      expect(() => parseJson(text)).toThrow(JsonSyntaxError);
      try {
        parseJson(text);
      } catch (e) {
        expect((e as Error).message).toMatch(/^line \d+, column \d+: [a-z'][^"]*$/);
      }
    }), { numRuns: 2000, seed: 7 });
  });
});

describe('where the library reads JSON', () => {
  it('a broken roster document: the error names line and column, not the text', () => {
    const { errors } = parseRosterDocument(`{"users": [{"username": "a", "password": ${SECRET}}]}`);
    expect(errors).toEqual(['the JSON document cannot be parsed: line 1, column 42: an unexpected character where a value should be']);
  });

  it('a broken template in a cloud assembly: the error names the file, line and column, not the text', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
    const text = `{"Resources": {"U": {"Properties": {"Password": "${SECRET}"}}}`;
    fs.writeFileSync(path.join(dir, 'S.template.json'), text);
    expect(() => readStacks(dir)).toThrow(new RegExp(`S\\.template\\.json is not valid JSON: line 1, column ${text.length + 1}: the text ends before the JSON value does$`));
  });
});
