/* The builder's requests: JSON posts to the timetable's own URLs. The server validates and saves each change
   and answers with the block as saved, the programme's conflicts and what "Undo" would undo. */

import { postJson } from "../lib/http.js";

/* send(path, body) resolves with { ok, status, data } and never rejects: no answer is a refusal too. */
export function makeSend({ base, csrfToken, errorMessage }) {
  return async function send(path, body) {
    try {
      const { ok, status, data } = await postJson(base + path, body, { csrfToken });
      return { ok, status, data: data || { error: errorMessage } };
    } catch (error) {
      return { ok: false, data: { error: errorMessage } };
    }
  };
}

/* A refusal in words: the fields' messages, or the server's, or the page's own. */
export function errorText(data, fallback) {
  const fields = data.errors ? Object.values(data.errors) : [];
  return fields.length ? fields.join(" ") : data.error || fallback;
}
