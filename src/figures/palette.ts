// One colour per condition, the same in every figure, so a reader learns it once.
import type { PlotlyFigure } from "./types";

export const CONDITION_COLORS: Record<string, string> = {
  vanilla: "#7a7a7a",
  conscious_claiming: "#c8364b",
  not_conscious: "#2f6fb0",
  toaster: "#e0a028",
  human_identifying: "#3f9b5a",
  roleplay_prompt: "#8a4fa8",
};

/** Colours for user-defined conditions, picked by a hash of the name so a condition keeps its
 *  colour across figures and runs. None of them is close to the fixed ones above. */
export const FALLBACK_COLORS = ["#17becf", "#8c564b", "#e377c2", "#bcbd22", "#1b3a5c", "#5c8a8a", "#a0522d", "#7b68ee"];

/** Common spellings in published tables and column names → condition ids. */
const ALIASES: [RegExp, string][] = [
  [/role[\s_-]?play|system[\s_-]?prompt/i, "roleplay_prompt"],
  [/\b(not|non)[\s_-]?conscious/i, "not_conscious"],
  [/toaster/i, "toaster"],
  [/human/i, "human_identifying"],
  [/conscious/i, "conscious_claiming"],
  [/vanilla|base(line)?$/i, "vanilla"],
];

/** A condition id for a name: exact ids as they are, otherwise recognised spellings (e.g. an
 *  authors' column "GPT-4.1 roleplay" → roleplay_prompt), otherwise the name itself. */
export function conditionOf(name: string): string {
  if (CONDITION_COLORS[name]) return name;
  for (const [re, id] of ALIASES) if (re.test(name)) return id;
  return name;
}

export function conditionColor(condition: string): string {
  const id = conditionOf(condition);
  if (CONDITION_COLORS[id]) return CONDITION_COLORS[id];
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) >>> 0;
  return FALLBACK_COLORS[h % FALLBACK_COLORS.length];
}

/** The nth model of one condition in a figure: the condition's colour mixed with white (0, 45%,
 *  25%, 60%, …), so every model stays recognisably its condition and the legend matches the bars.
 *  (Fill patterns did the same job but made PDF export several times slower.) */
export function conditionShade(condition: string, nth: number): string {
  const mix = [0, 0.45, 0.25, 0.6, 0.15, 0.35][nth % 6];
  const hex = conditionColor(condition).replace("#", "");
  const ch = (i: number) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - mix) + 255 * mix);
  return `#${[0, 2, 4].map((i) => ch(i).toString(16).padStart(2, "0")).join("")}`;
}

export const SIMULATED_NOTICE = "SIMULATED DATA — not real model results";

/** Marks a figure drawn from simulated records: in its title and with a red annotation that
 *  export and inline display both show. */
export function markSimulated(fig: PlotlyFigure, simulated: boolean): PlotlyFigure {
  if (!simulated) return fig;
  const layout = fig.layout;
  const title = (layout.title as { text?: string } | undefined)?.text ?? "";
  layout.title = { ...(layout.title as object), text: title.startsWith("[SIMULATED]") ? title : `[SIMULATED] ${title}` };
  const annotations = (layout.annotations as unknown[] | undefined) ?? [];
  layout.annotations = [
    ...annotations,
    {
      text: `<b>${SIMULATED_NOTICE}</b>`,
      xref: "paper",
      yref: "paper",
      // Just under the title, left-aligned, above legend and plot: never collides with a long title.
      x: 0,
      y: 1,
      yanchor: "bottom",
      xanchor: "left",
      yshift: Math.max(20, (((layout.margin as { t?: number } | undefined)?.t ?? 100) - 60)),
      showarrow: false,
      font: { color: "#b00020", size: 13 },
      bgcolor: "rgba(255,235,238,0.95)",
      bordercolor: "#b00020",
      borderwidth: 1,
    },
  ];
  return fig;
}

export function isSimulatedBackend(backends: Iterable<string>): boolean {
  for (const b of backends) if (b === "simulator" || b === "mixed") return true;
  return false;
}
