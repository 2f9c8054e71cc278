// /v1/files: multipart upload (parsed here, as the openai client sends it), metadata and content.
import { randomBytes } from "node:crypto";
import { ApiError, notFound } from "./errors";
import type { FileRecord, Store } from "./store";

export type Part = { name: string; filename?: string; contentType?: string; data: Buffer };

/** Parses a multipart/form-data body (RFC 7578). */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const m = contentType.match(/boundary=(?:"([^"]+)"|([^;]+))/i);
  if (!m) throw new ApiError(400, "Content-Type multipart/form-data needs a boundary parameter.", "invalid_request_error", null, "invalid_multipart");
  const boundary = Buffer.from(`--${m[1] ?? m[2].trim()}`);
  const parts: Part[] = [];
  let pos = body.indexOf(boundary);
  if (pos < 0) throw new ApiError(400, "Could not parse multipart form: boundary not found in body.", "invalid_request_error", null, "invalid_multipart");
  for (;;) {
    pos += boundary.length;
    if (body.slice(pos, pos + 2).toString() === "--") break;
    if (body.slice(pos, pos + 2).toString() === "\r\n") pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new ApiError(400, "Could not parse multipart form: part headers not terminated.", "invalid_request_error", null, "invalid_multipart");
    const headers = body.slice(pos, headerEnd).toString("utf8");
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) throw new ApiError(400, "Could not parse multipart form: closing boundary missing.", "invalid_request_error", null, "invalid_multipart");
    let end = next;
    if (body[end - 2] === 13 && body[end - 1] === 10) end -= 2;
    const disp = headers.match(/content-disposition:[^\r\n]*/i)?.[0] ?? "";
    const name = disp.match(/\bname="([^"]*)"/i)?.[1] ?? "";
    const filename = disp.match(/\bfilename="([^"]*)"/i)?.[1];
    const ct = headers.match(/content-type:\s*([^\r\n]+)/i)?.[1];
    parts.push({ name, filename, contentType: ct, data: body.slice(headerEnd + 4, end) });
    pos = next;
  }
  return parts;
}

const PURPOSES = ["fine-tune", "batch", "assistants", "user_data", "evals", "vision"];

/** Checks each non-empty line is JSON; errors name the file and line. */
export function checkJsonl(data: Buffer, filename: string): number {
  const lines = data.toString("utf8").split("\n");
  let rows = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      JSON.parse(line);
    } catch (e) {
      throw new ApiError(400, `Invalid file format for ${filename}: line ${i + 1} is not valid JSON (${(e as Error).message}). Expected one JSON object per line (JSONL).`, "invalid_request_error", "file", "invalid_file_format");
    }
    rows++;
  }
  if (rows === 0) throw new ApiError(400, `Invalid file format for ${filename}: the file has no JSON lines.`, "invalid_request_error", "file", "invalid_file_format");
  return rows;
}

export function newFile(store: Store, filename: string, purpose: string, data: Buffer): FileRecord {
  const rec: FileRecord = {
    id: `file-sim${randomBytes(12).toString("hex")}`,
    object: "file",
    bytes: data.length,
    created_at: Math.floor(Date.now() / 1000),
    filename,
    purpose,
    status: "processed",
    status_details: null,
    expires_at: null,
  };
  store.putContent(rec.id, data);
  store.put("files", rec.id, rec);
  return rec;
}

export function uploadFile(store: Store, body: Buffer, contentType: string): FileRecord {
  if (!/^multipart\/form-data/i.test(contentType)) throw new ApiError(400, "POST /v1/files expects multipart/form-data with fields 'file' and 'purpose'.", "invalid_request_error", null, "invalid_content_type");
  const parts = parseMultipart(body, contentType);
  const purpose = parts.find((p) => p.name === "purpose")?.data.toString("utf8").trim();
  const file = parts.find((p) => p.name === "file");
  if (!purpose) throw new ApiError(400, "Missing required parameter: 'purpose'.", "invalid_request_error", "purpose", "missing_required_parameter");
  if (!PURPOSES.includes(purpose)) throw new ApiError(400, `Invalid value for 'purpose': '${purpose}'. Expected one of ${PURPOSES.join(", ")}.`, "invalid_request_error", "purpose", "invalid_value");
  if (!file) throw new ApiError(400, "Missing required parameter: 'file'.", "invalid_request_error", "file", "missing_required_parameter");
  const filename = file.filename || "upload.jsonl";
  if (purpose === "fine-tune" || purpose === "batch") checkJsonl(file.data, filename);
  return newFile(store, filename, purpose, file.data);
}

export function getFile(store: Store, id: string): FileRecord {
  const f = store.get<FileRecord>("files", id);
  if (!f) throw notFound("file", id, "file_id");
  return f;
}

export function fileContent(store: Store, id: string): Buffer {
  getFile(store, id);
  const c = store.content(id);
  if (!c) throw new ApiError(404, `The content of file '${id}' is no longer available.`, "invalid_request_error", "file_id", null);
  return c;
}
