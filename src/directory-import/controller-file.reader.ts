import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One data row of an import file: the spreadsheet's row number, and the cells by lower-cased header. */
export interface FileRow {
  row: number;
  cells: Record<string, string>;
}

export class ImportFileError extends Error {}

export type ImportFormat = 'csv' | 'xlsx';

/** By name, else by content: an XLSX file is a ZIP archive ("PK"). */
export function formatOf(fileName: string, buffer: Buffer): ImportFormat {
  if (/\.xlsx$/i.test(fileName) || buffer.subarray(0, 2).toString('latin1') === 'PK') return 'xlsx';
  return 'csv';
}

const headerKey = (value: string) => value.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Dutch spreadsheets write `;`, others `,`: the header line decides. */
function delimiterOf(buffer: Buffer): string {
  const firstLine = buffer.subarray(0, 4096).toString('utf8').split(/\r?\n/)[0];
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

async function* csvRows(buffer: Buffer): AsyncGenerator<FileRow> {
  const parser = Readable.from([buffer]).pipe(
    parse({ bom: true, delimiter: delimiterOf(buffer), relax_column_count: true, skip_empty_lines: true, info: true, trim: true }),
  );
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map(headerKey);
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((key, i) => (cells[key] = (record[i] ?? '').trim()));
      yield { row: info.lines, cells };
    }
  } catch (error) {
    throw new ImportFileError(`The CSV file cannot be read: ${(error as Error).message}`);
  }
  if (!header) throw new ImportFileError('The file is empty: the first row must name the columns.');
}

/** What a cell shows: hyperlinks (e-mail addresses), rich text and formulas as their text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; richText?: { text: string }[]; result?: unknown; hyperlink?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    return '';
  }
  return String(value).trim();
}

async function* xlsxRows(buffer: Buffer): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { sharedStrings: 'cache', hyperlinks: 'cache', styles: 'ignore', worksheets: 'emit' });
  let header: string[] | null = null;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (values.every((v) => v === '')) continue;
        if (!header) {
          header = values.map(headerKey);
          continue;
        }
        const cells: Record<string, string> = {};
        header.forEach((key, i) => (cells[key] = values[i] ?? ''));
        yield { row: row.number, cells };
      }
      break; // the first sheet holds the list
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`The XLSX file cannot be read: ${(error as Error).message}`);
  }
  if (!header) throw new ImportFileError('The file is empty: the first row must name the columns.');
}

export function readControllerFile(buffer: Buffer, format: ImportFormat): AsyncGenerator<FileRow> {
  return format === 'xlsx' ? xlsxRows(buffer) : csvRows(buffer);
}
