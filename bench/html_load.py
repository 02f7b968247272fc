"""Size, render time and Chromium load time of the HTML redline of a bench pair.

Run after run.py has generated the pairs: .venv/bin/python bench/html_load.py [PAGES]
"""
import sys
import time
from pathlib import Path
from playwright.sync_api import sync_playwright
from drafting.readers import read_document
from drafting.diff import diff
from drafting.writers.html import redline

d = Path("bench/data") / (sys.argv[1] if len(sys.argv) > 1 else "1000")
rl = diff(read_document(d / "old.txt"), read_document(d / "new.txt"))
t = time.perf_counter(); html = redline(rl); render = time.perf_counter() - t
out = Path("/tmp/big-redline.html"); out.write_text(html, encoding="utf-8")
print(f"HTML {len(html.encode()) / 1e6:.2f} MB, rendered in {render:.2f} s")
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"])
    for _ in range(3):
        pg = b.new_page()
        t = time.perf_counter(); pg.goto(out.as_uri()); pg.wait_for_selector("html[data-ready]", state="attached"); load = time.perf_counter() - t
        t = time.perf_counter(); pg.keyboard.press("n"); pg.wait_for_timeout(0); first_n = time.perf_counter() - t
        print(f"loaded and interactive in {load:.2f} s; first n {first_n:.2f} s")
        pg.close()
    b.close()
