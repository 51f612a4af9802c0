// The name step is rendered on the server, so a phone shows it as soon as the HTML is in,
// not after the app's code (~50 KiB at a phone's speed) has loaded and run (npm run bench:
// join_ready_ms_cpu4x). The server never sees the key (it is in the fragment): it renders the
// name step for every link, and the page checks the link once its code runs.
export const ssr = true;
