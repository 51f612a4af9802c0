/*
 * The present screen's first paint. A projector window that is reopened or reloaded would
 * wait for the app's modules (a new renderer process loads ~190 KiB of them) before it shows
 * anything. Instead, this inline script, in every page the hub sends, puts the screen's last
 * paint on top at once, from localStorage (storage/presentPaints.ts), when it still shows all
 * this device's copy of the room holds (storage/copyMarks.ts), for the same window size and
 * build; the app removes it once its own board is drawn (`handOver`), which looks the same.
 *
 * The paint is markup the screen itself drew, serialised by the browser: participants' text
 * is in it as escaped text, and reading it back gives the same text again. It is inert and
 * hidden from assistive technology: the live screen under it is the one to read.
 *
 * On the hub's present page the route's styles are in the page; the offline shell (from the
 * service worker) brings other ones, so the paint brings the app's styles along. The
 * route's module preloads (`kring-preload`, hooks.server.ts) wait until the paint is on
 * screen: fetched at once, they held the page's first frame back by ~20 ms.
 *
 * Its hash is in the Content-Security-Policy (svelte.config.js); it runs on every page and
 * stops at once elsewhere.
 */
export const presentPaintScript = [
  '(function(){',
  'var d=document,t=d.getElementById("kring-preload");',
  'function preload(){if(t)d.head.appendChild(t.content)}',
  'var m=/^\\/s\\/([0-9a-z-]+)\\/present\\/?$/.exec(location.pathname);',
  'if(!m)return preload();',
  'try{',
  'var s=localStorage,p=JSON.parse(s.getItem("kring-present:"+m[1])||"null");',
  'if(!p||p.v!==1||p.build!==d.documentElement.getAttribute("data-build")||p.w!==innerWidth||',
  'p.h!==innerHeight||p.dpr!==devicePixelRatio)return preload();',
  'var k=JSON.parse(s.getItem("kring-copy:"+p.room)||"{}");',
  'for(var c in k)if(!((p.state[c]||0)>=k[c]))return preload();',
  'if(!t){var css=JSON.parse(s.getItem("kring-present-css")||"null");',
  'if(!css||css.build!==p.build)return preload();',
  'var style=d.createElement("style");style.id="present-paint-styles";style.textContent=css.css;',
  'd.head.appendChild(style)}',
  'var layer=d.createElement("div");layer.id="present-paint";layer.setAttribute("aria-hidden","true");',
  'layer.inert=true;layer.innerHTML=p.html;d.body.appendChild(layer);',
  // Should the app not take over (its code failed), the live screen shows after a while.
  'setTimeout(function(){layer.remove()},8000);',
  'requestAnimationFrame(function(){setTimeout(preload)})',
  '}catch(e){preload()}',
  '})()'
].join('');

/** Attribute on `<html>` naming the build (hooks.server.ts), read by the script above. */
export const buildAttribute = 'data-build';

/**
 * A `Link` header's module preloads as the template the script adds (`kring-preload`), and
 * the header's other entries, which stay (hooks.server.ts).
 */
export function splitPreloads(link: string): { template: string; rest: string } {
  const entries = link.split(/,\s*(?=<)/);
  const modules = entries.filter((entry) => /;\s*rel="modulepreload"/.test(entry));
  const href = (entry: string): string =>
    (/^<([^>]+)>/.exec(entry)?.[1] ?? '').replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  const links = modules.map((entry) => `<link rel="modulepreload" href="${href(entry)}">`);
  return {
    template: `<template id="kring-preload">${links.join('')}</template>`,
    rest: entries.filter((entry) => !modules.includes(entry)).join(', ')
  };
}
