// Behaviour the templates would otherwise write inline, which the Content-Security-Policy forbids.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) {
    field.form.requestSubmit();
  }
});
