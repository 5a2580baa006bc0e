// Read by Decap CMS when it loads: the configuration comes from admin.js (generated per site at
// build, from the schemas), not from a config.yml next to this page.
window.CMS_MANUAL_INIT = true;
