import { ApiError, baseCurrency, get } from './api.js';
import { count, date, h, instant, label, money } from './format.js';

const MAX_PAGES = 20;

async function allPages(fetchPage) {
  const items = [];
  let next = null;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await fetchPage(next);
    items.push(...page.items);
    next = page.nextCursor ?? page.nextRevision ?? null;
    if (next === null) break;
  }
  return items;
}

function eventSummary(type, data, currency) {
  const d = data?.data ?? {};
  switch (type) {
    case 'PurchaseCompleted': return `order ${d.orderId}, ${money(d.total?.baseAmountMinor ?? d.total?.amountMinor, d.total?.baseAmountMinor !== undefined ? currency : d.total?.currency)}`;
    case 'PurchaseRefunded': return `refund of ${d.orderId ? `order ${d.orderId}` : 'no order'}, ${money(d.amount?.amountMinor, d.amount?.currency)}`;
    case 'InteractionRecorded': return [d.channel, d.direction, d.intent].filter(Boolean).map(label).join(', ');
    case 'FeedbackSubmitted': return `${d.kind}${d.score !== undefined ? ` ${d.score}` : ''}`;
    case 'ReferralRecorded': return d.referredCustomerId ? `referred ${d.referredCustomerId}` : 'referral';
    case 'CustomerRegistered': return [d.kind, d.relation, d.acquisitionChannel].filter(Boolean).map(label).join(', ');
    case 'CustomerChurnDeclared': return d.reason ? label(d.reason) : '';
    default: return '';
  }
}

/** Events and transitions in log order; an event's transitions follow it. */
function timeline(history, transitions, currency) {
  const entries = [
    ...history.map((e) => ({ position: BigInt(e.position), order: 0, at: e.occurredAt, kind: 'event', e })),
    ...transitions.map((tr) => ({ position: BigInt(tr.position), order: 1, at: tr.t, kind: 'transition', tr })),
  ].sort((a, b) => (a.position === b.position ? a.order - b.order : a.position < b.position ? -1 : 1));
  // Focusable: a long timeline scrolls, and a keyboard must reach it.
  return h('ol', { class: 'timeline', id: 'timeline', tabindex: 0, 'aria-labelledby': 'timeline-title' }, entries.map((entry) => entry.kind === 'event'
    ? h('li', { class: 'timeline-event' },
      h('time', { datetime: entry.at }, instant(entry.at)), ' ',
      h('strong', {}, entry.e.type), ' ', eventSummary(entry.e.type, entry.e.data, currency))
    : h('li', { class: 'timeline-transition', 'data-field': entry.tr.field },
      h('time', { datetime: entry.at }, instant(entry.at)), ' ',
      `${label(entry.tr.field === 'loyaltyLevel' ? 'loyalty level' : entry.tr.field === 'valueTier' ? 'value tier' : 'status')}: `,
      h('strong', {}, `${label(entry.tr.from ?? 'none yet')} → ${label(entry.tr.to)}`),
      entry.tr.cause.dayEnded ? ` (day end ${entry.tr.cause.dayEnded})` : ' (by the event above)',
      entry.tr.reactivation ? h('span', { class: 'badge' }, 'reactivation') : null)));
}

function figures(profile, currency, id) {
  const rows = [
    ['Orders (all time / 12 months)', `${count(profile.orderCount)} / ${count(profile.orders12)}`],
    ['Net revenue, 12 months', money(profile.net12, currency)],
    ['Net revenue, lifetime', money(profile.lifetimeNet, currency)],
    ['Active months, 12 months', count(profile.activeMonths12)],
    ['First purchase', date(profile.firstPurchaseAt)],
    ['Last purchase', date(profile.lastPurchaseAt)],
    ['Recency (days)', profile.recencyDays ?? '—'],
    ['Tenure (days)', profile.tenureDays ?? '—'],
    ['Latest NPS', profile.latestNpsScore === null ? '—' : `${profile.latestNpsScore} (${label(profile.latestNpsCategory)})`],
    ['CSAT, 12 months', profile.csat12 ?? '—'],
    ['Interactions / complaints / referrals', `${count(profile.interactionCount)} / ${count(profile.complaintCount)} / ${count(profile.referralCount)}`],
    ['Evaluated at', instant(profile.t)],
  ];
  return h('dl', { class: 'figures', id }, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, String(value))]));
}

function classification(profile, id) {
  return h('ul', { class: 'classification', id },
    ['status', 'loyaltyLevel', 'valueTier'].map((field) => h('li', { 'data-field': field, 'data-value': profile[field] },
      h('span', { class: 'class-name' }, { status: 'Status', loyaltyLevel: 'Loyalty level', valueTier: 'Value tier' }[field]), ' ',
      h('strong', {}, label(profile[field])))));
}

function customerForm(value = '') {
  const form = h('form', { class: 'inline-form', id: 'customer-form' },
    h('label', { for: 'customer-id' }, 'Customer id'), h('input', { id: 'customer-id', name: 'customerId', value, required: true }),
    h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/customer/${encodeURIComponent(new FormData(form).get('customerId').trim())}`;
  });
  return form;
}

async function asOfSection(customerId, at, currency) {
  const form = h('form', { class: 'inline-form', id: 'as-of-form' },
    h('label', { for: 'as-of-date' }, 'State as of (00:00 UTC of)'),
    h('input', { id: 'as-of-date', name: 'at', type: 'date', value: at ?? '', required: true }),
    h('button', { type: 'submit' }, 'Show'));
  const go = () => {
    const value = new FormData(form).get('at');
    if (value) location.hash = `#/customer/${encodeURIComponent(customerId)}?at=${value}`;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go();
  });
  form.querySelector('input').addEventListener('change', go);
  const section = h('section', { 'aria-labelledby': 'as-of-title', class: 'as-of', id: 'as-of' }, h('h2', { id: 'as-of-title' }, 'As of a date'), form);
  if (!at) {
    section.append(h('p', {}, 'Pick a date to see what was true of this customer then.'));
    return section;
  }
  try {
    const result = await get(`/customers/${encodeURIComponent(customerId)}/as-of`, { at: `${at}T00:00:00.000Z` });
    section.dataset.at = result.at;
    section.append(
      h('p', { id: 'as-of-summary' }, `At ${instant(result.at)} (clock date ${result.clockDate ?? 'none'}):`),
      classification(result.profile, 'as-of-classification'),
      figures(result.profile, currency, 'as-of-figures'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    section.append(h('p', { id: 'as-of-summary' }, `Not yet a customer at ${at} 00:00 UTC.`));
  }
  return section;
}

export async function renderCustomer(route) {
  const customerId = route.id;
  if (!customerId) return h('div', {}, h('h1', {}, 'Customer'), customerForm());
  const path = `/customers/${encodeURIComponent(customerId)}`;
  let profile;
  try {
    profile = await get(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return h('div', {}, h('h1', {}, 'Customer'), customerForm(customerId), h('p', { id: 'not-found' }, `No customer ${customerId}.`));
    throw error;
  }
  const currency = await baseCurrency();
  const [explain, history, transitions, asOf] = await Promise.all([
    get(`${path}/explain`),
    allPages((next) => get(`${path}/history`, { limit: 1000, fromRevision: next })),
    allPages((next) => get(`${path}/transitions`, { limit: 1000, cursor: next })),
    asOfSection(customerId, route.query.get('at'), currency),
  ]);
  const name = profile.profile?.displayName === `Customer ${customerId}` ? null : profile.profile?.displayName;
  return h('div', { class: 'customer' },
    h('h1', {}, `Customer ${customerId}`, name ? h('span', { class: 'subtitle' }, ` ${name}`) : null),
    customerForm(customerId),
    h('div', { class: 'grid' },
      h('section', { 'aria-labelledby': 'now-title' }, h('h2', { id: 'now-title' }, 'Now'),
        classification(profile, 'current-classification'), figures(profile, currency, 'current-figures')),
      h('section', { 'aria-labelledby': 'why-title' }, h('h2', { id: 'why-title' }, 'Why'),
        h('p', {}, `Evaluated at ${instant(explain.t)}.`),
        h('ul', { class: 'explanations', id: 'explanations' }, explain.explanations.map((e) => h('li', { 'data-field': e.field }, e.text)))),
      asOf),
    h('section', { 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, `Timeline: ${count(history.length)} events, ${count(transitions.length)} transitions`),
      timeline(history, transitions, currency)));
}
