// The service-request pages' small enhancements on top of htmx.

// Our Content-Security-Policy forbids inline styles, so htmx must not carry an element's
// style attribute across a swap (its default "settle" does, and the browser then blocks
// and reports it whenever something, such as an extension, has added one).
if (window.htmx) {
  window.htmx.config.attributesToSettle = ["class", "width", "height"];
}

// A request's page: after htmx swaps its panels in place, put the keyboard focus where the
// person can carry on, since the button they pressed is gone. The first field with an
// error if the step was refused, otherwise the status heading (the change is also
// announced by the page's status region).
document.addEventListener("htmx:afterSettle", (event) => {
  const panels = document.getElementById("request-panels");
  const swapped = event.detail && event.detail.target;
  if (!panels || !swapped || (swapped !== panels && swapped.id !== "request-panels")) {
    return;
  }
  const invalid = panels.querySelector("[aria-invalid='true']");
  const target = invalid || panels.querySelector("[data-focus-after-swap]");
  if (target) {
    target.focus();
  }
});
