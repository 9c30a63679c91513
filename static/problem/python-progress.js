// The bar beside the status line while Python loads: the bytes of its files so far against their total, then,
// once all have come, a bar with no value while Python starts. Gone once Python is ready, or could not load.
// python: the page's news of Python, {ready, failed, download: {loaded, total} or null}.
export function showPythonProgress(bar, { ready, failed, download }) {
  bar.hidden = ready || failed;
  if (bar.hidden) return;
  if (download && download.loaded < download.total) {
    bar.max = download.total;
    bar.value = download.loaded;
    bar.setAttribute("aria-valuetext", `${Math.floor((100 * download.loaded) / download.total)}% downloaded`);
  } else if (download) {
    bar.removeAttribute("value");
    bar.setAttribute("aria-valuetext", "Starting Python");
  }
}
