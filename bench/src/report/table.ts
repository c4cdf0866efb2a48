import type { Figure, ScenarioResult } from './figures.js';

export const formatNumber = (value: number, unit: string): string => {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit === '%' ? `${text} %` : `${text} ${unit}`;
};

const formatBaseline = (f: Figure): string => (f.baseline ? `${f.baseline.label}: ${formatNumber(f.baseline.value, f.baseline.unit)}` : '');
const formatRatio = (f: Figure): string => (f.ratioPercent === null ? '' : formatNumber(f.ratioPercent, '%'));
const formatTarget = (f: Figure): string => {
  if (!f.target) return '';
  const t = f.target;
  return t.on === 'ratio' ? `ratio ${t.op} ${formatNumber(t.value, '%')}` : `${t.op} ${formatNumber(t.value, f.unit)}`;
};
const formatMet = (f: Figure): string => {
  if (!f.target) return '';
  if (f.target.notJudgedBecause) return `(${f.target.notJudgedBecause})`;
  return f.met ? 'met' : 'NOT MET';
};

const HEADER = ['scenario', 'metric', 'value', 'same-run baseline', 'ratio', 'target', 'met'];
const RIGHT = new Set([2, 4]);

function rowsOf(results: ScenarioResult[]): string[][] {
  const rows: string[][] = [];
  for (const result of results) {
    if (result.error) {
      rows.push([result.title, 'FAILED', '', '', '', '', result.error.split('\n')[0].slice(0, 100)]);
      continue;
    }
    result.figures.forEach((f, i) => rows.push([
      i === 0 ? result.title : '', f.note ? `${f.metric} (${f.note})` : f.metric, formatNumber(f.value, f.unit),
      formatBaseline(f), formatRatio(f), formatTarget(f), formatMet(f),
    ]));
  }
  return rows;
}

/** A plain-text table of every figure, one row each, grouped by scenario. */
export function renderTable(results: ScenarioResult[]): string {
  const rows = rowsOf(results);
  const widths = HEADER.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (RIGHT.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(HEADER), rule, ...rows.map(line)].join('\n');
}

/** The same table in Markdown, for docs/performance.md. */
export function renderMarkdown(results: ScenarioResult[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const out = [`| ${HEADER.join(' | ')} |`, '|---|---|--:|---|--:|---|---|'];
  for (const row of rowsOf(results)) out.push(`| ${row.map(escape).join(' | ')} |`);
  return out.join('\n');
}
