import { get } from './api.js';
import { dailyChart } from './charts.js';
import { addDays, count, h, label, LOYALTY_LEVELS, money, STATUSES, VALUE_TIERS } from './format.js';

const RANKED = ['VIP', 'KEY', 'STANDARD'];
const today = () => new Date().toISOString().slice(0, 10);

/** Bars of a field's counts, in `order`, one table row each (the bar is decoration; the number is the content). */
function barTable({ id, caption, field, counts, order, total, shape, extra }) {
  const max = Math.max(1, ...order.map((v) => counts[v] ?? 0));
  const rows = order.map((value) => {
    const n = counts[value] ?? 0;
    const bar = h('span', { class: `bar bar-${shape}`, 'aria-hidden': 'true' });
    bar.style.width = `${Math.max(0.5, (100 * n) / max)}%`;
    return h('tr', { 'data-field': field, 'data-value': value },
      h('th', { scope: 'row' }, label(value)),
      h('td', { class: 'num', 'data-count': n }, count(n)),
      h('td', { class: 'num' }, total ? `${((100 * n) / total).toFixed(1)}%` : '—'),
      extra ? extra(value) : null,
      h('td', { class: `bar-cell bar-cell-${shape}` }, bar));
  });
  return h('table', { class: 'bars', id },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Customers'), h('th', { scope: 'col' }, 'Share'),
      extra ? h('th', { scope: 'col' }, 'Cutoff (net 12 months)') : null,
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Bar')))),
    h('tbody', {}, rows));
}

function card(title, value, detail, id) {
  return h('div', { class: 'card', id }, h('p', { class: 'card-title' }, title), h('p', { class: 'card-value' }, value), detail ? h('p', { class: 'card-detail' }, detail) : null);
}

function periodForm(from, to) {
  const form = h('form', { class: 'inline-form', id: 'period-form' },
    h('label', { for: 'period-from' }, 'From'), h('input', { id: 'period-from', name: 'from', type: 'date', value: from, required: true }),
    h('label', { for: 'period-to' }, 'To'), h('input', { id: 'period-to', name: 'to', type: 'date', value: to, required: true }),
    h('button', { type: 'submit' }, 'Show period'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    location.hash = `#/overview?${new URLSearchParams({ from: data.get('from'), to: data.get('to') })}`;
  });
  return form;
}

export async function renderOverview(route) {
  const [segments, health] = await Promise.all([get('/segments'), get('/health')]);
  // The transitions of DayEnded{clockDate} take effect at the next midnight, so the series ends on that day.
  const defaultTo = segments.clockDate ? addDays(segments.clockDate, 1) : today();
  const to = route.query.get('to') || defaultTo;
  const from = route.query.get('from') || addDays(to, -364);
  const [daily, cutoffs] = await Promise.all([get('/stats/segments/daily', { from, to }), get('/stats/cutoffs', { from, to })]);
  const currency = cutoffs.currency;
  const total = segments.customers;

  const cutoffCell = (tier) => {
    const cutoff = RANKED.includes(tier) ? segments.cutoffs?.[tier] : null;
    return h('td', { class: 'num', 'data-cutoff': tier, 'data-minor': cutoff?.net12 ?? '' },
      cutoff ? `≥ ${money(cutoff.net12, currency)}` : RANKED.includes(tier) ? 'empty' : '—');
  };

  const dates = daily.days.map((d) => d.date);
  const sum = (pick) => daily.days.reduce((acc, d) => acc + pick(d), 0);
  const flows = {
    atRisk: daily.days.map((d) => d.entered.status.AT_RISK ?? 0),
    churned: daily.days.map((d) => d.entered.status.CHURNED ?? 0),
    reactivations: daily.days.map((d) => d.reactivations),
  };
  const totals = { atRisk: sum((d) => d.entered.status.AT_RISK ?? 0), churned: sum((d) => d.entered.status.CHURNED ?? 0), reactivations: sum((d) => d.reactivations), newCustomers: sum((d) => d.newCustomers) };
  const cutoffDates = cutoffs.items.map((c) => c.date);

  return h('div', { class: 'overview' },
    h('h1', {}, 'Overview'),
    h('div', { class: 'cards' },
      card('Customers', count(total), null, 'card-customers'),
      card('Clock date', segments.clockDate ?? 'no day ended yet', 'the last UTC day that is over', 'card-clock'),
      card('Projector lag', `${count(Number(health.projector.lag))} events`, `checkpoint ${health.projector.checkpoint ?? '—'} of head ${health.projector.head}`, 'card-lag'),
      card('Service', health.status, `rules ${health.rulesVersion}`, 'card-status')),
    h('div', { class: 'grid' },
      h('section', { 'aria-labelledby': 'funnel-title' }, h('h2', { id: 'funnel-title' }, 'Status funnel'),
        barTable({ id: 'funnel', caption: 'Customers per status, from prospect to churned', field: 'status', counts: segments.status, order: STATUSES, total, shape: 'funnel' })),
      h('section', { 'aria-labelledby': 'ladder-title' }, h('h2', { id: 'ladder-title' }, 'Loyalty ladder'),
        barTable({ id: 'ladder', caption: 'Customers per loyalty level, highest rung first', field: 'loyaltyLevel', counts: segments.loyaltyLevel, order: [...LOYALTY_LEVELS].reverse(), total, shape: 'ladder' })),
      h('section', { 'aria-labelledby': 'pyramid-title', class: 'wide' }, h('h2', { id: 'pyramid-title' }, 'Value pyramid'),
        h('p', {}, `A ranked tier holds the customers whose net revenue of the last 12 months reaches its cutoff (ties broken by customer id); population ${count(segments.cutoffs?.populationSize ?? 0)}.`),
        barTable({ id: 'pyramid', caption: 'Customers per value tier, with the cutoffs in force', field: 'valueTier', counts: segments.valueTier, order: VALUE_TIERS, total, shape: 'pyramid', extra: cutoffCell }))),
    h('section', { 'aria-labelledby': 'period-title', class: 'period' },
      h('h2', { id: 'period-title' }, `Over time: ${from} to ${to}`),
      periodForm(from, to),
      h('table', { class: 'totals', id: 'period-totals' },
        h('caption', {}, 'Totals over the period'),
        h('thead', {}, h('tr', {}, ['New customers', 'Into at risk', 'Into churned', 'Reactivations'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, h('tr', {}, [totals.newCustomers, totals.atRisk, totals.churned, totals.reactivations].map((n) => h('td', { class: 'num' }, count(n)))))),
      dailyChart({
        id: 'sizes', title: 'Customers per status at the end of each day', dates,
        summary: `Customers per status from ${from} to ${to}; on ${to}: ${STATUSES.map((s) => `${label(s)} ${daily.days.at(-1)?.sizes.status[s] ?? 0}`).join(', ')}.`,
        series: STATUSES.map((s) => ({ label: label(s), values: daily.days.map((d) => d.sizes.status[s] ?? 0) })),
        format: count,
      }),
      dailyChart({
        id: 'flows', title: 'Transitions per day: into at risk, into churned, reactivations', dates,
        summary: `Over the period: ${totals.atRisk} into at risk, ${totals.churned} into churned, ${totals.reactivations} reactivations.`,
        series: [{ label: 'into at risk', values: flows.atRisk }, { label: 'into churned', values: flows.churned }, { label: 'reactivations', values: flows.reactivations }],
        format: count,
      }),
      cutoffDates.length ? dailyChart({
        id: 'cutoffs', title: 'Value-tier cutoffs (net revenue of the last 12 months) per day end', dates: cutoffDates,
        summary: `Cutoffs on ${cutoffDates.at(-1)}: ${RANKED.map((t) => `${t} ${money(cutoffs.items.at(-1)[t]?.net12, currency)}`).join(', ')}.`,
        series: RANKED.map((t) => ({ label: t, values: cutoffs.items.map((c) => (c[t] ? c[t].net12 : null)) })),
        format: (v) => money(v, currency),
      }) : h('p', {}, 'No day ended in this period, so no cutoffs were kept.')));
}
