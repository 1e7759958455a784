// Loads the wasm app. A file of its own, because the page's CSP allows no inline script.
import init from "./{{js}}";

const booting = document.getElementById("booting");
init({ module_or_path: "/assets/{{wasm}}" })
  .then(() => booting && booting.remove())
  .catch((error) => {
    if (booting) booting.textContent = "加载失败，请刷新页面重试。Loading failed, please reload.";
    console.error(error);
  });
