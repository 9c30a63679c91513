// What a run's plugins send the page while it goes (live data, py/playground/live.py: the plots plugin's updates).
// Learner code can call the send function itself, so what reaches the page is capped here, out of Python's reach:
// each update's size, their rate and their total. The plots plugin sends one at most every 0.1 s, well within these.

const MAX_CHARS = 1_000_000; // one update
const MAX_TOTAL_CHARS = 20_000_000; // a whole run
const PER_SECOND = 20; // updates, in the long run
const BURST = 20; // updates at once
const clock = performance.now.bind(performance); // taken before any learner code can replace it

// post(text): sends one update on. Returns {send(json), dropped()}: dropped() counts what was not let through.
export function updateValve(post, now = clock) {
  let tokens = BURST;
  let last = now();
  let total = 0;
  let dropped = 0;
  return {
    send(json) {
      const text = String(json);
      const time = now();
      tokens = Math.min(BURST, tokens + ((time - last) * PER_SECOND) / 1000);
      last = time;
      if (tokens < 1 || text.length > MAX_CHARS || total + text.length > MAX_TOTAL_CHARS) {
        dropped += 1;
        return;
      }
      tokens -= 1;
      total += text.length;
      post(text);
    },
    dropped: () => dropped,
  };
}
