/**
 * Rewrites a JavaScript regular expression (as `new RegExp(pattern)` reads it: no flags, not unicode
 * mode, Annex B syntax) into RE2 syntax with the same meaning, so a linear-time engine can run the
 * patterns stored before the switch with the results they had. Constructs RE2 cannot run, or whose
 * meaning cannot be kept, are refused with the reason.
 *
 * Kept exactly: literals, classes and ranges of the Basic Multilingual Plane, `\d \w \b` and their
 * negations, `\s \S` (JavaScript's Unicode white space, not RE2's ASCII one), `.` (any code unit but
 * line terminators), anchors, groups, alternation, greedy and lazy quantifiers, and escapes that are
 * literal in JavaScript but special in RE2 (`\A \z \Q \p`...).
 */
export type Translation = { ok: true; pattern: string } | { ok: false; reason: string };

// JavaScript's WhiteSpace and LineTerminator code points (what `\s` matches), as RE2 class items.
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
// Everything else (what `\S` matches), for use inside a class where RE2 cannot negate a part.
const JS_NON_SPACE =
  '\\x{0}-\\x{8}\\x{E}-\\x{1F}\\x{21}-\\x{9F}\\x{A1}-\\x{167F}\\x{1681}-\\x{1FFF}\\x{200B}-\\x{2027}\\x{202A}-\\x{202E}' +
  '\\x{2030}-\\x{205E}\\x{2060}-\\x{2FFF}\\x{3001}-\\x{FEFE}\\x{FF00}-\\x{10FFFF}';
// `.` without the `s` flag: anything but \n, \r, U+2028 and U+2029.
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

const SAME_IN_BOTH = new Set(['d', 'D', 'w', 'W', 't', 'n', 'r', 'f', 'v']);
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const QUANTIFIER = /^\{\d+(?:,\d*)?\}/;
const HEX2 = /^[0-9A-Fa-f]{2}/;
const HEX4 = /^[0-9A-Fa-f]{4}/;

class Refusal extends Error {}

const hexCode = (code: number): string => `\\x{${code.toString(16).toUpperCase()}}`;

/** One literal code unit, written so that RE2 reads it as that character and nothing else. */
function literal(code: number): string {
  if (code >= 0xd800 && code <= 0xdfff) throw new Refusal('characters outside the Basic Multilingual Plane (surrogates) are not supported');
  const c = String.fromCharCode(code);
  if (/[A-Za-z0-9]/.test(c)) return c;
  if (code >= 0x21 && code <= 0x7e) return `\\${c}`;
  return hexCode(code);
}

class Translator {
  private i = 0;
  private out = '';

  constructor(private readonly src: string) {}

  run(): string {
    while (this.i < this.src.length) this.token();
    return this.out;
  }

  private peek(offset = 0): string {
    return this.src[this.i + offset] ?? '';
  }

  private token(): void {
    const c = this.src[this.i];
    if (c === '\\') return this.escape(false);
    if (c === '[') return this.charClass();
    if (c === '(') return this.group();
    if (c === '.') return this.emit(JS_DOT, 1);
    if ('^$|)*+?'.includes(c)) return this.emit(c, 1);
    if (c === '{') {
      const quantifier = QUANTIFIER.exec(this.src.slice(this.i));
      return quantifier ? this.emit(quantifier[0], quantifier[0].length) : this.emit('\\{', 1);
    }
    this.emit(literal(this.src.charCodeAt(this.i)), 1);
  }

  private emit(text: string, consumed: number): void {
    this.out += text;
    this.i += consumed;
  }

  private group(): void {
    const rest = this.src.slice(this.i);
    if (/^\(\?(?:=|!|<=|<!)/.test(rest)) throw new Refusal('lookahead and lookbehind assertions are not supported');
    const named = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(rest);
    if (named) return this.emit(`(?P<${named[1]}>`, named[0].length);
    if (rest.startsWith('(?:')) return this.emit('(?:', 3);
    if (rest.startsWith('(?')) throw new Refusal(`unsupported group syntax ${JSON.stringify(rest.slice(0, 4))}`);
    this.emit('(', 1);
  }

  /** An escape at `this.i` (the backslash); returns what it stands for in RE2 syntax. */
  private escape(inClass: boolean): void {
    const c = this.peek(1);
    const after = this.src.slice(this.i + 2);
    if (c === '') throw new Refusal('the pattern ends with a lone backslash');
    if (SAME_IN_BOTH.has(c)) return this.emit(`\\${c}`, 2);
    if (c === 's') return this.emit(inClass ? JS_SPACE : `[${JS_SPACE}]`, 2);
    if (c === 'S') return this.emit(inClass ? JS_NON_SPACE : `[^${JS_SPACE}]`, 2);
    if (c === 'b') return this.emit(inClass ? '\\x{8}' : '\\b', 2);
    if (c === 'B') return this.emit(inClass ? 'B' : '\\B', 2);
    if (c === '0') {
      if (/^[0-9]/.test(after)) throw new Refusal('octal escapes are not supported');
      return this.emit('\\x{0}', 2);
    }
    if (/[1-9]/.test(c)) throw new Refusal('back-references are not supported');
    if (c === 'k') throw new Refusal('named back-references (\\k) are not supported');
    if (c === 'x' && HEX2.test(after)) return this.emit(literal(parseInt(after.slice(0, 2), 16)), 4);
    if (c === 'u' && HEX4.test(after)) return this.emit(literal(parseInt(after.slice(0, 4), 16)), 6);
    if (c === 'c') {
      if (/^[A-Za-z]/.test(after)) return this.emit(literal(after.charCodeAt(0) % 32), 3);
      throw new Refusal('\\c must be followed by a letter');
    }
    // Anything else is an identity escape in JavaScript: the character itself (`\z` is "z", `\-` is "-").
    this.emit(literal(this.src.charCodeAt(this.i + 1)), 2);
  }

  private charClass(): void {
    this.i++;
    let text = '[';
    if (this.peek() === '^') {
      text += '^';
      this.i++;
    }
    if (this.peek() === ']') throw new Refusal('empty classes ([] and [^]) are not supported');
    this.out += text;
    // A "-" first, last, right after a range, or next to a class escape such as \d is a literal in JavaScript.
    let previous: 'start' | 'atom' | 'class-escape' | 'range-dash' | 'range' = 'start';
    for (;;) {
      const c = this.peek();
      if (c === '') throw new Refusal('unterminated character class');
      if (c === ']') return this.emit(']', 1);
      if (c === '-') {
        const next = this.peek(1);
        const range: boolean = previous === 'atom' && next !== ']' && !(next === '\\' && CLASS_ESCAPES.has(this.peek(2)));
        this.emit(range ? '-' : '\\-', 1);
        previous = range ? 'range-dash' : 'atom';
        continue;
      }
      const closesRange: boolean = previous === 'range-dash';
      if (c === '\\') {
        const classEscape = CLASS_ESCAPES.has(this.peek(1));
        this.escape(true);
        previous = closesRange ? 'range' : classEscape ? 'class-escape' : 'atom';
        continue;
      }
      // "[" is a literal inside a JavaScript class; in RE2 "[:" would start a POSIX class.
      this.emit(c === '[' ? '\\[' : literal(this.src.charCodeAt(this.i)), 1);
      previous = closesRange ? 'range' : 'atom';
    }
  }
}

export function translateJsPattern(pattern: string): Translation {
  try {
    return { ok: true, pattern: new Translator(pattern).run() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    throw error;
  }
}
