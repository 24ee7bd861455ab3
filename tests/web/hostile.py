"""A hostile stored page: everything in it tries to run code or load something from
``origin`` (another server the tests watch)."""

from __future__ import annotations


def hostile_page(origin: str) -> bytes:
    o = origin
    return f"""<!doctype html>
<html><head>
<base href="{o}/base/">
<meta http-equiv="refresh" content="0;url={o}/refresh">
<link rel="stylesheet" href="{o}/style.css">
<link rel="preload" as="image" href="{o}/preload.png">
<style>@import url({o}/import.css); body {{ background: url({o}/background.png); }}
@font-face {{ font-family: x; src: url({o}/font.woff); }} p {{ font-family: x; }}</style>
<script src="{o}/script.js"></script>
<script>document.documentElement.setAttribute("data-ran", "script");
fetch("{o}/fetch"); new Image().src = "{o}/beacon.png";</script>
</head>
<body onload="document.documentElement.setAttribute('data-ran', 'onload')">
<h1>Minister resigns</h1>
<p style="background: url({o}/inline.png)">The article text, kept as evidence.</p>
<img src="{o}/image.png" srcset="{o}/srcset.png 2x" alt="a photo">
<img src="x" onerror="document.documentElement.setAttribute('data-ran', 'onerror')">
<svg><image href="{o}/svg.png"/></svg>
<iframe src="{o}/frame"></iframe>
<object data="{o}/object"></object>
<video poster="{o}/poster.png" src="{o}/video.mp4" autoplay></video>
<form action="{o}/form" method="post"><input name="q" autofocus
 onfocus="document.documentElement.setAttribute('data-ran', 'onfocus')"></form>
<a href="javascript:document.documentElement.setAttribute('data-ran', 'link')">a link</a>
<noscript><img src="{o}/noscript.png"></noscript>
</body></html>""".encode()
