// The plots plugin's view (py/playground/plugins/plots/): the training plot of each run, live.
export { createRunView } from "./plots.js";
