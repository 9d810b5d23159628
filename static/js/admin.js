// Django's admin writes the search icon of its two-list pickers (SelectFilter2) as a <span aria-label>, a name ARIA
// does not allow on a generic element: it is an image with that name. The pickers are built on window load.
window.addEventListener("load", () => {
  for (const icon of document.querySelectorAll("span.help-tooltip[aria-label]:not([role])")) {
    icon.setAttribute("role", "img");
  }
});
