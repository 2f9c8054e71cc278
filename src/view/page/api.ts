// The page's calls to the viewer's JSON API (same origin).
import type { DetailResponse, MetaResponse, QueryResponse, RowsResponse, SideBySideResponse } from "../protocol";

async function get<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store" });
  } catch {
    throw new Error("the viewer is not answering (it stops after being idle or when its command ends): run `npm run lab -- view …` again");
  }
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new Error((body as { error?: string }).error ?? `HTTP ${res.status}`);
  return body as T;
}

export const api = {
  meta: () => get<MetaResponse>("/api/meta"),
  query: (filter: string) => get<QueryResponse>(`/api/query?${filter}`),
  rows: (filter: string, offset: number, limit: number) => get<RowsResponse>(`/api/rows?${filter}${filter ? "&" : ""}offset=${offset}&limit=${limit}`),
  record: (id: number) => get<DetailResponse>(`/api/record?id=${id}`),
  side: (id: number) => get<SideBySideResponse>(`/api/side?id=${id}`),
  exportUrl: (filter: string, format: "csv" | "jsonl") => `/api/export?${filter}${filter ? "&" : ""}format=${format}`,
};
