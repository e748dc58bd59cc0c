/* Keeping the device and the server in step:

   - pull: the registration list, in full when the page opens, then only what changed since the last
     answer's server_time, every PULL_EVERY_MS while online;
   - flush: the outbox (scans and undos made on this device), in order, as soon as the server answers and
     every RETRY_EVERY_MS while something waits. A scan keeps its id, so sending it again after a lost
     answer is harmless: the server answers the first result with "duplicate": true. */

import { HttpError, NetworkError } from "./api.js";

const PULL_EVERY_MS = 30000;
const RETRY_EVERY_MS = 5000;

export class Sync {
  /* `desk` receives what happens: reachable(bool), applyList(data, full), serverAnswered(item, answer),
     serverRefused(item, error), authFailed(error), outboxChanged(count). */
  constructor(api, store, desk) {
    this.api = api;
    this.store = store;
    this.desk = desk;
    this.flushing = null;
    this.again = false;
    this.pulledFull = false;
    this.serverTime = null;
    this.waiting = 0;
    this.timers = [];
  }

  start(serverTime) {
    this.serverTime = serverTime || null;
    this.timers.push(setInterval(() => this.pull(), PULL_EVERY_MS));
    this.timers.push(
      setInterval(() => {
        if (this.waiting > 0) this.flush();
        else if (this.desk.isOffline()) this.pull();
      }, RETRY_EVERY_MS),
    );
    window.addEventListener("online", () => this.flush().then(() => this.pull()));
    window.addEventListener("offline", () => this.desk.reachable(false));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.flush().then(() => this.pull());
    });
    return this.flush().then(() => this.pull());
  }

  stop() {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  async pull() {
    if (this.desk.blocked()) return;
    const full = !this.pulledFull || !this.serverTime;
    try {
      const data = await this.api.registrations(full ? null : this.serverTime);
      this.desk.reachable(true);
      this.pulledFull = true;
      this.serverTime = data.server_time;
      await this.desk.applyList(data, full);
      if (this.waiting > 0) this.flush();
    } catch (error) {
      this.failed(error);
    }
  }

  flush() {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.again = false;
        await this.sendOutbox();
      } while (this.again && !this.desk.isOffline() && !this.desk.blocked());
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async countOutbox() {
    this.waiting = (await this.store.outbox()).length;
    this.desk.outboxChanged(this.waiting);
  }

  async sendOutbox() {
    if (this.desk.blocked()) return;
    const items = await this.store.outbox();
    this.waiting = items.length;
    for (const item of items) {
      let answer;
      try {
        answer = item.kind === "undo" ? await this.api.undoScan(item.scanId) : await this.api.sendScan(item);
      } catch (error) {
        if (this.failed(error)) break;
        // The server will never take this one (a malformed scan, an undo of a scan it never had).
        await this.store.removeFromOutbox(item.id);
        this.desk.serverRefused(item, error);
        continue;
      }
      await this.store.removeFromOutbox(item.id);
      this.desk.reachable(true);
      this.desk.serverAnswered(item, answer);
    }
    await this.countOutbox();
  }

  /* True when sending should stop for now (no network, a server error, refused credentials). */
  failed(error) {
    if (error instanceof NetworkError) {
      this.desk.reachable(false);
      return true;
    }
    if (!(error instanceof HttpError)) {
      console.error(error); // a bug of this page, not the server's answer
      return true;
    }
    if (error.authProblem) {
      this.desk.reachable(true);
      this.desk.authFailed(error);
      return true;
    }
    this.desk.reachable(true);
    return !error.final; // a server error or a rate limit: try again later
  }
}
