// Work that learner code leaves scheduled belongs to the run that scheduled it: when the run ends it is
// cancelled, so it can neither slow the next run down nor block it and have the next run blamed for it.
// Covered: JS timers (setTimeout, setInterval: js.setTimeout, pyodide.ffi.set_timeout, and asyncio's
// delayed callbacks) and asyncio's immediate callbacks (Pyodide's WebLoop schedules them through
// pyodide.webloop.scheduleCallback). What is not covered (a promise or microtask that never ends) is caught
// by the page: the worker acknowledges each run when it picks it up (runner-client.js).

export function createLeftoverGuard(scope = self) {
  const timers = new Set(); // ids of the timers the run in progress started
  const clear = scope.clearTimeout.bind(scope); // clears intervals too: one list of timers
  let run = 0; // the run in progress, 0 between runs
  let runs = 0;

  // Installed before Pyodide loads, so that Python's `from js import setTimeout` gets the wrapper too.
  for (const name of ["setTimeout", "setInterval"]) {
    const start = scope[name].bind(scope);
    scope[name] = (...args) => {
      const id = start(...args);
      if (run) timers.add(id);
      return id;
    };
  }

  return {
    begin() {
      run = ++runs;
    },

    end() {
      run = 0;
      for (const id of timers) clear(id);
      timers.clear();
    },

    // Wraps the WebLoop's scheduler: a callback scheduled during a run is dropped if it comes due after
    // that run has ended (a run is one synchronous call, so it always does).
    guardWebLoop(pyodide) {
      const webloop = pyodide.pyimport("pyodide.webloop");
      const schedule = webloop.scheduleCallback;
      webloop.scheduleCallback = (callback, delay) => {
        const scheduledBy = run;
        schedule(() => {
          if (scheduledBy === 0 || scheduledBy === run) callback();
          else callback.destroy?.();
        }, delay);
      };
      webloop.destroy();
    },
  };
}
