// Everything Kring shows lives on the device (IndexedDB) or arrives by sync, so there is
// nothing for the server to render: the hub serves one shell and the client routes.
export const ssr = false;
export const prerender = false;
