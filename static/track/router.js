// Routing by the URL's hash, so that any static host serves every route: "#/" (or no hash) is the track's
// list, "#/<id>" one problem. Back and forward are the browser's own: each route is a history entry.

// {view: "home"} or {view: "problem", id}.
export function routeOf(hash) {
  const path = hash.replace(/^#\/?/, "");
  if (!path) return { view: "home" };
  return { view: "problem", id: decodeURIComponent(path.replace(/\/$/, "")) };
}

export const HOME = "#/";
export const hrefOf = (id) => `#/${encodeURIComponent(id)}`;

// onRoute(route) now, and on every change of the hash (a link, back, forward, a typed URL).
export function followRoutes(onRoute) {
  addEventListener("hashchange", () => onRoute(routeOf(location.hash)));
  onRoute(routeOf(location.hash));
}
