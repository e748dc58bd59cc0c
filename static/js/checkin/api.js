/* The check-in API (/api/checkin/v1/c/<slug>/…), as a logged-in staff member (session cookie + CSRF
   header) or as a paired device (bearer token in localStorage). */

import { NetworkError, requestJson } from "../lib/http.js";

export { NetworkError };

export class HttpError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }

  /* Refused credentials: a revoked or expired pairing, a session gone, or a CSRF token that no longer
     matches the session (Flask-WTF answers 400 with its own page, not a JSON error). */
  get authProblem() {
    if (this.status === 401 || this.status === 403) return true;
    return this.status === 400 && (!this.body || /csrf/i.test(JSON.stringify(this.body)));
  }

  /* The server understood the request and will never accept it: no point sending it again. */
  get final() {
    return this.status >= 400 && this.status < 500 && this.status !== 429 && Boolean(this.body && this.body.error);
  }
}

export class CheckinApi {
  constructor(config) {
    this.base = config.api;
    this.auth = config.auth;
    this.csrfToken = config.csrfToken;
    this.tokenKey = config.tokenKey;
  }

  deviceToken() {
    try {
      return window.localStorage.getItem(this.tokenKey);
    } catch (error) {
      return null; // storage blocked (private mode in some browsers)
    }
  }

  canAuthenticate() {
    return this.auth === "session" || Boolean(this.deviceToken());
  }

  /* Resolves with the JSON body of a 2xx answer; rejects with NetworkError (no answer, or too slow) or
     HttpError (any other status). */
  async request(method, path, { body, timeout = 8000 } = {}) {
    const session = this.auth === "session";
    const { ok, status, data } = await requestJson(method, this.base + path, {
      body,
      timeout,
      csrfToken: session ? this.csrfToken : null,
      headers: session ? {} : { Authorization: `Bearer ${this.deviceToken()}` },
      credentials: session ? "same-origin" : "omit",
      cache: "no-store",
    });
    if (!ok) throw new HttpError(status, data);
    if (data === null) throw new NetworkError("not a JSON answer"); // e.g. a captive portal's page
    return data;
  }

  whoami() {
    return this.request("GET", "/whoami", { timeout: 5000 });
  }

  registrations(changedSince) {
    const query = changedSince ? `?changed_since=${encodeURIComponent(changedSince)}` : "";
    return this.request("GET", `/registrations${query}`, { timeout: 30000 });
  }

  sendScan(scan) {
    const { id, code, point, scanned_at } = scan;
    return this.request("POST", "/scans", { body: { id, code, point, scanned_at }, timeout: 6000 });
  }

  undoScan(id) {
    return this.request("POST", `/scans/${encodeURIComponent(id)}/undo`, { body: {}, timeout: 6000 });
  }

  search(q) {
    return this.request("GET", `/search?q=${encodeURIComponent(q)}`, { timeout: 2500 });
  }
}
