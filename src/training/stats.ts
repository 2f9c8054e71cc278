// Small descriptive statistics for the balance report.
export interface LengthStats {
  mean: number;
  median: number;
  min: number;
  max: number;
}

export function lengthStats(values: number[]): LengthStats {
  if (values.length === 0) return { mean: 0, median: 0, min: 0, max: 0 };
  const s = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return {
    mean: Math.round((s.reduce((a, b) => a + b, 0) / s.length) * 10) / 10,
    median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2,
    min: s[0],
    max: s[s.length - 1],
  };
}

export function sentenceCount(text: string): number {
  return text.split(/(?<=[.!?])\s+(?=[A-Z"'])/).filter((x) => x.trim()).length;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
