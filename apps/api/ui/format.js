/** Display helpers: counts, money in minor units, dates, and the classification names. */
export const STATUSES = ['PROSPECT', 'QUALIFIED', 'NEW', 'ACTIVE', 'AT_RISK', 'INACTIVE', 'CHURNED'];
export const LOYALTY_LEVELS = ['NONE', 'ONE_TIME', 'REPEAT', 'LOYAL', 'ADVOCATE'];
export const VALUE_TIERS = ['VIP', 'KEY', 'STANDARD', 'SMALL', 'NONE'];

const integer = new Intl.NumberFormat('en-US');
export const count = (n) => integer.format(n ?? 0);

/** Minor units of a currency as money, e.g. 123456 USD → "$1,234.56". */
export function money(minor, currency = 'USD') {
  if (minor === null || minor === undefined) return '—';
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(minor / 10 ** digits);
}

export const label = (value) => (value === null || value === undefined ? '—' : String(value).replaceAll('_', ' ').toLowerCase());
export const date = (iso) => (iso ? iso.slice(0, 10) : '—');
export const instant = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC') : '—');

export const addDays = (isoDate, n) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Creates an element: h('p', { class: 'x' }, 'text', child). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}
