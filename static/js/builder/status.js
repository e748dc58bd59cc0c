/* The status line under the toolbar (aria-live): what was saved, or why not. */

export function makeAnnounce(line) {
  return function announce(message, isError) {
    line.textContent = message || "";
    line.classList.toggle("is-error", Boolean(isError));
  };
}
