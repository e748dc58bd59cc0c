/* The local decision on a scan, in the same order as the server's (conference/checkin/services.py), so that
   an offline scan answers at once with the colour the server will give. When online, the server's answer
   replaces this one. */

import { macIsValid, parseBadgeCode } from "./codes.js";

export const COLOURS = {
  ok: "green",
  already_checked_in: "amber",
  room_full: "amber",
  unknown_code: "red",
  forged_code: "red",
  other_conference: "red",
  revoked_badge: "red",
  cancelled: "red",
  unpaid: "red",
  not_confirmed: "red",
  no_in_person_access: "red",
};

export const RECORDS_ENTRY = new Set(["ok", "room_full"]);

export function colourOf(result) {
  return COLOURS[result] || "red";
}

const CANCELLED = new Set(["cancelled", "refunded"]);

function answer(result, registration = null, extra = {}) {
  return { result, colour: colourOf(result), registration, checked_in_at: null, checked_in_by: null, ...extra };
}

/* `cache`: { conferenceId, key (a CryptoKey or null), registrations (Map id → registration), point (its
   entry from "points", with capacity and count for a session) }. `sure` is false when the answer rests on
   something this device cannot know (no key yet, a registration newer than the cached list, another
   conference's key: the server tells a real badge of another conference from a forged one). */
export async function decideLocally(code, cache) {
  const parsed = parseBadgeCode(code);
  if (!parsed) return answer("unknown_code", null, { sure: true });
  if (parsed.conferenceId !== cache.conferenceId) return answer("other_conference", null, { sure: false });
  if (!cache.key) return answer("unknown_code", null, { sure: false });
  if (!(await macIsValid(cache.key, parsed))) return answer("forged_code", null, { sure: true });

  const registration = cache.registrations.get(parsed.registrationId);
  if (!registration) return answer("unknown_code", null, { sure: false });
  // A newer version than the cached one means the list is behind (the signature is right): go by the rest.
  if (parsed.version < registration.badge_version) return answer("revoked_badge", registration, { sure: true });
  const sure = parsed.version === registration.badge_version;
  const status = registration.status;
  if (CANCELLED.has(status)) return answer("cancelled", registration, { sure });
  if (status !== "confirmed" && status !== "pending_payment") return answer("not_confirmed", registration, { sure });
  if (status === "pending_payment" || registration.paid === false) return answer("unpaid", registration, { sure });
  if (registration.in_person === false) return answer("no_in_person_access", registration, { sure });

  const pointId = cache.point ? cache.point.id : "entrance";
  const earlier = (registration.checked_in || {})[pointId];
  if (earlier) {
    return answer("already_checked_in", registration, {
      sure,
      checked_in_at: earlier.at,
      checked_in_by: earlier.by,
    });
  }
  const point = cache.point || {};
  if (point.capacity != null && point.count != null && point.count >= point.capacity) {
    return answer("room_full", registration, { sure });
  }
  return answer("ok", registration, { sure });
}
