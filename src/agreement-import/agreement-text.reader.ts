import path from 'node:path';
import { AgreementTextError } from './extract-agreement-profile';

/**
 * Turns an uploaded file into plain text: .txt/.md as UTF-8, .docx through mammoth (raw
 * text, paragraphs separated by blank lines), .pdf through unpdf (pdf.js, no native parts).
 * Tables in .docx/.pdf come out one cell per line, so the tab-separated contact tables of a
 * pasted annex are only recognised from plain text (see docs/AGREEMENT-IMPORT.md).
 */
export type AgreementFormat = 'text' | 'docx' | 'pdf';

export function formatOf(fileName: string, mimeType?: string): AgreementFormat | null {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.docx' || mimeType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (ext === '.pdf' || mimeType === 'application/pdf') return 'pdf';
  if (['.txt', '.text', '.md', ''].includes(ext) || mimeType?.startsWith('text/')) return 'text';
  return null;
}

export async function readAgreementText(file: { buffer: Buffer; fileName: string; mimeType?: string }): Promise<string> {
  const format = formatOf(file.fileName, file.mimeType);
  if (!format) throw new AgreementTextError(`Cannot read "${path.extname(file.fileName)}" files: upload .txt, .docx or .pdf.`);
  if (file.buffer.length === 0) throw new AgreementTextError('The file is empty.');
  if (format === 'text') return file.buffer.toString('utf8');
  if (format === 'docx') {
    const mammoth = await import('mammoth');
    try {
      const result = await mammoth.extractRawText({ buffer: file.buffer });
      return result.value;
    } catch {
      throw new AgreementTextError('The .docx file could not be read (is it a Word document?).');
    }
  }
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(new Uint8Array(file.buffer), { verbosity: 0 });
    const { text } = await extractText(pdf, { mergePages: true });
    return reflowPdfText(text);
  } catch {
    throw new AgreementTextError('The .pdf file could not be read (is it a PDF with text, not a scan?).');
  }
}

/**
 * A PDF breaks a paragraph into lines at the page width; the clause rules read sentences,
 * so a line that does not end a sentence is joined with a next line that starts in lower case.
 */
export function reflowPdfText(text: string): string {
  return text.replace(/([^.:;!?\n])\n(?=[a-zà-ÿ(])/g, '$1 ');
}
