/* Conflicts as the server found them: a note on each block concerned, and the panel above the grid. */

export function showConflicts(panel, conflicts, html) {
  const messages = {};
  conflicts.forEach((conflict) =>
    conflict.session_ids.forEach((id) => (messages[id] = (messages[id] || []).concat(conflict.message))),
  );
  document.querySelectorAll(".tt-block").forEach((block) => markBlock(block, messages[block.dataset.sessionId]));
  if (typeof html === "string") panel.innerHTML = html;
  panel.classList.toggle("has-conflicts", conflicts.length > 0);
}

function markBlock(block, own) {
  block.classList.toggle("has-conflict", Boolean(own));
  let note = block.querySelector(".tt-conflict");
  if (own) {
    if (!note) {
      note = document.createElement("p");
      note.className = "tt-conflict";
      block.insertBefore(note, block.querySelector(".tt-resize"));
    }
    note.innerHTML = '<span aria-hidden="true">⚠</span> ';
    note.append(own.join(" "));
  } else if (note) {
    note.remove();
  }
}
