// Two fixes to Material's markup, applied again whenever the page changes
// (instant navigation swaps content without reloading this script):
// - its search dialog has no accessible name (squidfunk/mkdocs-material#4101);
// - it wraps each code block's copy button in an unnamed <nav>, so a lesson
//   lists one navigation landmark per code block. A block's toolbar is not
//   site navigation: it stops being a landmark, and the button stays.
const fixMaterialMarkup = () => {
  document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach((dialog) => {
    dialog.setAttribute("aria-label", "Search");
  });
  document.querySelectorAll(".md-code__nav:not([role])").forEach((toolbar) => {
    toolbar.setAttribute("role", "none");
  });
};
fixMaterialMarkup();
new MutationObserver(fixMaterialMarkup).observe(document.body, { childList: true, subtree: true });
