// The service worker that keeps the playground working offline (static/offline/sw.js), and the prompt that
// appears when a new release is ready: it takes over only when the learner reloads, so a page never runs
// old and new files together. Their code is saved, so a reload loses nothing.

let registered = false;

export async function keepWorkingOffline() {
  if (registered || !("serviceWorker" in navigator)) return;
  registered = true;
  const registration = await navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`);
  if (!registration) return; // service workers blocked (a browser setting, or a test's context)
  let offered = false;
  // A release installed beside the one running this page (the first install has no page to take over).
  const whenInstalled = (worker) => {
    const offer = () => {
      if (offered || worker.state !== "installed" || !navigator.serviceWorker.controller) return;
      offered = true;
      offerReload(worker);
    };
    worker.addEventListener("statechange", offer);
    offer();
  };
  for (const worker of [registration.waiting, registration.installing]) if (worker) whenInstalled(worker);
  registration.addEventListener("updatefound", () => whenInstalled(registration.installing));
}

function offerReload(worker) {
  const bar = document.createElement("div");
  bar.className = "update-bar";
  bar.setAttribute("role", "status");
  bar.append("A new version of the playground is ready. Your code is saved. ");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Reload";
  button.addEventListener("click", () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
    worker.postMessage({ type: "SKIP_WAITING" });
  });
  bar.append(button);
  document.body.prepend(bar);
}
