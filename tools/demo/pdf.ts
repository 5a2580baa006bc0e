import { PDFDocument, StandardFonts, rgb } from "pdf-lib";

/**
 * A real, readable PDF of a government document: letterhead, title, number and paragraphs.
 * Standard fonts only (WinAnsi), which covers Indonesian text.
 */
export async function makePdf(args: {
  regency: string;
  unit: string;
  title: string;
  number?: string;
  paragraphs: string[];
  date: string;
}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(args.title);
  doc.setAuthor(args.unit);
  doc.setLanguage("id-ID");
  doc.setCreationDate(new Date(`${args.date}T08:00:00+08:00`));
  doc.setModificationDate(new Date(`${args.date}T08:00:00+08:00`));
  const regular = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  let page = doc.addPage([595, 842]);
  let y = 790;
  const center = (text: string, size: number, font = bold) => {
    page.drawText(text, { x: (595 - font.widthOfTextAtSize(text, size)) / 2, y, size, font });
    y -= size + 6;
  };
  center(args.regency.toUpperCase(), 14);
  center(args.unit.toUpperCase(), 13);
  page.drawLine({ start: { x: 60, y: y + 2 }, end: { x: 535, y: y + 2 }, thickness: 1.5, color: rgb(0, 0, 0) });
  y -= 24;
  center(args.title, 13);
  if (args.number) center(`Nomor: ${args.number}`, 11, regular);
  y -= 12;
  for (const paragraph of args.paragraphs) {
    for (const line of wrap(paragraph, (t) => regular.widthOfTextAtSize(t, 11), 470)) {
      if (y < 70) {
        page = doc.addPage([595, 842]);
        y = 790;
      }
      page.drawText(line, { x: 62, y, size: 11, font: regular });
      y -= 16;
    }
    y -= 8;
  }
  return doc.save({ useObjectStreams: true });
}

function wrap(text: string, width: (t: string) => number, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (width(next) > max && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
