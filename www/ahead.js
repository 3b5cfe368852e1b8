// A worker that makes the next Step's batch off the page's thread (main.js asks for it when it
// is large: at N = 4096 it is ~40 ms of work). It runs the first view's wasm, the same code as the
// page's idle time, so the same bits; the page checks the batch is still the one it wants.
// Glue only: an order (App::ahead_order's words) in, [order, values] out; values null if it failed.
import init, { make_batch } from "./pkg/lab.js";

const ready = init();
onmessage = async ({ data: order }) => {
  try {
    await ready;
    const values = make_batch(order);
    postMessage([order, values], [values.buffer]);
  } catch {
    postMessage([order, null]);
  }
};
