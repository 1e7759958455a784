// Loads the login module. Once the form shows, the app itself is fetched into the cache at the
// lowest priority while the user types, so it is there when the login completes.
import init from "./{{js}}";

const booting = document.getElementById("booting");
init({ module_or_path: "/assets/{{wasm}}" })
  .then(() => {
    if (booting) booting.remove();
    for (const href of ["/assets/{{app_js}}", "/assets/{{app_wasm}}"]) {
      const link = document.createElement("link");
      link.rel = "prefetch";
      link.href = href;
      link.crossOrigin = "anonymous";
      document.head.append(link);
    }
  })
  .catch((error) => {
    if (booting) booting.textContent = "加载失败，请刷新页面重试。Loading failed, please reload.";
    console.error(error);
  });
