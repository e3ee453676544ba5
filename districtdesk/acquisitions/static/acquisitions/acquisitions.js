// The technology-request pages' small enhancements on top of htmx.

// A request's page and the approvals inbox: after htmx swaps a panel or a card in place, put
// the keyboard focus where the person can carry on, since the button they pressed is gone:
// the first field with an error if the step was refused, otherwise the status heading (or
// the card's message).
document.addEventListener("htmx:afterSettle", (event) => {
  const swapped = event.detail && (event.detail.target || event.detail.elt);
  if (!swapped || !swapped.id) {
    return;
  }
  const area = document.getElementById(swapped.id);
  if (!area || !(area.id === "technology-panels" || area.id.startsWith("approval-"))) {
    return;
  }
  const invalid = area.querySelector("[aria-invalid='true']");
  const target = invalid || area.querySelector("[data-focus-after-swap]");
  if (target) {
    target.focus();
  }
});

// The receiving screen, for a keyboard-wedge scanner that types a code and presses Enter:
// Enter in the serial box moves to the bar-tag box; Enter there submits. After each answer,
// the serial box is empty and focused for the next item.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") {
    return;
  }
  const field = event.target;
  if (!(field instanceof HTMLInputElement) || field.dataset.scan !== "serial") {
    return;
  }
  const form = field.closest("form");
  const tag = form && form.querySelector("[data-scan='tag']");
  if (tag) {
    event.preventDefault();
    tag.focus();
    tag.select();
  }
});

document.addEventListener("htmx:afterSettle", () => {
  const panel = document.getElementById("receive-panel");
  if (!panel) {
    return;
  }
  const invalid = panel.querySelector("[data-scan][aria-invalid='true']");
  const serial = panel.querySelector("[data-scan='serial']");
  const target = invalid || serial;
  if (target) {
    target.focus();
    target.select();
  }
});
