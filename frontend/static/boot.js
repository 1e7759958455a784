// Loads the wasm app, or first sends a visit without a saved session to the login module (a
// small fraction of the app), remembering the page asked for. A file of its own, because the
// page's CSP allows no inline script. The app is imported only when it will run.
const booting = document.getElementById("booting");

function savedSession() {
  try {
    const saved = JSON.parse(localStorage.getItem("jingzhun.session"));
    // An unreadable date is left to the app, which checks the session itself.
    return saved && saved.token && !(Date.parse(saved.expires_at) <= Date.now()) ? saved : null;
  } catch (_) {
    return null;
  }
}

// Set by the login module when it forwards a saved session here; cleared once the app takes it.
// Still set on the way back means the app refused the session: the login module then drops it.
const FORWARDED = "jingzhun.forwarded";

// At /login itself this page is served only by a server without the login module: the app logs
// in there (sending the visit on would loop).
if (savedSession() || location.pathname === "/login") {
  sessionStorage.removeItem(FORWARDED);
  import("./{{js}}")
    .then((app) => app.default({ module_or_path: "/assets/{{wasm}}" }))
    .then(() => booting && booting.remove())
    .catch((error) => {
      if (booting) booting.textContent = "加载失败，请刷新页面重试。Loading failed, please reload.";
      console.error(error);
    });
} else {
  const here = location.pathname + location.search + location.hash;
  location.replace(here === "/" ? "/login" : "/login?next=" + encodeURIComponent(here));
}
