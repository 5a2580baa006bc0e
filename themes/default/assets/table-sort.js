// Sorts a table by the column whose heading is pressed (cells carry their sort key in
// data-value), and says so with aria-sort. Without JavaScript the table reads in the regency's
// order; this file only adds the buttons.
for (const table of document.querySelectorAll("table#status-table")) {
  const body = table.tBodies[0];
  const headings = [...table.tHead.rows[0].cells];
  table.querySelector(".sort-hint")?.removeAttribute("hidden");
  headings.forEach((th, column) => {
    const kind = th.dataset.sort;
    if (!kind) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      for (const other of headings) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = (row) => row.cells[column].dataset.value ?? "";
      const rows = [...body.rows].sort((a, b) => {
        const order =
          kind === "number" ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b), "id");
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
}
