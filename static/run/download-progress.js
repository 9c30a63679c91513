// How much of Python's files has come while the worker boots, for the page's progress bar: a copy of each file's
// body is read, and its bytes counted. sizes: {url: bytes}, the files' sizes (as served, decoded), known at
// build time; a response for any other URL is left alone.

export function countDownloads(sizes, report) {
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  let loaded = 0;
  let said = -1; // the last whole percent reported: one message a percent, not one a chunk
  let reporting = true;

  function tell() {
    const percent = Math.floor((100 * loaded) / total);
    if (!reporting || percent === said) return;
    said = percent;
    report({ loaded: Math.min(loaded, total), total });
  }

  return {
    // The response itself, untouched (the browser may keep compiled code for it: a wasm file, say), while a
    // copy of its body is read and counted as it comes.
    counted(response) {
      if (!Object.hasOwn(sizes, response.url) || !response.body) return response;
      const reader = response.clone().body.getReader();
      const count = ({ done, value }) => {
        if (done) return undefined;
        loaded += value.byteLength;
        tell();
        return reader.read().then(count);
      };
      reader.read().then(count).catch(() => {}); // a failed download is reported by whoever reads the response
      return response;
    },

    stop() { // Python is ready: no more news
      reporting = false;
    },
  };
}
