// Small SVG charts (no library): mastery over time (lines), mastery now (bars), activity per day (columns).
// Each chart is an <svg role="img"> with a text description for screen readers.
const NS = "http://www.w3.org/2000/svg";
const COLORS = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#4d7c0f"];

function s(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(width: number, height: number, label: string, cls: string): SVGSVGElement {
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: `chart ${cls}`,
    preserveAspectRatio: "xMidYMid meet" }) as SVGSVGElement;
  svg.append(s("title", {}, label));
  return svg;
}

export interface Series { name: string; points: { t: number; v: number }[] }

export function colorOf(i: number): string {
  return COLORS[i % COLORS.length];
}

/** Mastery (0-1) over time, one line per topic, with the 85 % "mastered" line. */
export function lineChart(series: Series[], label: string, W = 640): SVGSVGElement {
  const H = Math.round(Math.min(260, Math.max(180, W * 0.45))), L = 44, R = 12, T = 12, B = 30;
  const svg = frame(W, H, label, "line-chart");
  const all = [...new Set(series.flatMap((x) => x.points.map((p) => p.t)))].sort((a, b) => a - b);
  let t0 = all[0] ?? Date.now() - 86_400_000, t1 = all[all.length - 1] ?? Date.now();
  // Over a day or more: a time axis. Within one sitting: attempts evenly spaced in the order they happened.
  const byRank = t1 - t0 < 86_400_000;
  if (t1 === t0) { t0 -= 1; t1 += 1; }
  const x = byRank ?
    (t: number) => L + (all.length > 1 ? all.indexOf(t) / (all.length - 1) : 0.5) * (W - L - R) :
    (t: number) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v: number) => T + (1 - v) * (H - T - B);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid" }),
      s("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, `${v * 100}%`));
  }
  svg.append(s("line", { x1: L, x2: W - R, y1: y(0.85), y2: y(0.85), class: "target" }),
    s("text", { x: W - R, y: y(0.85) - 4, "text-anchor": "end", class: "axis" }, "mastered"));
  const sameDay = new Date(t0).toDateString() === new Date(t1).toDateString();
  const fmt = (t: number) => sameDay ? new Date(t).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }) :
    new Date(t).toLocaleDateString(undefined, { month: "short", day: "numeric" });
  svg.append(s("text", { x: L, y: H - 8, class: "axis" }, fmt(t0)),
    s("text", { x: W - R, y: H - 8, "text-anchor": "end", class: "axis" }, fmt(t1)));
  series.forEach((line, i) => {
    const pts = line.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`);
    if (pts.length === 1) pts.unshift(`${L},${y(0.2).toFixed(1)}`);   // from the starting estimate (20 %)
    svg.append(s("polyline", { points: pts.join(" "), fill: "none", stroke: colorOf(i), "stroke-width": 2.5,
      class: "series", "data-topic": line.name }));
    for (const p of line.points) {
      const dot = s("circle", { cx: x(p.t), cy: y(p.v), r: 3.5, fill: colorOf(i) });
      dot.append(s("title", {}, `${line.name}: ${Math.round(p.v * 100)}% on ${new Date(p.t).toLocaleString()}`));
      svg.append(dot);
    }
  });
  return svg;
}

/** Horizontal bars: one per item, value 0-1. */
export function barChart(items: { label: string; value: number; note?: string }[], label: string, W = 640): SVGSVGElement {
  const row = 28, L = Math.min(150, W * 0.35), R = 48;
  const H = Math.max(1, items.length) * row + 8;
  const svg = frame(W, H, label, "bar-chart");
  items.forEach((item, i) => {
    const y = 4 + i * row;
    const w = Math.max(2, item.value * (W - L - R));
    svg.append(s("text", { x: L - 8, y: y + 17, "text-anchor": "end", class: "label" }, item.label),
      s("rect", { x: L, y: y + 4, width: W - L - R, height: 18, rx: 4, class: "track" }),
      s("rect", { x: L, y: y + 4, width: w, height: 18, rx: 4, fill: colorOf(i), class: "bar" }),
      s("text", { x: L + w + 6, y: y + 17, class: "value" }, `${Math.round(item.value * 100)}%${item.note ?? ""}`));
  });
  return svg;
}

/** Columns per day: questions and submissions stacked. */
export function activityChart(active: { day: string; questions: number; submissions: number }[], label: string,
  W = 640, span = 14): SVGSVGElement {
  const H = 160, L = 30, B = 24, T = 8;
  // every day of the last `span` days (UTC), quiet ones included, so the columns read as a timeline
  const byDay = new Map(active.map((d) => [d.day, d]));
  const days = Array.from({ length: span }, (_, i) => {
    const day = new Date(Date.now() - (span - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return byDay.get(day) ?? { day, questions: 0, submissions: 0 };
  });
  const svg = frame(W, H, label, "activity-chart");
  const max = Math.max(1, ...days.map((d) => d.questions + d.submissions));
  const n = Math.max(days.length, 7);
  const bw = (W - L) / n;
  const y = (v: number) => T + (1 - v / max) * (H - T - B);
  svg.append(s("text", { x: L - 4, y: y(max) + 10, "text-anchor": "end", class: "axis" }, String(max)),
    s("line", { x1: L, x2: W, y1: H - B, y2: H - B, class: "grid" }));
  days.forEach((d, i) => {
    const x = L + i * bw + 2;
    const q = s("rect", { x, y: y(d.questions), width: bw - 4, height: H - B - y(d.questions), class: "questions" });
    q.append(s("title", {}, `${d.day}: ${d.questions} questions, ${d.submissions} submissions`));
    const sub = s("rect", { x, y: y(d.questions + d.submissions), width: bw - 4,
      height: y(d.questions) - y(d.questions + d.submissions), class: "submissions" });
    svg.append(q, sub);
    const step = Math.ceil(n / Math.max(2, Math.floor(W / 60)));
    if ((n - 1 - i) % step === 0) {   // counted back from today, so today always has its label
      svg.append(s("text", { x: x + (bw - 4) / 2, y: H - 8, "text-anchor": "middle", class: "axis" }, d.day.slice(5)));
    }
  });
  return svg;
}
