import uPlot from '/ui/vendor/uplot/uPlot.esm.js';
import { h } from './format.js';

/** Colours with at least 3:1 contrast against white. */
export const PALETTE = ['#1f5fa8', '#b3261e', '#2e7d32', '#7b4397', '#a15c00', '#00695c', '#5d4037', '#37474f'];

/**
 * A line chart of daily values as a figure: a caption, the chart (an image for assistive
 * technology, described by `summary`), and a legend in the page's own markup.
 */
export function dailyChart({ id, title, summary, dates, series, format = String, width = Math.max(320, Math.min(900, window.innerWidth - 96)), height = 260 }) {
  const xs = dates.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const plot = h('div', { class: 'chart', role: 'img', 'aria-label': summary, id: `${id}-chart` });
  const legend = h('ul', { class: 'legend' }, series.map((s, i) =>
    h('li', {}, h('span', { class: 'swatch', 'aria-hidden': 'true', 'data-color': PALETTE[i % PALETTE.length] }), s.label)));
  for (const swatch of legend.querySelectorAll('.swatch')) swatch.style.background = swatch.dataset.color;
  const figure = h('figure', { class: 'figure', id, 'aria-labelledby': `${id}-title` },
    h('figcaption', { id: `${id}-title` }, title), plot, legend);
  const options = {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    axes: [{ stroke: '#222' }, { stroke: '#222', size: 90, values: (_u, ticks) => ticks.map(format) }],
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: false } }))],
  };
  // uPlot measures its container's fonts; it renders into the detached element and is appended by the caller.
  new uPlot(options, [xs, ...series.map((s) => s.values)], plot);
  return figure;
}
