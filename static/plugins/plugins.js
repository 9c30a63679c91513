// The page's side of the problem plugins (py/playground/plugins/<name>/): each folder here holds one plugin's
// views, and its index.js says what they draw, from the data the plugin put in a Result (under its name, in a
// test's or the run's `plugins`) or sent while the code ran ({type: "live", plugin, data}). Every part is
// optional:
//   testView(data, {test, describedBy, keep}): an element for a test's entry, or null. data: the test's
//     plugins[name]; describedBy: the id of the test's name, for the element's controls; keep: see below.
//   scriptView(container, data, options, {keep}): draws into container (on the page already) what the plugin
//     added to a Run code result (data, or undefined when it added nothing). options: the problem.json's for the
//     plugin.
//   solvedViews(result): elements for the Solved panel after the track's last problem.
//   runCodeHint(options): words the editor's hint on Run code gains (", and ... draw(v),").
//   createRunView({section, timeLimit, options}): the plugin's view of each run, in a hidden <section> of its
//     own: {begin(), live(data, seconds), finish(data, result)}; data: what the plugin sent, or added to the run.
//   cancel(root): stops what is being drawn inside root (a new run starts there, or the problem closes).
// keep: {load(), save(data)}, what the plugin keeps for the problem with its progress (storage.js), JSON-able data
// of its own; load() gives undefined when it keeps nothing.
// The folders are found at build time: a plugin with none draws nothing.

import { el } from "../dom.js";
import { loadPluginData, savePluginData } from "../track/storage.js";

const found = import.meta.glob("./*/index.js", { eager: true });
const views = new Map(Object.entries(found).map(([path, view]) => [path.split("/")[1], view]));

// The plugins the problem turns on that have views: [name, view, options], in problem.json's order.
function pluginsOf(meta) {
  return Object.entries(meta?.plugins ?? {}).filter(([name]) => views.has(name))
    .map(([name, options]) => [name, views.get(name), options ?? {}]);
}

function keeper(problemId, name) {
  return { load: () => loadPluginData(problemId)[name], save: (data) => savePluginData(problemId, name, data) };
}

export function testViews(test, { describedBy, problemId }) {
  return Object.entries(test.plugins ?? {}).map(([name, data]) => views.get(name)?.testView?.(data,
    { test, describedBy, keep: keeper(problemId, name) })).filter(Boolean);
}

export function showScriptViews(container, meta, result) {
  for (const [name, view, options] of pluginsOf(meta)) {
    view.scriptView?.(container, result.plugins?.[name], options, { keep: keeper(meta.id, name) });
  }
}

export function solvedViews(result) {
  return [...views.values()].flatMap((view) => view.solvedViews?.(result) ?? []);
}

export function runCodeHint(meta) {
  return pluginsOf(meta).map(([, view, options]) => view.runCodeHint?.(options) ?? "").join("");
}

export function cancelViews(root) {
  for (const view of views.values()) view.cancel?.(root);
}

// The problem's plugins' views of its runs, each in a section of its own appended to container; null when none
// has one. Returns {begin(), live(plugin, data, seconds), finish(result)}.
export function createRunViews(meta, { container, timeLimit }) {
  const made = new Map();
  for (const [name, view, options] of pluginsOf(meta)) {
    if (!view.createRunView) continue;
    const section = el("section", { className: `plugin-view plugin-${name}`, hidden: true });
    container.append(section);
    made.set(name, view.createRunView({ section, timeLimit, options }));
  }
  if (!made.size) return null;
  return {
    begin: () => made.forEach((view) => view.begin?.()),
    live: (plugin, data, seconds) => made.get(plugin)?.live?.(data, seconds),
    finish: (result) => made.forEach((view, name) => view.finish?.(result.plugins?.[name], result)),
  };
}
