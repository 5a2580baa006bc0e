// The hub's combined Daftar Informasi Publik: three lists filter the table's rows in place. The
// table is complete without JavaScript; this file only shows the lists and hides rows.
const form = document.getElementById("dip-filters");
const rows = [...document.querySelectorAll("#dip-table tbody tr")];
form.hidden = false;
form.addEventListener("change", () => {
  const want = Object.fromEntries(new FormData(form));
  let shown = 0;
  for (const row of rows) {
    const match = ["unit", "year", "classification"].every((k) => !want[k] || row.dataset[k] === want[k]);
    row.hidden = !match;
    if (match) shown++;
  }
  form.elements.namedItem("count").value = shown;
});
