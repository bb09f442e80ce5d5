import { describe, expect, it } from 'vitest';
import { parseCsvRecords, splitCsvLine } from '../src/core/csv.js';

describe('core CSV reader', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside fields, CRLF, BOM and blank lines', () => {
    const text = '\uFEFFid,name\r\n1,"a,b"\r\n\r\n2,"say ""hi"""\n3,"two\nlines"\n4,\n';
    expect(parseCsvRecords(text)).toEqual([
      { cells: ['id', 'name'], line: 1 },
      { cells: ['1', 'a,b'], line: 2 },
      { cells: ['2', 'say "hi"'], line: 4 },
      { cells: ['3', 'two\nlines'], line: 5 },
      { cells: ['4', ''], line: 7 },
    ]);
  });
  it('splits one line with another delimiter, trimmed', () => {
    expect(splitCsvLine(' a \t"b\tc"\t', '\t')).toEqual(['a', 'b\tc', '']);
    expect(splitCsvLine('')).toEqual(['']);
  });
  it('keeps a last record without a newline', () => {
    expect(parseCsvRecords('x,y\n1,2')).toEqual([{ cells: ['x', 'y'], line: 1 }, { cells: ['1', '2'], line: 2 }]);
  });
});

describe('core CSV reader, edges', () => {
  it('a quote inside a field is a plain character; an unclosed quoted field is reported with its line', () => {
    expect(parseCsvRecords('a,b\n1,5" screen\n')[1].cells).toEqual(['1', '5" screen']);
    let at = 0;
    parseCsvRecords('a,b\n1,"open\n2,3\n', ',', { onUnclosedQuote: (l) => { at = l; } });
    expect(at).toBe(2);
    expect(parseCsvRecords('a\n   \nb\n').map((r) => r.cells[0])).toEqual(['a', 'b']);
  });
});
