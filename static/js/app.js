// Behaviour the templates would otherwise write inline, which the Content-Security-Policy forbids.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) {
    field.form.requestSubmit();
  }
});

// A refused form's error summary takes focus, so a screen reader reads what to correct first (WCAG 3.3.1).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// After an htmx swap, say what changed in the page's one polite live region (base.html): the swapped region's own
// message, else its `data-announce` summary. A swap the reader asked for with a form post (a live-meeting record,
// an IA answer) also moves focus to the swapped region, as the form that had it may have been replaced; a filter or
// a poll leaves focus where it is, so typing in a search box is never interrupted.
const swapped = new WeakMap();

document.addEventListener("htmx:beforeSwap", (event) => {
  const { requestConfig, target } = event.detail;
  swapped.set(event.detail.xhr, { id: target.id, post: requestConfig.verb === "post", poll: isPoll(requestConfig) });
});

document.addEventListener("htmx:afterSettle", (event) => {
  const swap = swapped.get(event.detail.xhr);
  if (!swap || swap.poll || !swap.id) {
    return;
  }
  const region = document.getElementById(swap.id);
  if (!region) {
    return;
  }
  if (swap.post) {
    if (!region.hasAttribute("tabindex")) {
      region.setAttribute("tabindex", "-1");
    }
    region.focus({ preventScroll: false });
  }
  announce(messageOf(region));
});

function isPoll(requestConfig) {
  const trigger = requestConfig.elt && requestConfig.elt.getAttribute("hx-trigger");
  return Boolean(trigger && trigger.startsWith("every "));
}

function messageOf(region) {
  const messages = [...region.querySelectorAll("[role=alert], [role=status]")].map((node) => node.textContent.trim());
  const said = messages.filter(Boolean).join(" ");
  if (said) {
    return said;
  }
  const summary = region.matches("[data-announce]") ? region : region.querySelector("[data-announce]");
  return summary ? summary.dataset.announce : "";
}

function announce(text) {
  const live = document.getElementById("live-region");
  if (!live || !text) {
    return;
  }
  // Emptied first, then written a moment later, so the same words twice in a row are announced twice.
  live.textContent = "";
  window.setTimeout(() => {
    live.textContent = text;
  }, 50);
}
