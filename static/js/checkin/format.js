/* Small helpers: times in the conference's zone, country names, readable text on a ticket colour, ids. */

export function makeFormat(config) {
  const locale = config.locale || "en";
  const zone = config.timezone || "UTC";
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: "numeric", minute: "2-digit" });
  const dayTime = new Intl.DateTimeFormat(locale, {
    timeZone: zone, day: "numeric", month: "short", hour: "numeric", minute: "2-digit",
  });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "long" });
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  let regions = null;
  try {
    regions = new Intl.DisplayNames([locale], { type: "region" });
  } catch (error) {
    regions = null;
  }

  const plurals = new Intl.PluralRules(locale);

  return {
    /* A text with a count, from its plural forms ({one, other}), with the count filled in. */
    count(forms, n) {
      const text = typeof forms === "string" ? forms : forms[plurals.select(n)] || forms.other;
      return text.replace("{count}", n);
    },
    /* "09:12" today, "3 Dec, 09:12" another day. */
    moment(iso) {
      if (!iso) return "";
      const value = new Date(iso);
      if (Number.isNaN(value.getTime())) return "";
      return day.format(value) === day.format(new Date()) ? time.format(value) : dayTime.format(value);
    },
    /* "2 minutes ago", "3 hours ago": how long since a check-in (a badge passed on to someone else?). */
    ago(iso) {
      const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
      if (Number.isNaN(seconds)) return "";
      const steps = [[60, "second"], [3600, "minute"], [86400, "hour"], [Infinity, "day"]];
      const divisors = { second: 1, minute: 60, hour: 3600, day: 86400 };
      const [, unit] = steps.find(([limit]) => Math.abs(seconds) < limit);
      return relative.format(Math.round(seconds / divisors[unit]), unit);
    },
    country(code) {
      if (!code) return "";
      try {
        return regions ? regions.of(code.toUpperCase()) : code;
      } catch (error) {
        return code;
      }
    },
    textOn: textOn,
  };
}

/* Black or white, whichever reads better on the given background colour. */
export function textOn(hex) {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex || "");
  if (!match) return "#fff";
  const n = parseInt(match[1], 16);
  const channel = (c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(n >> 16) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
  return luminance > 0.179 ? "#111" : "#fff";
}

/* A scan's id: random, made on this device, so that sending it twice never counts twice. */
export function newId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
  const bytes = window.crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/* Lower case without accents, for matching names typed on any keyboard. */
export function searchable(text) {
  return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
