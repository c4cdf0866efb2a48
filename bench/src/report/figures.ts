/** A target of the issue: on the figure's value, or on its ratio (percent) to its same-run baseline. */
export interface Target {
  on: 'value' | 'ratio';
  op: '>=' | '<';
  value: number;
  /** Set when the run's sizes are not the ones the target is stated for (e.g. --quick): reported, not judged. */
  notJudgedBecause?: string;
}

/** The same-run figure a value is compared with. */
export interface Baseline {
  label: string;
  value: number;
  unit: string;
}

/** One reported number, its same-run baseline and ratio (if any), its target (if the issue sets one) and whether this run met it. */
export interface Figure {
  metric: string;
  value: number;
  unit: string;
  baseline: Baseline | null;
  /** 100 × value / baseline.value. */
  ratioPercent: number | null;
  target: Target | null;
  met: boolean | null;
  note?: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  figures: Figure[];
  /** Sizes, settings and raw numbers behind the figures. */
  details: Record<string, unknown>;
  /** Set when the scenario failed; its figures are then empty. */
  error?: string;
}

export interface FigureOptions {
  baseline?: Baseline | null;
  target?: Target | null;
  note?: string;
}

/** `part / whole` as a percentage. */
export const percentOf = (part: number, whole: number): number =>
  (Number.isFinite(part) && Number.isFinite(whole) && whole > 0 ? (100 * part) / whole : Number.NaN);

export function figure(metric: string, value: number, unit: string, options: FigureOptions = {}): Figure {
  const baseline = options.baseline && Number.isFinite(options.baseline.value) ? options.baseline : null;
  const ratioPercent = baseline ? percentOf(value, baseline.value) : null;
  const target = options.target ?? null;
  let met: boolean | null = null;
  if (target && !target.notJudgedBecause) {
    const judged = target.on === 'ratio' ? ratioPercent : value;
    met = judged === null || !Number.isFinite(judged) ? false : target.op === '>=' ? judged >= target.value : judged < target.value;
  }
  return { metric, value, unit, baseline, ratioPercent, target, met, ...(options.note ? { note: options.note } : {}) };
}

/** A baseline from an earlier scenario's figure of this run, or null when that scenario did not run. */
export const baselineOf = (label: string, value: number | undefined, unit: string): Baseline | null =>
  value === undefined || !Number.isFinite(value) ? null : { label, value, unit };
