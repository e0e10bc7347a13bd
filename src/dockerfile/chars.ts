// Character classes of Go's unicode package and the shell lexer, and Go's word splitter.

/** unicode.IsSpace from Go. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
const DIGIT = /^\p{Nd}$/u;

export function isDigitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return 1;
  if (c < 128) return 0;
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  return DIGIT.test(ch) ? ch.length : 0;
}

export function nameCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return 1;
  if (c < 128) return 0;
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  return LETTER_OR_DIGIT.test(ch) ? ch.length : 0;
}

export function isSpecialParam(c: number): boolean {
  // @ * # ? - $ ! 0
  return c === 64 || c === 42 || c === 35 || c === 63 || c === 45 || c === 36 || c === 33 || c === 48;
}

/** Go's wordsStruct: splits expanded text on whitespace except inside quotes. */
export class Words {
  word = '';
  inWord = false;
  list: string[] = [];
  addChar(ch: string, code: number): void {
    if (isSpaceCode(code)) {
      if (this.inWord && this.word.length > 0) {
        this.list.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else {
      this.word += ch;
      this.inWord = true;
    }
  }
  addRaw(s: string): void {
    this.word += s;
    this.inWord = true;
  }
  addString(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        this.addChar(s.slice(i, i + 2), c);
        i++;
      } else this.addChar(s[i]!, c);
    }
  }
  done(): string[] {
    if (this.word.length > 0) {
      this.list.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.list;
  }
}
