// Each run's results shown add one to the region's data-shown: a count that only grows, for tests to wait on (a
// run may be over before they could see it busy).
export function countShown(region) {
  region.dataset.shown = String(Number(region.dataset.shown ?? 0) + 1);
}
