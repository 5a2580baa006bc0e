/** The attribute the theme puts on what a page contributes to the search index (layouts/item.njk). */
export const searchableMark = "data-pagefind-body";
