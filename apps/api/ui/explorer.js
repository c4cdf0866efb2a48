import { baseCurrency, get } from './api.js';
import { count, date, h, label, LOYALTY_LEVELS, money, STATUSES, VALUE_TIERS } from './format.js';

const PAGE_SIZE = 25;
const FILTERS = [
  { name: 'status', title: 'Status', values: STATUSES },
  { name: 'loyaltyLevel', title: 'Loyalty level', values: LOYALTY_LEVELS },
  { name: 'valueTier', title: 'Value tier', values: VALUE_TIERS },
];
const CSV_COLUMNS = [
  'customerId', 'status', 'loyaltyLevel', 'valueTier', 'net12', 'lifetimeNet', 'orderCount', 'orders12', 'activeMonths12',
  'firstPurchaseAt', 'lastPurchaseAt', 'recencyDays', 'tenureDays', 'latestNpsScore', 'csat12', 't',
];

/** Cursors of the pages before the current one, per filter: the table pages forward with the API's cursor. */
const previousCursors = new Map();

const filterOf = (query) => Object.fromEntries(FILTERS.map((f) => [f.name, query.get(f.name) || undefined]));
const hashOf = (filter, cursor) => `#/segments?${new URLSearchParams(Object.entries({ ...filter, cursor }).filter(([, v]) => v))}`;

const csvCell = (value) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Every customer of the segment, paging through /customers 1,000 at a time. */
async function downloadCsv(filter, status) {
  const lines = [CSV_COLUMNS.join(',')];
  let cursor = null;
  do {
    const page = await get('/customers', { ...filter, limit: 1000, cursor });
    for (const p of page.items) lines.push(CSV_COLUMNS.map((c) => csvCell(p[c])).join(','));
    status.textContent = `Fetched ${count(lines.length - 1)} customers…`;
    cursor = page.nextCursor;
  } while (cursor);
  const blob = new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' });
  const link = h('a', { href: URL.createObjectURL(blob), download: `segment-${Object.values(filter).filter(Boolean).join('-') || 'all'}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  status.textContent = `Downloaded ${count(lines.length - 1)} customers as CSV.`;
}

export async function renderExplorer(route) {
  const filter = filterOf(route.query);
  const cursor = route.query.get('cursor') || null;
  const key = JSON.stringify(filter);
  const stack = previousCursors.get(key) ?? [];
  previousCursors.set(key, stack);
  if (cursor === null) stack.length = 0;
  const [page, currency] = await Promise.all([get('/customers', { ...filter, limit: PAGE_SIZE, cursor }), baseCurrency()]);
  const pageNumber = stack.length + 1;

  const form = h('form', { class: 'inline-form', id: 'segment-form' },
    FILTERS.map((f) => [
      h('label', { for: `filter-${f.name}` }, f.title),
      h('select', { id: `filter-${f.name}`, name: f.name },
        h('option', { value: '' }, 'any'),
        f.values.map((v) => h('option', { value: v, selected: filter[f.name] === v }, label(v)))),
    ]),
    h('button', { type: 'submit' }, 'Apply filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    location.hash = hashOf(Object.fromEntries(FILTERS.map((f) => [f.name, data.get(f.name) || undefined])), null);
  });

  const described = FILTERS.filter((f) => filter[f.name]).map((f) => `${f.title.toLowerCase()} ${label(filter[f.name])}`).join(', ') || 'all customers';
  const table = h('table', { class: 'data', id: 'segment-table' },
    h('caption', {}, `Customers: ${described}; page ${pageNumber}`),
    h('thead', {}, h('tr', {}, ['Customer', 'Status', 'Loyalty level', 'Value tier', 'Net 12 months', 'Orders', 'Last purchase'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, page.items.length === 0
      ? h('tr', {}, h('td', { colspan: 7 }, 'No customer in this segment.'))
      : page.items.map((p) => h('tr', { 'data-customer': p.customerId },
        h('th', { scope: 'row' }, h('a', { href: `#/customer/${encodeURIComponent(p.customerId)}` }, p.customerId)),
        h('td', {}, label(p.status)), h('td', {}, label(p.loyaltyLevel)), h('td', {}, label(p.valueTier)),
        h('td', { class: 'num' }, money(p.net12, currency)), h('td', { class: 'num' }, count(p.orderCount)), h('td', {}, date(p.lastPurchaseAt))))));

  const pager = h('div', { class: 'pager' },
    h('button', { type: 'button', id: 'previous-page', disabled: stack.length === 0, onclick: () => {
      const previous = stack.pop();
      location.hash = hashOf(filter, previous);
    } }, 'Previous page'),
    h('span', {}, `Page ${pageNumber}`),
    h('button', { type: 'button', id: 'next-page', disabled: !page.nextCursor, onclick: () => {
      stack.push(cursor);
      location.hash = hashOf(filter, page.nextCursor);
    } }, 'Next page'));

  const csvStatus = h('p', { id: 'csv-status', role: 'status' });
  const csvButton = h('button', { type: 'button', id: 'download-csv', onclick: async () => {
    csvButton.disabled = true;
    try {
      await downloadCsv(filter, csvStatus);
    } catch (error) {
      csvStatus.textContent = `The download failed: ${error.message}`;
    } finally {
      csvButton.disabled = false;
    }
  } }, 'Download the whole segment as CSV');

  return h('div', { class: 'explorer' }, h('h1', {}, 'Segment explorer'), form, table, pager, h('div', { class: 'csv' }, csvButton, csvStatus));
}
