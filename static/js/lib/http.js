/* Requests to Plenary's own JSON endpoints, the one way every page script makes them: the session cookie,
   the page's CSRF token on every write, a JSON body (or a form's FormData as it is), a JSON answer. */

export class NetworkError extends Error {}

/* Resolves with { ok, status, data } whatever the status: data is the answer's JSON, or null when the
   answer is not JSON. Rejects with NetworkError when no answer came (or none within `timeout` ms). */
export async function requestJson(method, url, { body, csrfToken, headers, credentials, cache, timeout } = {}) {
  const sent = { Accept: "application/json", ...headers };
  const isForm = body instanceof FormData;
  if (method !== "GET" && !isForm) sent["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) sent["X-CSRFToken"] = csrfToken;
  const controller = timeout ? new AbortController() : null;
  const timer = controller && setTimeout(() => controller.abort(), timeout);
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: sent,
      body: body === undefined || isForm ? body : JSON.stringify(body),
      credentials: credentials || "same-origin",
      cache,
      signal: controller ? controller.signal : undefined,
    });
  } catch (error) {
    throw new NetworkError(error.message);
  } finally {
    clearTimeout(timer);
  }
  const data = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, data };
}

/* A write: POST with the CSRF token (`csrfToken`), the body as JSON unless it is a FormData. */
export function postJson(url, body, options = {}) {
  return requestJson("POST", url, { ...options, body });
}
