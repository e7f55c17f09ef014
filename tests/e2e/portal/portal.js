// The few lines a portal needs (the README shows the same): embed the tool from its own origin
// and size the frame from the height messages it posts. ?app=<url of the tool> in tests.
const app = new URL(new URLSearchParams(location.search).get("app"));
app.searchParams.set("embed", "");
const frame = document.createElement("iframe");
frame.src = app.href;
frame.title = "DOCKER_AUTH_CONFIG Builder";
frame.allow = "clipboard-write";
frame.setAttribute("sandbox", "allow-scripts allow-same-origin");
frame.style.width = "360px";
frame.style.border = "0";
document.getElementById("frame-slot").append(frame);
window.heights = [];
window.addEventListener("message", (event) => {
  if (event.origin !== app.origin || event.data?.type !== "auth-config-builder:height") return;
  window.heights.push(event.data.height);
  frame.style.height = `${event.data.height}px`;
});
