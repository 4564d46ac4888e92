// Material's search dialog has no accessible name (squidfunk/mkdocs-material#4101);
// give it one, rather than keep a copy of the theme's search template.
document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search");
});
