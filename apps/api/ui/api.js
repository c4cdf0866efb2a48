/** Calls to the API with the key of this tab; an answer of 401 or 403 becomes an AuthError. */
const KEY = 'lifecycle.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (key) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class AuthError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class ApiError extends Error {
  constructor(status, body) {
    // The API's error shape, or RFC 9457 problem details (detail, title).
    super(body?.message ?? body?.detail ?? body?.title ?? `the API answered ${status}`);
    this.status = status;
    this.body = body;
  }
}

const authMessage = (status, body, path) => {
  const said = [body?.code, body?.message ?? body?.detail ?? body?.title].filter(Boolean).join(': ');
  return status === 401
    ? `The API did not accept this API key (401${said ? ` ${said}` : ''}). Enter a valid key.`
    : `This API key may not read ${path} (403${said ? ` ${said}` : ''}). Enter a key with the role it needs ("query" for the dashboard's figures).`;
};

/** GET `path` (with its query) as JSON. */
export async function get(path, query = {}) {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const url = `${path}${params.size ? `?${params}` : ''}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey.get() ?? ''}`, accept: 'application/json' } });
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = { message: text.slice(0, 200) };
  }
  if (response.status === 401 || response.status === 403) throw new AuthError(response.status, authMessage(response.status, body, path));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

let currency = null;
/** The deployment's base currency (the unit of every net12), asked once. */
export async function baseCurrency() {
  currency ??= (await get('/stats/cutoffs', { from: '2000-01-01', to: '2000-01-01' })).currency;
  return currency;
}
