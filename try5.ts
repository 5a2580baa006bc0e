import { launchChromium } from "./tools/test/browser.ts";
const b = await launchChromium();
const p = await b.newPage({ viewport: { width: 1280, height: 800 } });
p.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") console.log("console:", m.type(), m.text().slice(0, 300)); });
p.on("pageerror", (e) => console.log("pageerror:", e.message));
await p.goto("http://dinkes.localhost:8099/admin/");
await p.waitForTimeout(4000);
await p.screenshot({ path: "/tmp/admin1.png" });
console.log((await p.locator("body").innerText()).slice(0, 500));
const login = p.getByRole("button", { name: /Masuk/ });
if (await login.count()) { await login.click(); await p.waitForTimeout(4000); }
await p.screenshot({ path: "/tmp/admin2.png" });
console.log((await p.locator("body").innerText()).slice(0, 800));
await b.close();
