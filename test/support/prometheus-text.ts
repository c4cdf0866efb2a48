// @ts-expect-error: the parser ships no typings
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

interface Sample {
  value?: string;
  labels?: Record<string, string>;
  count?: string;
  sum?: string;
  buckets?: Record<string, string>;
}
export interface MetricFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: Sample[];
}

/** A Prometheus text exposition parsed with parse-prometheus-text-format, with lookups by name and labels. */
export class Scrape {
  readonly families: Map<string, MetricFamily>;

  constructor(private readonly text: string) {
    this.families = new Map((parsePrometheusTextFormat(text) as MetricFamily[]).map((f) => [f.name, f]));
  }

  family(name: string): MetricFamily {
    const family = this.families.get(name);
    if (!family) throw new Error(`no metric ${name} in the scrape`);
    return family;
  }

  private sample(name: string, labels: Record<string, string>): Sample | undefined {
    return this.family(name).metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  }

  /** A counter's or gauge's value (0 when no sample has these labels). */
  value(name: string, labels: Record<string, string> = {}): number {
    return Number(this.sample(name, labels)?.value ?? 0);
  }

  /**
   * A histogram's observation count (0 when no series has these labels), read from its
   * `_count` line: the parser loses the labels of histograms whose `le` is not the last label,
   * which is how prom-client writes them.
   */
  count(name: string, labels: Record<string, string> = {}): number {
    if (this.family(name).type !== 'HISTOGRAM') throw new Error(`${name} is not a histogram`);
    let total = 0;
    for (const line of this.text.split('\n')) {
      const match = new RegExp(`^${name}_count(?:\\{(.*)\\})? (\\S+)$`).exec(line);
      if (!match) continue;
      const series = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="((?:[^"\\\\]|\\\\.)*)"/g)].map((m) => [m[1], m[2]]));
      if (Object.entries(labels).every(([k, v]) => series[k] === v)) total += Number(match[2]);
    }
    return total;
  }
}

export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  if (!response.headers.get('content-type')?.startsWith('text/plain')) throw new Error(`${url}: content-type ${response.headers.get('content-type')}`);
  return new Scrape(await response.text());
}
