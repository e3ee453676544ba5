// The service-request pages' small enhancements on top of htmx.

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
