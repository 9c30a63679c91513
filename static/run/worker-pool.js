// The page's Python workers: a spare, booted and warmed with trusted code only, and the one a run has taken. A
// run takes the spare; once it is over, stopped or crashed, its worker is terminated. So no learner code ever runs
// in a Python that a later run uses, and at most two workers are alive at once.
//
// The next spare starts when a run ends, or SPARE_DELAY_MS into a run that goes on: a short run does not share
// the machine with a booting Python, and a long one (that the learner may stop) has a spare ready behind it.

const SPARE_DELAY_MS = 300;

// start(): a new worker (python-worker.js) for the problem the page has open.
export function createWorkerPool(start) {
  let spare = null;
  let timer = null;

  function prepareSpare() {
    clearTimeout(timer);
    if (!spare) spare = start();
  }

  return {
    // The spare, once it is ready (it rejects if its Python could not load: the next take starts another).
    async take() {
      prepareSpare();
      const taken = spare;
      try {
        await taken.ready;
      } catch (error) {
        if (spare === taken) spare = null;
        taken.terminate();
        throw error;
      }
      if (spare === taken) spare = null;
      timer = setTimeout(prepareSpare, SPARE_DELAY_MS);
      return taken;
    },

    // worker: the one take() gave, whose run is over.
    retire(worker) {
      worker.terminate();
      prepareSpare();
    },

    // Boots the first Python at once, before any run asks for it.
    prepare: prepareSpare,

    get spareIsReady() {
      return spare?.isReady ?? false;
    },
  };
}
