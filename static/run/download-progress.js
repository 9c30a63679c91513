// How much of Python's files has come while the worker boots, for the page's progress bar: each file is read
// through a stream that counts its bytes. sizes: {url: bytes}, the files' sizes (as served, decoded), known at
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
    // The response, its body counted as it is read.
    counted(response) {
      if (!Object.hasOwn(sizes, response.url) || !response.body) return response;
      const reader = response.body.getReader();
      const body = new ReadableStream({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          loaded += value.byteLength;
          tell();
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      const { status, statusText, headers } = response;
      return new Response(body, { status, statusText, headers });
    },

    stop() { // Python is ready: no more news
      reporting = false;
    },
  };
}
