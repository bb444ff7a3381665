import { safeCell, spreadsheetCsv } from '@lantern/api/core';
import { planColumns } from '@lantern/api/imports';
import { unescapeCsvFormula } from '@lantern/shared/domain';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';

/**
 * The CSV exports (outcomes, the force dashboard) defuse what a spreadsheet could run as a formula, the full-width
 * forms too, as csv-stringify's escape_formulas does for errors.csv; an import reads either back as written.
 */
describe('spreadsheet CSV cells', () => {
  it.each(['=SUM(1+1)', '+447700900123', '-2+3', '@SUM(A1)', '\tx', '\uFF1D1+1', '\uFF0Bcmd', '\uFF0D2', '\uFF20SUM(A1)'])(
    '%j is defused, the same way errors.csv does it, and an import reads it back',
    (cell) => {
      expect(safeCell(cell)).toBe(`'${cell}`);
      const [written] = stringify([[cell]], { escape_formulas: true }).split('\n');
      expect(written.replace(/^"|"$/g, '')).toBe(`'${cell}`);
      expect(unescapeCsvFormula(`'${cell}`)).toBe(cell);
    },
  );

  it('leaves other text and numbers as they are', () => {
    for (const cell of ['Watford and Three Rivers', "O'Brien", 'x=1', 42, null]) expect(safeCell(cell)).toBe(cell);
    expect(spreadsheetCsv([['\uFF1D1', 'ok']])).toBe("\uFEFF'\uFF1D1,ok\r\n");
  });

  it('reads a header errors.csv escaped as it was written, and a mapping saved for either spelling applies', () => {
    expect(planColumns(["'=Victim note", 'reference'], null).unknown).toEqual(['=Victim note']);
    for (const key of ['-notes', "'-notes"])
      expect(planColumns(["'-notes", 'reference'], { [key]: 'incident.summary' }).columns.map((c) => [c.path, c.status])).toEqual([
        ['incident.summary', 'mapped'],
        ['reference', 'field'],
      ]);
  });
});
