// The bar beside the status line while Python loads: the bytes of its files so far against their total, then,
// once all have come, a bar with no value while Python starts. Gone once Python is ready, or could not load.
// python: the page's news of Python, {ready, failed, progress: {loaded, total} or null}.
export function showPythonProgress(bar, { ready, failed, progress }) {
  bar.hidden = ready || failed;
  if (bar.hidden) return;
  if (progress && progress.loaded < progress.total) {
    bar.max = progress.total;
    bar.value = progress.loaded;
    bar.setAttribute("aria-valuetext", `${Math.floor((100 * progress.loaded) / progress.total)}% downloaded`);
  } else if (progress) {
    bar.removeAttribute("value");
    bar.setAttribute("aria-valuetext", "Starting Python");
  }
}
