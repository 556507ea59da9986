// The console's own script: what a circuit asks of the browser window it runs in.
window.wazzupAdmin = {
    // The window title, set by the page's WindowTitle once per change.
    setTitle(title) {
        document.title = title;
    },
};
