// The change-control pages' small enhancements on top of htmx.

// A change's page: after htmx swaps its panels in place, put the keyboard focus where the
// person can carry on, since the button they pressed is gone: the first field with an
// error if the step was refused, otherwise the status heading.
document.addEventListener("htmx:afterSettle", (event) => {
  const panels = document.getElementById("change-panels");
  const swapped = event.detail && event.detail.target;
  if (!panels || !swapped || (swapped !== panels && swapped.id !== "change-panels")) {
    return;
  }
  const invalid = panels.querySelector("[aria-invalid='true']");
  const target = invalid || panels.querySelector("[data-focus-after-swap]");
  if (target) {
    target.focus();
  }
});

// Printable reports and agendas: a button that opens the browser's print dialog.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
