/* Changes go to the server one at a time, in the order they were made. A refusal drops the changes queued
   behind it (they were made on top of what the server refused); the queue starts afresh once it is empty. */

export class Queue {
  constructor() {
    this.chain = Promise.resolve();
    this.queued = 0;
    this.dropping = false;
  }

  /* task() sends one change and resolves true if the server took it, false if it refused it. */
  add(task) {
    this.queued++;
    this.chain = this.chain.then(async () => {
      try {
        if (!this.dropping && !(await task())) this.dropping = true;
      } finally {
        this.queued--;
        if (this.queued === 0) this.dropping = false;
      }
    });
    return this.chain;
  }
}
