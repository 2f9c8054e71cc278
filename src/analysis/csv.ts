// Minimal RFC 4180 CSV reading and writing (quoted fields, doubled quotes, CRLF), used for the
// small reference tables; the analysis tables themselves are written from danfo frames.
import { InputError } from "../core/errors";

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    if (row.length > 1 || row[0] !== "") rows.push(row);
  }
  return rows;
}

/** Rows of objects keyed by the header; errors name the file and line of a short row. */
export function readCsvObjects(text: string, file: string): { header: string[]; rows: { line: number; values: Record<string, string> }[] } {
  const all = parseCsv(text.replace(/^\uFEFF/, ""));
  if (all.length === 0) throw new InputError(`${file}: empty CSV`);
  const header = all[0].map((h) => h.trim());
  return {
    header,
    rows: all.slice(1).map((cells, i) => {
      if (cells.length !== header.length) {
        throw new InputError(`${file}:${i + 2}: expected ${header.length} fields (${header.join(",")}), found ${cells.length}`);
      }
      return { line: i + 2, values: Object.fromEntries(header.map((h, j) => [h, cells[j]])) };
    }),
  };
}

export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return [columns.map(csvField).join(","), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(","))].join("\n") + "\n";
}
