// The service worker that keeps the playground working offline (see vite.config.js), and the
// prompt that appears when a new release is ready: it takes over only when the learner reloads,
// so a page never runs old and new files together. Their code is saved, so a reload loses nothing.
import { registerSW } from "virtual:pwa-register";

let registered = false;

export function keepWorkingOffline() {
  if (registered || !("serviceWorker" in navigator)) return;
  registered = true;
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => offerReload(() => update(true)),
  });
}

function offerReload(reload) {
  const bar = document.createElement("div");
  bar.className = "update-bar";
  bar.setAttribute("role", "status");
  bar.append("A new version of the playground is ready. Your code is saved. ");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Reload";
  button.addEventListener("click", reload);
  bar.append(button);
  document.body.prepend(bar);
}
