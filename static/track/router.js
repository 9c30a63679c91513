// Routing by the URL's hash, so that any static host serves every route: "#/" (or no hash) is the track's
// list, "#/<id>" one problem. Back and forward are the browser's own: each route is a history entry.

// {view: "home"} or {view: "problem", id}, with shared: the data of a share link ("#/<id>?code=<data>",
// problem/share.js) when there is one. A link whose id can't be decoded (a malformed %-escape, as a link cut or
// mangled on its way may have) is {view: "home", damaged: true}: the list, with a word about the link.
export function routeOf(hash) {
  const [path, query] = splitOnce(hash.replace(/^#\/?/, ""), "?");
  if (!path) return { view: "home" };
  let id;
  try {
    id = decodeURIComponent(path.replace(/\/$/, ""));
  } catch {
    return { view: "home", damaged: true };
  }
  const route = { view: "problem", id };
  if (query?.startsWith("code=")) route.shared = query.slice("code=".length); // "+" is data, not a space
  return route;
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

export const HOME = "#/";
export const hrefOf = (id) => `#/${encodeURIComponent(id)}`;

// Takes a share link's data out of the address, so that a reload does not offer it again (no hashchange).
export function forgetShared(id) {
  history.replaceState(history.state, "", hrefOf(id));
}

// onRoute(route) now, and on every change of the hash (a link, back, forward, a typed URL).
export function followRoutes(onRoute) {
  addEventListener("hashchange", () => onRoute(routeOf(location.hash)));
  onRoute(routeOf(location.hash));
}
