/* The check-in desk: what this device knows (the cached registration list, the badge key, the scan points),
   what it scanned, and how a scan goes: decided locally and shown at once, kept in the outbox, sent, and
   replaced on screen by the server's answer when that differs. */

import { importBadgeKey, makeBadgeCode, normaliseCode } from "./codes.js";
import { RECORDS_ENTRY, colourOf, decideLocally } from "./decide.js";
import { newId } from "./format.js";

const RECENT_LIMIT = 20;
const SERVER_WAIT_MS = 2500; // how long an unsure red answer waits for the server before it shows

export class Desk {
  constructor({ config, messages, api, store, ui, result }) {
    this.config = config;
    this.m = messages;
    this.api = api;
    this.store = store;
    this.ui = ui;
    this.result = result;
    this.sync = null;
    this.registrations = new Map();
    this.keyHex = null;
    this.key = null;
    this.points = [];
    this.point = null;
    this.serverTime = null;
    this.online = null; // null until the server has answered or failed once
    this.authError = null;
    this.recent = [];
    this.lastEntry = null;
    this.queued = 0;
    this.listLoaded = false;
  }

  // What this device remembers

  async loadCache() {
    const [registrations, keyHex, points, serverTime, outbox] = await Promise.all([
      this.store.registrations(),
      this.store.meta("key"),
      this.store.meta("points"),
      this.store.meta("server_time"),
      this.store.outbox(),
    ]);
    this.registrations = new Map(registrations.map((r) => [r.id, r]));
    await this.setKey(keyHex);
    this.points = points || [];
    this.serverTime = serverTime || null;
    this.listLoaded = Boolean(serverTime);
    // Scans made before a reload and not sent yet are still the most recent ones.
    for (const item of outbox.filter((i) => i.kind === "scan").reverse()) {
      this.recent.push({ ...item, answer: item.answer, local: true, queued: true });
    }
    this.recent = this.recent.slice(0, RECENT_LIMIT);
    this.queued = outbox.length;
    this.showCacheNote();
  }

  async setKey(keyHex) {
    if (!keyHex || keyHex === this.keyHex) return;
    this.keyHex = keyHex;
    this.key = await importBadgeKey(keyHex);
  }

  /* The answer of GET /registrations: the whole list (`full`) or what changed since the last one. */
  async applyList(data, full) {
    const rows = data.registrations || [];
    if (full) this.registrations = new Map();
    for (const row of rows) this.registrations.set(row.id, row);
    await this.setKey(data.key);
    if (Array.isArray(data.points)) this.points = data.points;
    this.serverTime = data.server_time;
    this.listLoaded = true;
    const touched = await this.reapplyOutbox();
    await this.store.putRegistrations(full ? [...this.registrations.values()] : [...rows, ...touched], {
      replace: full,
    });
    await this.store.setMeta({ key: data.key, points: this.points, server_time: data.server_time });
    this.refreshPoint();
    this.showCacheNote();
    this.onList();
  }

  /* Check-ins made here and not sent yet are not in the server's list (nor in its counts): keep them. */
  async reapplyOutbox() {
    const touched = [];
    const undone = new Set();
    for (const item of await this.store.outbox()) {
      if (item.kind === "undo") undone.add(item.scanId);
    }
    for (const item of await this.store.outbox()) {
      if (item.kind !== "scan" || undone.has(item.id) || !RECORDS_ENTRY.has(item.answer.result)) continue;
      this.countAt(item.point, +1);
      const registration = item.answer.registration && this.registrations.get(item.answer.registration.id);
      if (registration && !(registration.checked_in || {})[item.point]) {
        registration.checked_in = { ...(registration.checked_in || {}), [item.point]: this.localMark(item) };
        touched.push(registration);
      }
    }
    return touched;
  }

  showCacheNote() {
    this.ui.setCacheNote(this.listLoaded ? this.registrations.size : null, this.serverTime);
  }

  // Scan points

  choosePoint(point) {
    this.point = point;
    try {
      window.localStorage.setItem(`plenary.checkin.point.${this.config.slug}`, point.id);
    } catch (error) {
      // storage blocked: the choice lasts until the page reloads
    }
    this.ui.setPoint(point);
  }

  rememberedPoint() {
    let id = null;
    try {
      id = window.localStorage.getItem(`plenary.checkin.point.${this.config.slug}`);
    } catch (error) {
      id = null;
    }
    return this.points.find((p) => p.id === id) || null;
  }

  /* New counts and labels for the chosen point after a sync. */
  refreshPoint() {
    if (!this.point) return;
    const fresh = this.points.find((p) => p.id === this.point.id);
    if (fresh) {
      this.point = fresh;
      this.ui.setPoint(fresh);
    }
  }

  // Scanning

  /* A code from the camera, a keyboard-wedge scanner, or a search result. One at a time, so that a badge
     scanned twice in a row is decided the second time with the first one counted. */
  scanCode(text) {
    this.scanning = (this.scanning || Promise.resolve()).then(() => this.scanOne(text)).catch(console.error);
    return this.scanning;
  }

  async scanOne(text) {
    const code = normaliseCode(text);
    if (!code || !this.point) return;
    const entry = {
      id: newId(),
      kind: "scan",
      code,
      point: this.point.id,
      scanned_at: new Date().toISOString(),
      local: true,
      queued: true,
      pointInfo: { ...this.point },
    };
    entry.answer = await decideLocally(code, {
      conferenceId: this.config.conferenceId,
      key: this.key,
      registrations: this.registrations,
      point: this.point,
    });
    // "Unknown" from a list that may be behind (a badge issued since) waits briefly for the server.
    entry.pending = entry.answer.result === "unknown_code" && !entry.answer.sure && this.online !== false;
    this.result.show(this.displayed(entry));
    this.remember(entry);
    if (RECORDS_ENTRY.has(entry.answer.result)) this.recordLocally(entry);
    await this.store.addToOutbox(this.outboxItem(entry));
    this.queued += 1;
    this.showConnection();
    if (entry.pending) setTimeout(() => this.stopWaiting(entry), SERVER_WAIT_MS);
    this.sync.flush();
  }

  async scanRegistration(registration) {
    let code = registration.code;
    if (!code && this.key) {
      code = await makeBadgeCode(this.key, this.config.conferenceId, registration.id, registration.badge_version);
    }
    if (!code) {
      this.ui.toast(this.m.needsConnection);
      return;
    }
    await this.scanCode(code);
  }

  outboxItem(entry) {
    const { id, kind, code, point, scanned_at, answer } = entry;
    return { id, kind, code, point, scanned_at, answer };
  }

  displayed(entry) {
    return { ...entry, point: entry.pointInfo };
  }

  remember(entry) {
    this.recent.unshift(entry);
    this.recent = this.recent.slice(0, RECENT_LIMIT);
    this.ui.renderRecent(this.recent);
  }

  stopWaiting(entry) {
    if (!entry.pending) return;
    entry.pending = false;
    if (this.result.openScanId === entry.id) this.result.show(this.displayed(entry));
    this.ui.renderRecent(this.recent);
  }

  localMark(entry) {
    return { at: entry.scanned_at, by: this.config.operator || this.m.thisDevice, local: true };
  }

  /* Until the server answers, this device counts the entry itself: a second scan shows amber offline. */
  recordLocally(entry) {
    const registration = this.registrations.get(entry.answer.registration.id);
    if (registration) {
      registration.checked_in = { ...(registration.checked_in || {}), [entry.point]: this.localMark(entry) };
      this.store.putRegistration(registration);
    }
    this.countAt(entry.point, +1);
    this.lastEntry = entry;
    this.ui.setUndo(entry);
  }

  countAt(pointId, step) {
    const point = this.points.find((p) => p.id === pointId);
    if (point && point.count != null) point.count = Math.max(0, point.count + step);
  }

  // Answers from the server (through Sync)

  serverAnswered(item, answer) {
    if (item.kind === "undo") {
      const entry = this.recent.find((e) => e.id === item.scanId);
      if (entry && entry.answer.registration) this.forgetLocalMark(entry);
      return;
    }
    const entry = this.recent.find((e) => e.id === item.id) || { ...item, pointInfo: null };
    const before = entry.answer.colour;
    const wasPending = entry.pending;
    entry.answer = { ...answer, colour: answer.colour || colourOf(answer.result), sure: true };
    entry.local = false;
    entry.queued = false;
    entry.pending = false;
    if (answer.registration) {
      const known = this.registrations.get(answer.registration.id) || {};
      const merged = { ...known, ...answer.registration };
      if (entry.undone) delete (merged.checked_in || {})[entry.point];
      this.registrations.set(merged.id, merged);
      this.store.putRegistration(merged);
    }
    if (!RECORDS_ENTRY.has(answer.result) && this.lastEntry === entry) {
      this.lastEntry = null; // the server did not record it: nothing to undo
      this.ui.setUndo(null);
    }
    if (this.result.openScanId === entry.id && !entry.undone) {
      this.result.show({ ...this.displayed(entry), updated: !wasPending && before === answer.colour });
    } else if (before !== entry.answer.colour && !wasPending) {
      // An earlier scan (sent late, after the network came back) came out differently: say so.
      const name = answer.registration ? answer.registration.name : entry.code;
      const title = (this.m.results[answer.result] || this.m.results.unknown_code).title;
      this.ui.toast(this.m.serverChanged.replace("{name}", name).replace("{result}", title));
    }
    this.ui.renderRecent(this.recent);
  }

  serverRefused(item, error) {
    const entry = this.recent.find((e) => e.id === (item.kind === "undo" ? item.scanId : item.id));
    if (entry && item.kind === "scan") {
      entry.queued = false;
      entry.local = false;
      this.ui.renderRecent(this.recent);
    }
    this.ui.toast(`${this.m.refused} ${error.message}`);
  }

  // Undo

  async undo(scanId) {
    const entry = scanId ? this.recent.find((e) => e.id === scanId) : this.lastEntry;
    if (!entry || entry.undone || !RECORDS_ENTRY.has(entry.answer.result)) return;
    entry.undone = true;
    this.forgetLocalMark(entry);
    this.countAt(entry.point, -1);
    if (this.lastEntry === entry) this.lastEntry = null;
    this.ui.setUndo(null);
    // Queued after the scan itself, so the server always gets the scan first, even offline.
    await this.store.addToOutbox({ id: newId(), kind: "undo", scanId: entry.id });
    this.queued += 1;
    if (this.result.openScanId === entry.id) this.result.close();
    const name = entry.answer.registration ? entry.answer.registration.name : entry.code;
    this.ui.toast(this.m.undoneToast.replace("{name}", name));
    this.ui.renderRecent(this.recent);
    this.showConnection();
    this.sync.flush();
  }

  forgetLocalMark(entry) {
    const registration = this.registrations.get(entry.answer.registration.id);
    if (!registration || !registration.checked_in) return;
    const mark = registration.checked_in[entry.point];
    if (mark && (mark.local || mark.at === entry.answer.checked_in_at || entry.answer.result !== "already_checked_in")) {
      const checkedIn = { ...registration.checked_in };
      delete checkedIn[entry.point];
      registration.checked_in = checkedIn;
      this.store.putRegistration(registration);
    }
  }

  // Connection and credentials

  reachable(yes) {
    const was = this.online;
    this.online = yes && navigator.onLine !== false;
    if (!this.online) for (const entry of this.recent) if (entry.pending) this.stopWaiting(entry);
    if (was !== this.online) {
      this.showConnection();
      this.onConnection();
    }
  }

  isOffline() {
    return this.online === false;
  }

  blocked() {
    return this.authError !== null;
  }

  outboxChanged(count) {
    this.queued = count;
    this.showConnection();
  }

  showConnection() {
    const state = this.online === null ? "connecting" : this.online ? "online" : "offline";
    this.ui.setConnection(state, this.queued);
  }

  authFailed(error) {
    this.authError = error;
    const fallback = this.config.auth === "session" ? this.m.sessionEnded : this.m.pairingEnded;
    const text = (error.body && error.body.error && error.body.error.message) || fallback;
    this.result.close();
    const kept = this.queued ? ` ${this.ui.format.count(this.m.keptScans, this.queued)}` : "";
    this.ui.authProblem(text + kept);
    this.ui.showView("unpaired");
    if (this.config.auth === "device") {
      // A revoked device keeps no delegate's data (its unsent scans stay, in case it is paired again).
      this.registrations = new Map();
      this.key = null;
      this.keyHex = null;
      this.store.putRegistrations([], { replace: true });
      this.store.setMeta({ key: null, server_time: null });
    }
    this.onBlocked();
  }

  // Set by main.js
  onBlocked() {}

  onList() {}

  onConnection() {}
}
