import { apiKey, AuthError } from './api.js';
import { renderCustomer } from './customer.js';
import { renderExplorer } from './explorer.js';
import { renderOverview } from './overview.js';

const view = document.getElementById('view');
const alertBox = document.getElementById('alert');
const keyPanel = document.getElementById('key-panel');
const keyForm = document.getElementById('key-form');
const keyInput = document.getElementById('api-key');

export function showAlert(message) {
  alertBox.textContent = message;
  alertBox.hidden = !message;
}

function askForKey() {
  keyPanel.hidden = false;
  view.hidden = true;
  keyInput.value = '';
  keyInput.focus();
}

/** `#/customer/42?at=1997-06-01` → { name: 'customer', id: '42', query: URLSearchParams }. */
function parseRoute() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = 'overview', ...rest] = path.split('/');
  return { name: name || 'overview', id: rest.length ? decodeURIComponent(rest.join('/')) : null, query: new URLSearchParams(search) };
}

const renderers = { overview: renderOverview, segments: renderExplorer, customer: renderCustomer };
let renderCount = 0;

/** Marks the end of a render (tests wait for the counter to move). */
const rendered = (state) => {
  document.body.dataset.state = state;
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
};

async function render() {
  if (!apiKey.get()) {
    askForKey();
    rendered('key');
    return;
  }
  keyPanel.hidden = true;
  view.hidden = false;
  const route = parseRoute();
  const renderer = renderers[route.name] ?? renderOverview;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === route.name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const current = (renderCount += 1);
  document.body.dataset.state = 'loading';
  showAlert('');
  try {
    const content = await renderer(route);
    if (current !== renderCount) return;
    view.replaceChildren(content);
    rendered('ready');
  } catch (error) {
    if (current !== renderCount) return;
    if (error instanceof AuthError) {
      apiKey.clear();
      view.replaceChildren();
      askForKey();
    }
    showAlert(error.message);
    rendered('error');
  }
}

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = keyInput.value.trim();
  if (!key) return;
  apiKey.set(key);
  void render();
});

document.getElementById('change-key').addEventListener('click', () => {
  apiKey.clear();
  showAlert('');
  askForKey();
});

window.addEventListener('hashchange', () => void render());
export const rerender = () => render();
void render();
