/* What the page keeps on the device, in IndexedDB (one database per conference):

   registrations  the registration list from GET /registrations (keyed by id), for offline verification
   outbox         scans and undos not yet accepted by the server, in the order they were made
   meta           server_time of the last sync, the badge key, the scan points */

const VERSION = 1;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("IndexedDB transaction aborted"));
  });
}

export function databaseName(slug) {
  return `plenary-checkin-${slug}`;
}

export async function openStore(slug) {
  const open = indexedDB.open(databaseName(slug), VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore("registrations", { keyPath: "id" });
    db.createObjectStore("outbox", { keyPath: "id" });
    db.createObjectStore("meta");
  };
  return new Store(await request(open));
}

export function deleteStore(slug) {
  return request(indexedDB.deleteDatabase(databaseName(slug)));
}

class Store {
  constructor(db) {
    this.db = db;
    this.lastSeq = 0;
  }

  close() {
    this.db.close();
  }

  async registrations() {
    const tx = this.db.transaction("registrations");
    return request(tx.objectStore("registrations").getAll());
  }

  /* `replace`: the full list, so registrations no longer in it go too. */
  async putRegistrations(list, { replace = false } = {}) {
    const tx = this.db.transaction("registrations", "readwrite");
    const store = tx.objectStore("registrations");
    if (replace) store.clear();
    for (const registration of list) store.put(registration);
    return done(tx);
  }

  async putRegistration(registration) {
    return this.putRegistrations([registration]);
  }

  async meta(name) {
    return request(this.db.transaction("meta").objectStore("meta").get(name));
  }

  async setMeta(values) {
    const tx = this.db.transaction("meta", "readwrite");
    for (const [name, value] of Object.entries(values)) tx.objectStore("meta").put(value, name);
    return done(tx);
  }

  async outbox() {
    const items = await request(this.db.transaction("outbox").objectStore("outbox").getAll());
    return items.sort((a, b) => a.seq - b.seq);
  }

  async addToOutbox(item) {
    this.lastSeq = Math.max(Date.now(), this.lastSeq + 1); // an undo always sorts after its scan
    const tx = this.db.transaction("outbox", "readwrite");
    tx.objectStore("outbox").put({ ...item, seq: this.lastSeq });
    return done(tx);
  }

  async removeFromOutbox(id) {
    const tx = this.db.transaction("outbox", "readwrite");
    tx.objectStore("outbox").delete(id);
    return done(tx);
  }
}
