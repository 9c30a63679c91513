// Share links: "Copy link" puts the problem and the code, compressed (lz-string), in the URL's fragment, which
// never reaches a server: "#/<id>?code=<data>". Opening one shows that code, not run, and asks: keep it (it
// replaces the saved code, one undo step away) or go back to one's own. Nothing is saved until then.

import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { hrefOf } from "../track/router.js";

export const MAX_LINK = 8_000; // characters: what every browser, chat and mail client carries whole

// {url} or {tooLong: the link's length}.
export function shareLink(problemId, code) {
  // The code inside JSON: a link cut short fails to parse instead of giving back part of the code.
  const data = compressToEncodedURIComponent(JSON.stringify({ code }));
  const url = `${location.origin}${location.pathname}${hrefOf(problemId)}?code=${data}`;
  return url.length > MAX_LINK ? { tooLong: url.length } : { url };
}

// A link's data → {code} or {problem: what is wrong, for the learner}.
export function readShared(data) {
  if (data.length > MAX_LINK) return { problem: `This link is too long to read (${data.length} characters).` };
  try {
    const { code } = JSON.parse(decompressFromEncodedURIComponent(data));
    if (typeof code === "string") return { code };
  } catch { /* said below */ }
  return { problem: "The code in this link could not be read: the link is damaged or cut short." };
}

// bars: {shared, keep, back, error}; saver: keep-work's, held while the shared code is on show.
export function offerShared({ data, editor, saver, bars, tell, signal }) {
  const shared = readShared(data);
  if (shared.problem) {
    bars.error.querySelector("p").textContent = `${shared.problem} Your own code is shown.`;
    bars.error.hidden = false;
    bars.error.scrollIntoView({ block: "nearest" });
    return;
  }
  const mine = editor.getCode();
  if (shared.code === mine) return tell("The link holds the same code as yours.");
  saver.hold();
  editor.replaceAll(shared.code);
  bars.shared.hidden = false;
  bars.shared.scrollIntoView({ block: "nearest" }); // on a phone the code sits below the statement
  tell("Showing the code from the link. It has not been run.");
  const close = () => {
    bars.shared.hidden = true;
    editor.focus();
  };
  const on = (button, listener) => button.addEventListener("click", listener, { signal, once: true });
  on(bars.keep, () => {
    saver.release({ keep: true });
    close();
    tell("Kept the code from the link: it replaced yours. Press Ctrl+Z to undo.");
  });
  on(bars.back, () => {
    editor.replaceAll(mine);
    saver.release({ keep: false });
    close();
    tell("Back to your code; the link's code was not kept.");
  });
}

// Copy link: the link to the clipboard, or, without clipboard access, into field (an <input>), selected.
export async function copyLink({ problemId, code, field, tell }) {
  const link = shareLink(problemId, code);
  if (link.tooLong) {
    return tell(`Your code is too long for a link (${link.tooLong.toLocaleString("en")} characters; a link holds `
      + `up to ${MAX_LINK.toLocaleString("en")}). Copy the code itself, or use Export progress on the home page.`);
  }
  try {
    await navigator.clipboard.writeText(link.url);
    tell("Link copied. Whoever opens it sees your code, not run, and chooses whether to keep it.");
  } catch {
    field.value = link.url;
    field.closest(".share-link-box").hidden = false;
    field.select();
    field.focus();
    tell("The link is selected below: press Ctrl+C to copy it.");
  }
}
