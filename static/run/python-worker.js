// One Python worker (worker.js), seen from the page: the messages it sends, as calls and promises. It boots, says
// when it is ready, runs one run, and is thrown away (worker-pool.js).
//
// The worker answers on a MessageChannel port given to it at boot, never on the worker itself: learner code runs
// in the worker and could post there. A worker that dies shows no error event when the learner's code closes it
// (`import js; js.close()`): the worker holds a Web Lock while it lives, and the lock coming free tells us it is gone.

// snapshot: a Blob of Python's memory snapshot for it to boot from, or null (it looks in Cache Storage itself).
// on: {status(text), progress({loaded, total}), snapshot(bytes)}, what it says while it boots.
export function startPythonWorker({ baseUrl, problemId, snapshot, on }) {
  // Writing 2 here raises KeyboardInterrupt in Python; shared memory needs a cross-origin isolated page.
  const interrupt = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const channel = new MessageChannel();
  const port = channel.port1;
  const lock = `autograd-playground-worker-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  let run = null; // the run it was given: {id, resolve, onStarted, onLive}
  let gone = false;
  let isReady = false;
  let died = () => {};

  const ready = new Promise((resolve, reject) => {
    // Python itself failed (the learner's exceptions come back as results).
    died = (message) => {
      if (gone) return;
      gone = true;
      reject(new Error(message)); // a boot that had not ended
      run?.resolve({ type: "crash", message });
    };
    port.onmessage = ({ data }) => {
      if (data.type === "status") on.status?.(data.text);
      else if (data.type === "download") on.download?.({ loaded: data.loaded, total: data.total });
      else if (data.type === "snapshot") on.snapshot?.(data.bytes);
      else if (data.type === "alive") navigator.locks.request(lock, () => died("the worker closed"));
      else if (data.type === "ready") {
        isReady = true;
        resolve(data);
      }
      else if (data.type === "boot-error") reject(new Error(data.message));
      else if (run && data.id === run.id) answered(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      died(event.message || "unknown error");
    };
  });
  ready.catch(() => {}); // whoever takes the worker hears of it

  function answered(data) {
    if (data.type === "started") run.onStarted();
    else if (data.type === "live") run.onLive(String(data.plugin), data.data);
    else if (["result", "crash", "missing"].includes(data.type)) run.resolve(data);
  }

  const boot = { type: "boot", baseUrl, port: channel.port2, problemId, snapshot, interruptBuffer: interrupt };
  worker.postMessage({ ...boot, lock: navigator.locks ? lock : null }, [channel.port2]);

  return {
    ready,
    get isReady() {
      return isReady && !gone;
    },
    canInterrupt: interrupt !== null,

    // message: {type: "tests" | "script", problemId, code}. Resolves to the worker's answer: {type: "result",
    // result, droppedUpdates}, {type: "crash", message} or {type: "missing", message}.
    run(message, { onStarted, onLive }) {
      return new Promise((resolve) => {
        run = { id: 1, resolve, onStarted, onLive };
        if (gone) resolve({ type: "crash", message: "the worker had stopped" });
        else port.postMessage({ ...message, id: run.id });
      });
    },

    // Raises KeyboardInterrupt in Python (canInterrupt only).
    interrupt() {
      interrupt[0] = 2;
    },

    terminate() {
      gone = true;
      worker.terminate();
      port.close();
    },
  };
}
