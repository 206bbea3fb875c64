#!/usr/bin/env python3
"""Inlines the verifier into one HTML file: base64 wasm, wasm-bindgen glue, page script and
style, with a Content-Security-Policy that allows exactly those scripts and that style (by
SHA-256) and nothing from anywhere: no connect-src, no remote anything.

usage: inline-verifier.py GLUE.js MODULE.wasm PAGE_DIR OUT.html
"""
import base64
import hashlib
import sys


def csp_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def main():
    glue_path, wasm_path, page_dir, out_path = sys.argv[1:5]
    glue = open(glue_path, encoding="utf-8").read()
    wasm = base64.b64encode(open(wasm_path, "rb").read()).decode()
    page = open(f"{page_dir}/page.js", encoding="utf-8").read()
    style = open(f"{page_dir}/page.css", encoding="utf-8").read()
    html = open(f"{page_dir}/page.html", encoding="utf-8").read()
    wasm_script = (
        "function wasmBytes(){var s=atob(\"" + wasm + "\");"
        "var u=new Uint8Array(s.length);for(var i=0;i<s.length;i++)u[i]=s.charCodeAt(i);return u;}"
    )
    scripts = [wasm_script, glue, page]
    for s in scripts:
        if "</script" in s.lower():
            sys.exit("a script contains </script")
    html = (
        html.replace("%SCRIPT_HASHES%", " ".join(csp_hash(s) for s in scripts))
        .replace("%STYLE_HASH%", csp_hash(style))
        .replace("%STYLE%", style)
        .replace("%WASM_SCRIPT%", wasm_script)
        .replace("%GLUE%", glue)
        .replace("%PAGE%", page)
    )
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(html)


if __name__ == "__main__":
    main()
