// Join page: counts down to the moment the stream opens, in the viewer's own time zone, then reloads.
const box = document.querySelector("[data-countdown]");
if (box) {
  const opensAt = new Date(box.dataset.opensAt);
  const locale = box.dataset.locale || undefined;
  const value = box.querySelector("[data-countdown-value]");
  const local = box.querySelector("[data-countdown-local]");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: zone });
  local.textContent = `${when.format(opensAt)} (${zone})`;
  local.hidden = false;
  const units = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 });

  const tick = () => {
    const left = Math.max(0, Math.round((opensAt - Date.now()) / 1000));
    if (left === 0) {
      window.location.reload();
      return;
    }
    const days = Math.floor(left / 86400);
    const hours = Math.floor((left % 86400) / 3600);
    const minutes = Math.floor((left % 3600) / 60);
    const seconds = left % 60;
    const clock = `${units.format(hours)}:${units.format(minutes)}:${units.format(seconds)}`;
    value.textContent = days > 0 ? `${days} d ${clock}` : clock;
    box.dataset.secondsLeft = String(left);
    window.setTimeout(tick, 1000 - (Date.now() % 1000));
  };
  tick();
}

// Live now: times in the viewer's own zone when the page was written in another one.
const note = document.querySelector("[data-zone-note]");
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (note && browserZone && note.dataset.zone !== browserZone) {
  const locale = document.documentElement.lang || undefined;
  const today = new Date().toDateString();
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: browserZone });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: browserZone });
  for (const el of document.querySelectorAll("[data-local-range]")) {
    const start = new Date(el.dataset.start);
    const end = new Date(el.dataset.end);
    const prefix = start.toDateString() === today ? "" : `${day.format(start)}, `;
    el.textContent = `${prefix}${time.format(start)} – ${time.format(end)}`;
  }
  note.textContent = note.textContent.replace(note.dataset.zone, browserZone);
}
