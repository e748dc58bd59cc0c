/* Minutes of the shown day, the timetable's unit: snapped to 5-minute slots, written as the server writes
   them in labels, and as "YYYY-MM-DDTHH:MM" in what is sent (the conference's zone, as the grid shows). */

export const SLOT = 5; // minutes: everything snaps to this
export const DAY = 24 * 60;

const pad = (n) => String(n).padStart(2, "0");

/* "HH:MM", as time inputs take it. */
export const clock = (minutes) => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;

const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
  hour: "numeric",
  minute: "2-digit",
  timeZone: "UTC",
});

/* A minute of the day as the server writes times (the reader's locale), for labels while dragging. */
export const shownClock = (minutes) => timeFormat.format(new Date(Date.UTC(2000, 0, 1, 0, minutes)));
export const shownRange = (start, end) => `${shownClock(start)} – ${shownClock(end)} `;

/* A distance in pixels as whole slots of minutes. */
export const snap = (pixels, ppm) => Math.round(pixels / ppm / SLOT) * SLOT;

/* "YYYY-MM-DDTHH:MM" in the conference's zone for a minute of the shown day (past 1440 = the next day). */
export function stamp(dayIso, minutes) {
  const [y, m, d] = dayIso.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d) + Math.floor(minutes / DAY) * 86400000);
  const rest = ((minutes % DAY) + DAY) % DAY;
  return `${date.toISOString().slice(0, 10)}T${clock(rest)}`;
}
