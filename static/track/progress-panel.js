// The home view's "Your progress" section: Export progress (a JSON file, transfer.js) and Import progress,
// which asks once, in a dialog, before it replaces code that is newer here than in the file.

import { el } from "../dom.js";
import { writeProgress } from "./storage.js";
import { MAX_BYTES, exportProgress, fileName, isBadFile, plan, readProgressFile, withNewer } from "./transfer.js";

const NOTHING_CHANGED = " Nothing was changed.";

// track: [{id, title}]; onImported(): the list shows the new progress. Listeners go when signal aborts.
export function progressPanel(track, { onImported, signal }) {
  const ids = track.map((problem) => problem.id);
  const titleOf = (id) => track.find((problem) => problem.id === id).title;
  const message = el("p", { className: "progress-message", id: "progress-message", role: "status" });
  const say = (text, { error = false } = {}) => {
    message.textContent = text;
    message.classList.toggle("error", error);
  };
  const exportButton = el("button", { type: "button", textContent: "Export progress" });
  const importButton = el("button", { type: "button", textContent: "Import progress" });
  const input = el("input", { type: "file", accept: ".json,application/json", hidden: true, tabIndex: -1 });
  input.setAttribute("aria-label", "Progress file to import");
  const dialog = newerCodeDialog();
  const on = (target, type, listener) => target.addEventListener(type, listener, { signal });

  on(exportButton, "click", () => {
    const now = new Date();
    const blob = new Blob([JSON.stringify(exportProgress(ids, now), null, 2)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: fileName(now) });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000); // the download has started by then
    say(`Downloaded ${link.download}. Import it here or in another browser to carry on.`);
  });
  on(importButton, "click", () => input.click());
  on(input, "change", async () => {
    const [file] = input.files;
    input.value = ""; // the same file can be chosen again
    if (file) {
      const text = await importFile(file, { ids, titleOf, dialog });
      say(text, { error: text.endsWith(NOTHING_CHANGED) });
    }
    onImported();
  });

  const heading = el("h2", { id: "progress-heading", textContent: "Your progress" });
  const section = el("section", { className: "progress-panel" }, heading,
    el("p", { className: "hint", textContent: "Kept in this browser only. Export it to a file to keep a copy "
      + "or to move it to another browser, then import it there." }),
    el("div", { className: "progress-actions" }, exportButton, importButton, input), message, dialog);
  section.setAttribute("aria-labelledby", heading.id);
  return section;
}

// Returns the sentence that says what happened.
async function importFile(file, { ids, titleOf, dialog }) {
  if (file.size > MAX_BYTES) {
    return `This file is too large to be a progress file (${megabytes(file.size)}; the limit is `
      + `${megabytes(MAX_BYTES)}).${NOTHING_CHANGED}`;
  }
  let read;
  try {
    read = readProgressFile(await file.text(), ids);
  } catch (error) {
    if (!isBadFile(error)) throw error;
    return error.message + NOTHING_CHANGED;
  }
  const { changes, newer } = plan(read.problems);
  let replace = false;
  if (newer.length) {
    const answer = await dialog.ask(newer.map(titleOf));
    if (answer === "cancel") return "Import cancelled." + NOTHING_CHANGED;
    replace = answer === "replace";
  }
  const all = replace ? withNewer(changes, read.problems, newer) : changes;
  if (!writeProgress(all)) {
    return "The progress could not be imported: this browser's storage is full or blocked." + NOTHING_CHANGED;
  }
  return summary(Object.keys(all).map(titleOf), replace ? [] : newer.map(titleOf), read.unknown);
}

function summary(imported, kept, unknown) {
  const parts = [imported.length ? `Imported progress for ${list(imported)}.`
    : "Nothing to import: this browser already has everything in the file."];
  if (kept.length) parts.push(`Kept your newer code for ${list(kept)}.`);
  if (unknown.length) parts.push(`Skipped ${unknown.length === 1 ? "a problem" : "problems"} not in this track: `
    + `${list(unknown)}.`);
  return parts.join(" ");
}

const list = (names) => names.map((name) => `“${name}”`).join(", ");
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// A modal dialog: ask(titles) resolves to "replace", "keep" or "cancel" (Esc).
function newerCodeDialog() {
  const heading = el("h2", { id: "newer-code-heading", textContent: "Replace newer code?" });
  const problems = el("ul");
  const choices = [["replace", "Replace with the file's code"], ["keep", "Keep my newer code"], ["cancel", "Cancel import"]]
    .map(([value, text]) => el("button", { type: "submit", value, textContent: text }));
  const dialog = el("dialog", { className: "newer-code" }, heading,
    el("p", { id: "newer-code-why", textContent: "This browser has code that is newer than the file's, "
      + "or saved at an unknown time, for:" }), problems,
    el("p", { textContent: "Keeping it imports the rest of the file." }),
    el("form", { method: "dialog", className: "progress-actions" }, ...choices));
  dialog.setAttribute("aria-labelledby", heading.id);
  dialog.setAttribute("aria-describedby", "newer-code-why");
  dialog.ask = (titles) => new Promise((resolve) => {
    problems.replaceChildren(...titles.map((title) => el("li", { textContent: title })));
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue || "cancel"), { once: true });
    dialog.showModal();
    choices[1].focus(); // the safe choice first
  });
  return dialog;
}
